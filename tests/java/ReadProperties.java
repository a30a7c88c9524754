// Reads properties files the way Spark reads spark-defaults.conf
// (org.apache.spark.util.Utils.getPropertiesFromFile: java.util.Properties.load
// from an InputStreamReader in UTF-8, then each value trimmed by
// trimExceptCRLF) and prints what it read, for tests/properties_java_test.cc.
//
//   java tests/java/ReadProperties.java FILE...
//
// For each FILE, one JSON object on its own lines:
//   {"file": "...",
//   "properties": {
//   "key": "value",
//   ...},
//   "spark": {
//   ...}}
// "properties" is what Properties.load read, "spark" the same after Spark's
// trim. Members are sorted by key (String.compareTo: UTF-16 code units) and
// one per line. Strings escape '"' and '\' with a backslash and every other
// char outside U+0020..U+007E as \\uXXXX (uppercase hex, one per UTF-16 code
// unit, so a lone surrogate is shown as it is). When load throws, the object
// is {"file": "...", "error": "<exception class>: <message>"}.
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

public class ReadProperties {
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7E) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  // Spark's Utils.trimExceptCRLF: drops leading and trailing chars <= ' '
  // except CR and LF.
  static String trimExceptCRLF(String str) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < str.length(); i++) {
      char ch = str.charAt(i);
      if (ch > ' ' || ch == '\r' || ch == '\n') {
        if (first < 0) first = i;
        last = i;
      }
    }
    return first >= 0 ? str.substring(first, last + 1) : "";
  }

  static void members(StringBuilder out, Properties p, List<String> keys, boolean spark) {
    out.append("{");
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      String v = p.getProperty(k);
      out.append("\n").append(quote(k)).append(": ").append(quote(spark ? trimExceptCRLF(v) : v));
      if (i + 1 < keys.size()) out.append(",");
    }
    out.append("}");
  }

  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String file : args) {
      out.append("{\"file\": ").append(quote(file)).append(",\n");
      Properties p = new Properties();
      try (Reader in = new InputStreamReader(new FileInputStream(file), StandardCharsets.UTF_8)) {
        p.load(in);
      } catch (IllegalArgumentException e) {
        out.append("\"error\": ").append(quote(e.getClass().getName() + ": " + e.getMessage())).append("}\n");
        continue;
      }
      List<String> keys = new ArrayList<>(p.stringPropertyNames());
      Collections.sort(keys);
      out.append("\"properties\": ");
      members(out, p, keys, false);
      out.append(",\n\"spark\": ");
      members(out, p, keys, true);
      out.append("}\n");
    }
    System.out.print(out);
    System.out.flush();
  }
}
