// The one small filesystem interface of sparkmc: listing job folders, reading
// files with a size limit, confining paths, and writing results so that a
// reader (or the next CI step) sees either the old output or the complete new
// one, never half of it, and never a write through a planted symlink.
//
// Errors: what cannot be read is an InputError (exit 2); what cannot be
// written, or a target refused for writing, is an OutputError (exit 3). Both
// messages end with the reason from strerror.
#ifndef SPARKMC_BASE_FS_H_
#define SPARKMC_BASE_FS_H_

#include <fmt/format.h>

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/base/error.h"

namespace sparkmc::fs {

/// What a name is, without following a symlink (lstat).
enum class Type { kMissing, kFile, kDirectory, kSymlink, kOther };

struct Entry {
  std::string name;  ///< The name in its folder, without the folder.
  Type type = Type::kOther;
};

/// The entries of \a dir, one level, sorted by name (byte order), "." and ".."
/// left out, hidden names kept (callers decide). Symlinks are reported as
/// kSymlink, never followed. Throws InputError("cannot read directory: ...")
/// when \a dir is missing, unreadable or not a directory: an unreadable job
/// folder must fail the run, not lint "0 files".
std::vector<Entry> List(const std::string& dir);

/// Which file names Walk keeps; null keeps every file.
using NameFilter = std::function<bool(const std::string& name)>;

/// The regular files under \a root whose name passes \a keep, as paths
/// joined onto \a root ("." gives "a.json", not "./a.json"), sorted.
/// Names starting with '.' are skipped, files and folders alike. Symlinks
/// inside the tree are skipped, neither followed nor returned, so a link in a
/// pull request cannot pull outside files into a run; \a root itself may be a
/// link the user named. Throws InputError for an unreadable folder anywhere in
/// the tree, and for a tree deeper than 64 levels (rather than silently
/// dropping what lies below).
std::vector<std::string> Walk(const std::string& root, const NameFilter& keep = nullptr);

/// The type of \a path, not following a final symlink. kMissing when nothing
/// is there (ENOENT, ENOTDIR); other failures (EACCES) throw InputError.
Type TypeOf(const std::string& path);

/// TypeOf(path) == Type::kFile: a symlink to a file is not one.
bool IsRegularFile(const std::string& path);

/// The whole file, following symlinks. Refuses directories and anything that
/// is not a regular file (a FIFO would block, a device never ends) and files
/// over \a max_bytes, checked before reading and again while reading (a file
/// growing under us). Throws InputError naming the reason:
///   "cannot read file: <strerror>", "is a directory, not a file",
///   "not a regular file", "file is N bytes, over the limit of M bytes".
std::string ReadFile(const std::string& path, size_t max_bytes);

/// lexically_normal without a trailing separator: "out/." and "out/" are
/// "out", "./a//b" is "a/b", "" is ".". Purely textual: "link/../x" becomes
/// "x" even when link is a symlink, so use the result both for checking and
/// for the operation, never one for each.
std::string Lexical(const std::string& path);

/// The last component of Lexical(path): "a/b/" is "b", "/" is "/".
std::string BaseName(const std::string& path);

/// The folder holding Lexical(path), lexically: "a/b" is "a", "b" is ".",
/// "/b" and "/" are "/", ".." is "../..".
std::string Parent(const std::string& path);

/// Whether \a path is \a root or lies below it, after weakly_canonical of
/// both (symlinks resolved, so "root/link-to-etc/passwd" is not within root).
/// Compares whole components: "/a/bc" is not within "/a/b". False when either
/// cannot be resolved (EACCES, ELOOP): not proven within means not within.
bool IsWithin(const std::string& path, const std::string& root);

/// A file written whole or not at all, for a report streamed as it is made.
/// The constructor creates ".<name>.sparkmc-<pid>-XXXXXX" exclusively
/// (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0644 less the umask) in the target's
/// folder, so the final rename stays on one filesystem. Commit() renames it
/// over the target; until then the target is untouched, and the destructor
/// removes the temp file. rename(2) replaces a symlink or hard link itself,
/// never writing through it; the constructor also refuses, up front and with a
/// clear message, a target that exists and is not a regular file (a symlink
/// planted in a pull request, /dev/full, a directory). The target's folder
/// must exist. Temp files of killed runs beside the target are removed first,
/// as in ReplaceDirectory. Every failure is an OutputError naming the target.
/// Not copyable or movable: hold it in a std::unique_ptr to move it around.
class AtomicFile {
 public:
  explicit AtomicFile(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Appends \a data (buffered; each flush checks every write(2), so ENOSPC
  /// surfaces here or in Commit).
  void Write(std::string_view data);
  /// Flushes, fsyncs the file, renames it over the target and fsyncs the
  /// folder. Call once; Write after Commit is a bug (std::logic_error).
  /// After a failed Write, Write and Commit throw again. If only the last
  /// step (syncing the folder) fails, the new file is already in place; the
  /// error is reported anyway, since it may not survive a crash.
  void Commit();

  const std::string& path() const { return path_; }

 private:
  void Flush();

  std::string path_;
  std::string temp_;
  std::string buffer_;
  int fd_ = -1;
  bool committed_ = false;
};

/// AtomicFile(path), Write(content), Commit().
void ReplaceFile(const std::string& path, std::string_view content);

/// Makes Lexical(dir) hold exactly \a files (name, content), swapping the
/// whole folder at once: the new folder is built and fsynced beside it as
/// ".<base>.sparkmc-<pid>-XXXXXX", then renamed into place (dir missing) or
/// exchanged with the old one by renameat2(RENAME_EXCHANGE), after which the
/// old tree is removed. Files an earlier run left that are not in \a files
/// disappear. Missing parent folders are created.
///
/// Throws OutputError, and then nothing in dir has changed and no temp
/// folder is left, when a step fails, and also when it refuses:
///   - dir is a symlink (checked on Lexical(dir), so "link/." is refused too)
///     or exists and is not a directory;
///   - dir is ".", ".." or "/" (it cannot be swapped, and replacing it whole
///     would delete the project);
///   - dir holds anything but regular files (a subfolder, a symlink): sparkmc
///     only ever writes flat folders of files, so anything else means "-o"
///     points at a folder that is not ours, and deleting it would lose data;
///   - a name in \a files is empty, ".", "..", contains '/', or repeats.
/// Symlinks in the parent path are followed, as every tool does; only the
/// final component is protected.
///
/// Before building, temp folders of killed runs beside dir are removed: those
/// whose pid no longer exists (kill(pid, 0) fails with ESRCH). A pid is only
/// meaningful within one pid namespace: two containers sharing the output
/// volume may remove each other's temp folder mid-run, which fails that run
/// (nothing changes in dir) but never corrupts dir.
///
/// Where the filesystem cannot exchange (EINVAL, ENOSYS), dir is renamed to a
/// backup name, the new folder renamed into place and the backup removed.
/// Between the two renames dir is briefly missing, and if the process dies
/// exactly then the old folder stays at the backup name, which the next run
/// deletes as stale while writing the new content.
void ReplaceDirectory(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

/// fwrite to stdout, checked: throws OutputError("<stdout>", "cannot write:
/// <strerror>"). `sparkmc compile > /dev/full` must fail, not exit 0 with a
/// truncated stream. Most errors show up only at the flush, so call
/// FlushStdout before choosing the exit code.
void WriteStdout(std::string_view text);
void FlushStdout();

/// fmt::print to stdout, checked as WriteStdout is (an OutputError, exit 3).
template <typename... Args>
void Print(fmt::format_string<Args...> format, Args&&... args) {
  WriteStdout(fmt::format(format, std::forward<Args>(args)...));
}

/// The same for any stream, named \a name in the error (tests use /dev/full).
void WriteStream(std::FILE* stream, std::string_view text, const std::string& name);
void FlushStream(std::FILE* stream, const std::string& name);

/// Test-only fault injection. Before each mutating step the hook is asked
/// with the operation and the path it acts on (for "rename" and "exchange",
/// the destination; for writes to stdout, "<stdout>"); a non-zero return is the errno
/// that step fails with, as if the system call had. Operations: "mkdir",
/// "open" (creating a file), "write", "fsync" (files and folders), "close",
/// "rename", "exchange". Steps that undo a failed swap are not asked, so a
/// test can fail the forward step and check the rollback. Null clears the
/// hook. Not thread-safe: set it before, and clear it after, the code under test.
using FaultHook = std::function<int(std::string_view operation, const std::string& path)>;
void SetFaultHook(FaultHook hook);

}  // namespace sparkmc::fs

#endif  // SPARKMC_BASE_FS_H_
