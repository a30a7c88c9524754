#include "compiler/base/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <stdexcept>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)  // <linux/fs.h>; not every libc exposes it
#endif
#include "compiler/base/fs_internal.h"

namespace sparkmc::fs {

namespace internal {

std::string Join(const std::string& dir, const std::string& name) {
  if (dir == ".") return name;
  return dir == "/" ? "/" + name : dir + "/" + name;
}

Type FromMode(mode_t mode) {
  if (S_ISREG(mode)) return Type::kFile;
  if (S_ISDIR(mode)) return Type::kDirectory;
  if (S_ISLNK(mode)) return Type::kSymlink;
  return Type::kOther;
}

/// lstat as a Type; returns an errno, except that nothing there is kMissing.
int Lstat(const std::string& path, Type* type) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    *type = FromMode(st.st_mode);
    return 0;
  }
  *type = Type::kMissing;
  return errno == ENOENT || errno == ENOTDIR ? 0 : errno;
}

/// List without the exception, so readers can throw InputError and writers
/// OutputError. Returns an errno.
int ListInto(const std::string& dir, std::vector<Entry>* out) {
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
  if (!d) return errno;
  for (;;) {
    errno = 0;  // readdir reports errors only through errno
    dirent* e = ::readdir(d.get());
    if (!e) {
      if (errno) return errno;
      break;
    }
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    Entry entry{name, Type::kOther};
    switch (e->d_type) {
      case DT_REG: entry.type = Type::kFile; break;
      case DT_DIR: entry.type = Type::kDirectory; break;
      case DT_LNK: entry.type = Type::kSymlink; break;
      case DT_UNKNOWN: {  // some filesystems (XFS v4, some FUSE) do not fill d_type
        struct stat st;
        if (::fstatat(::dirfd(d.get()), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
          if (errno == ENOENT) continue;  // removed since readdir
          return errno;
        }
        entry.type = FromMode(st.st_mode);
        break;
      }
      default: break;
    }
    out->push_back(std::move(entry));
  }
  std::sort(out->begin(), out->end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return 0;
}


}  // namespace internal

namespace {

using internal::Fd;
using internal::FromMode;
using internal::Join;
using internal::ListInto;
using internal::Lstat;

constexpr int kMaxDepth = 64;

[[noreturn]] void ReadFail(const std::string& path, const std::string& what) {
  throw InputError(Location{path, 0, 0}, what);
}

void WalkInto(const std::string& dir, int depth, const NameFilter& keep, std::vector<std::string>* out) {
  if (depth > kMaxDepth) ReadFail(dir, fmt::format("directory tree is more than {} levels deep", kMaxDepth));
  for (const Entry& e : List(dir)) {
    if (e.name[0] == '.') continue;  // hidden files, .sparkmc.yaml, our own temp folders
    std::string path = Join(dir, e.name);
    if (e.type == Type::kDirectory) {
      WalkInto(path, depth + 1, keep, out);
    } else if (e.type == Type::kFile && (!keep || keep(e.name))) {
      out->push_back(std::move(path));
    }
  }
}

// Each mutating step, asking the fault hook first. All return an errno or 0.

}  // namespace

std::vector<Entry> List(const std::string& dir) {
  std::vector<Entry> out;
  if (int err = ListInto(dir, &out)) ReadFail(dir, fmt::format("cannot read directory: {}", std::strerror(err)));
  return out;
}

std::vector<std::string> Walk(const std::string& root, const NameFilter& keep) {
  std::string dir = root;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();  // not Lexical: paths stay as the user wrote them
  std::vector<std::string> out;
  WalkInto(dir, 0, keep, &out);
  std::sort(out.begin(), out.end());
  return out;
}

Type TypeOf(const std::string& path) {
  Type type;
  if (int err = Lstat(path, &type)) ReadFail(path, fmt::format("cannot inspect path: {}", std::strerror(err)));
  return type;
}

bool IsRegularFile(const std::string& path) { return TypeOf(path) == Type::kFile; }

std::string ReadFile(const std::string& path, size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO planted where a file should be must not hang.
  // It changes nothing for regular files, and anything else is refused below.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) ReadFail(path, fmt::format("cannot read file: {}", std::strerror(errno)));
  Fd closer{fd};
  struct stat st;  // of what was opened, not of the name: no race with a swap
  if (::fstat(fd, &st) != 0) ReadFail(path, fmt::format("cannot read file: {}", std::strerror(errno)));
  if (S_ISDIR(st.st_mode)) ReadFail(path, "is a directory, not a file");
  if (!S_ISREG(st.st_mode)) ReadFail(path, "not a regular file");
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    ReadFail(path, fmt::format("file is {} bytes, over the limit of {} bytes", st.st_size, max_bytes));
  }
  std::string text;
  text.reserve(static_cast<size_t>(st.st_size));
  char buf[64 << 10];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ReadFail(path, fmt::format("cannot read file: {}", std::strerror(errno)));
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > max_bytes) ReadFail(path, fmt::format("file is over the limit of {} bytes", max_bytes));
  }
  return text;
}

std::string Lexical(const std::string& path) {
  std::string s = std::filesystem::path(path).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();  // "out/." normalizes to "out/"
  return s.empty() ? "." : s;
}

std::string BaseName(const std::string& path) {
  std::string p = Lexical(path);
  size_t slash = p.rfind('/');
  return p == "/" || slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string Parent(const std::string& path) {
  std::string p = Lexical(path);
  std::string base = BaseName(p);
  if (p == "/") return p;
  if (base == "." || base == "..") return Lexical(p + "/..");
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : p.substr(0, slash);
}

bool IsWithin(const std::string& path, const std::string& root) {
  std::error_code ec;
  // absolute first: weakly_canonical leaves a relative path relative when no prefix of it exists.
  std::string p = Lexical(std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec).string());
  if (ec) return false;
  std::string r = Lexical(std::filesystem::weakly_canonical(std::filesystem::absolute(root, ec), ec).string());
  if (ec) return false;
  if (r == "/") return true;
  return p == r || (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && p[r.size()] == '/');
}
}  // namespace sparkmc::fs
