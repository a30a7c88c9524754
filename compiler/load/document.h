// A YAML or JSON document as a tree that remembers the position of every node.
//
// yaml-cpp's own Node API forgets whether a scalar was quoted, accepts
// duplicate keys and expands aliases without limit; this tree is built from
// its event parser instead, so the loader can refuse all three.
#ifndef SPARKMC_LOAD_DOCUMENT_H_
#define SPARKMC_LOAD_DOCUMENT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/load/source.h"

namespace sparkmc {

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string value;  ///< Scalar text.
  bool plain = false; ///< An unquoted scalar: `1` and `true` are not strings.
  int line = 0;       ///< 1-based.
  int column = 0;     ///< 1-based.
  /// The file this node was written in, when it is not the document's own:
  /// a job-template run's request mixes nodes of the run and of the template.
  /// Null means the file being read. Owned elsewhere (kept alive by the job).
  const SourceFile* source = nullptr;
  std::vector<Node> items;                    ///< Sequence items.
  std::vector<std::pair<Node, Node>> members; ///< Map entries in file order.

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsMap() const { return kind == Kind::kMap; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  /// The value of map key \a key, or null when absent or not a map.
  const Node* Find(std::string_view key) const;
  /// The key node of member \a key (to point at a key, not its value), or null.
  const Node* FindKey(std::string_view key) const;
  /// A scalar holding \a value, placed (line, column, file) where \a at is:
  /// for members a rewrite adds, such as an ACK spelling's request name.
  static Node ScalarAt(std::string value, const Node& at);
  /// "string", "number", "boolean", "null", "list" or "object": how a JSON user
  /// would name this node's type in an error message.
  std::string TypeName() const;
};

struct LoadLimits {
  size_t max_nodes = 4000000;  ///< Bounds alias expansion ("billion laughs").
  /// Bounds the text aliases expand to (one long anchored scalar repeated):
  /// 8 times the file, plus 1 MiB.
  size_t max_bytes(size_t file_size) const { return 8 * file_size + (1 << 20); }
  /// Text starting with '{' or '[' must be strict JSON (a .json file). Off for
  /// YAML strings embedded in YAML, such as ACK's configurationOverrides.
  bool strict_json = true;
};

/// Parses every document in \a source (a YAML stream; JSON is YAML). Throws
/// InputError at the offending line and column for syntax errors, duplicate
/// keys, NUL bytes, invalid UTF-8, excessive nesting or alias expansion.
std::vector<Node> ParseDocuments(const SourceFile& source, const LoadLimits& limits = {});

/// Called with every source ParseDocuments is about to parse (an ACK
/// JobRun's configurationOverrides string too, under its file's path), so a
/// test can prove each file of a run is parsed once. Null (the default): no
/// call. Process-wide; set it before the run starts.
using ParseHook = void (*)(const SourceFile& source);
void SetParseHook(ParseHook hook);

}  // namespace sparkmc

#endif  // SPARKMC_LOAD_DOCUMENT_H_
