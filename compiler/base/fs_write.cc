// The writing half of compiler/base/fs.h: files and folders replaced whole,
// checked streams, and the test hook that fails any step on demand.
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

namespace {

using internal::Join;
using internal::ListInto;
using internal::Fd;
using internal::Lstat;

constexpr size_t kBufferSize = 64 << 10;

FaultHook& Hook() {
  static FaultHook hook;
  return hook;
}

/// The errno the test hook injects for this step, or 0.
int Injected(std::string_view op, const std::string& path) {
  const FaultHook& hook = Hook();
  return hook ? hook(op, path) : 0;
}

[[noreturn]] void WriteFail(const std::string& path, const std::string& what, int err) {
  throw OutputError(path, fmt::format("{}: {}", what, std::strerror(err)));
}

[[noreturn]] void Refuse(const std::string& path, const std::string& what) { throw OutputError(path, what); }

int MakeDir(const std::string& path) {
  if (int err = Injected("mkdir", path)) return err;
  return ::mkdir(path.c_str(), 0755) == 0 ? 0 : errno;  // less the umask, like any new folder
}

int CreateFile(const std::string& path, int* fd) {
  if (int err = Injected("open", path)) return err;
  // O_EXCL: never open something planted at this name (O_EXCL fails on a symlink too).
  *fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  return *fd >= 0 ? 0 : errno;
}

int WriteAll(int fd, std::string_view data, const std::string& path) {
  if (int err = Injected("write", path)) return err;
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    data.remove_prefix(static_cast<size_t>(n));  // a short write (a full disk) is retried, then fails with ENOSPC
  }
  return 0;
}

int Sync(int fd, const std::string& path) {
  if (int err = Injected("fsync", path)) return err;
  return ::fsync(fd) == 0 ? 0 : errno;
}

int Close(int fd, const std::string& path) {
  int err = Injected("close", path);
  // NFS reports a failed write at close; and the fd is gone either way.
  if (::close(fd) != 0 && !err) err = errno;
  return err;
}

/// fsync a folder, so the names in it (a rename) survive a crash.
int SyncDir(const std::string& dir) {
  if (int err = Injected("fsync", dir)) return err;
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int err = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return err == EINVAL ? 0 : err;  // a filesystem that cannot sync folders (some FUSE): nothing more to do
}

int Rename(const std::string& from, const std::string& to) {
  if (int err = Injected("rename", to)) return err;
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

/// Swaps two names atomically. The raw system call: it works with any libc.
int RawExchange(const std::string& a, const std::string& b) {
  return ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0 ? 0 : errno;
}

int Exchange(const std::string& a, const std::string& b) {
  if (int err = Injected("exchange", b)) return err;
  return RawExchange(a, b);
}

/// The prefix of our temp names beside \a base in \a parent: ".<base>.sparkmc-<pid>-".
/// The pid lets a later run tell a killed run's leftovers from a running one's.
std::string TempPrefix(const std::string& parent, const std::string& base) {
  return Join(parent, fmt::format(".{}.sparkmc-{}-", base, ::getpid()));
}

/// Six random letters or digits: names another local user cannot predict.
std::string RandomSuffix() {
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device random;
  std::string s;
  for (int i = 0; i < 6; ++i) s += kChars[random() % (sizeof kChars - 1)];
  return s;
}

/// Creates a fresh TempPrefix + RandomSuffix with \a create (MakeDir or
/// CreateFile, both exclusive), trying another name if one is taken.
template <typename Create>
int MakeTemp(const std::string& parent, const std::string& base, std::string* path, Create create) {
  int err = EEXIST;
  for (int attempt = 0; attempt < 100 && err == EEXIST; ++attempt) {
    *path = TempPrefix(parent, base) + RandomSuffix();
    err = create(*path);
  }
  return err;
}

int MakeTempDir(const std::string& parent, const std::string& base, std::string* path) {
  return MakeTemp(parent, base, path, MakeDir);
}

/// Removes ".<base>.sparkmc-<pid>-*" beside base left by runs that were
/// killed: their pid is gone. Best effort: a real problem with the folder
/// shows up in the steps that follow.
void RemoveStale(const std::string& parent, const std::string& base) {
  std::vector<Entry> entries;
  if (ListInto(parent, &entries) != 0) return;
  const std::string prefix = "." + base + ".sparkmc-";
  for (const Entry& e : entries) {
    if (e.name.compare(0, prefix.size(), prefix) != 0) continue;
    size_t start = prefix.size(), end = start;
    while (end < e.name.size() && end - start < 9 && e.name[end] >= '0' && e.name[end] <= '9') ++end;
    if (end == start || end >= e.name.size() || e.name[end] != '-') continue;
    long pid = std::stol(e.name.substr(start, end - start));
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive (EPERM: someone else's, alive)
    std::error_code ignored;
    std::filesystem::remove_all(Join(parent, e.name), ignored);  // removes a symlink, never what it points to
  }
}

/// Closes a file descriptor when it goes out of scope.
/// Removes a temp tree when it goes out of scope, whatever it holds then: the
/// new folder after a failure, the old one after a successful exchange.
struct TempTree {
  std::string path;
  ~TempTree() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

void WriteNewFile(const std::string& path, std::string_view content, const std::string& shown) {
  int fd;
  if (int err = CreateFile(path, &fd)) WriteFail(shown, "cannot create", err);
  int err = WriteAll(fd, content, path);
  if (!err) err = Sync(fd, path);
  int close_err = Close(fd, path);
  if (!err) err = close_err;
  if (err) WriteFail(shown, "cannot write", err);
}

/// The swap where the filesystem cannot exchange: dir is missing between the
/// two renames (see ReplaceDirectory in fs.h).
void SwapWithBackup(const std::string& tmp, const std::string& dir, const std::string& parent, const std::string& base) {
  TempTree backup;
  // An empty folder reserves the name; rename(2) may replace an empty folder.
  if (int err = MakeTempDir(parent, base, &backup.path)) WriteFail(dir, "cannot create a folder beside it", err);
  if (int err = Rename(dir, backup.path)) WriteFail(dir, "cannot move the old output folder aside", err);
  int err = Rename(tmp, dir);
  if (err == 0 && (err = SyncDir(parent)) != 0) ::rename(dir.c_str(), tmp.c_str());
  if (err) {
    if (::rename(backup.path.c_str(), dir.c_str()) != 0) backup.path.clear();  // keep the old folder rather than lose it
    WriteFail(dir, "cannot move the new output folder into place", err);
  }
}


}  // namespace

AtomicFile::AtomicFile(const std::string& path) : path_(Lexical(path)) {
  Type type;
  if (int err = Lstat(path_, &type)) WriteFail(path_, "cannot inspect the output file", err);
  if (type == Type::kSymlink) Refuse(path_, "output file is a symlink; refusing to write through it");
  if (type == Type::kDirectory) Refuse(path_, "output file is a directory; refusing to replace it");
  if (type == Type::kOther) Refuse(path_, "output file exists and is not a regular file; refusing to replace it");
  std::string parent = Parent(path_), base = BaseName(path_);
  RemoveStale(parent, base);
  // In the target's folder, so the final rename is on one filesystem and atomic.
  if (int err = MakeTemp(parent, base, &temp_, [&](const std::string& p) { return CreateFile(p, &fd_); })) WriteFail(path_, "cannot create a file beside it", err);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicFile::Write(std::string_view data) {
  if (committed_) throw std::logic_error("AtomicFile::Write after Commit");
  if (fd_ < 0) Refuse(path_, "cannot write: an earlier write failed");
  buffer_.append(data);
  if (buffer_.size() >= kBufferSize) Flush();
}

void AtomicFile::Flush() {
  int err = WriteAll(fd_, buffer_, temp_);
  buffer_.clear();
  if (err) {
    ::close(fd_);
    fd_ = -1;
    WriteFail(path_, "cannot write", err);
  }
}

void AtomicFile::Commit() {
  if (committed_) throw std::logic_error("AtomicFile::Commit twice");
  if (fd_ < 0) Refuse(path_, "cannot write: an earlier write failed");
  Flush();
  if (int err = Sync(fd_, temp_)) WriteFail(path_, "cannot write", err);
  int fd = fd_;
  fd_ = -1;
  if (int err = Close(fd, temp_)) WriteFail(path_, "cannot write", err);
  if (int err = Rename(temp_, path_)) WriteFail(path_, "cannot replace the output file", err);
  committed_ = true;
  if (int err = SyncDir(Parent(path_))) WriteFail(path_, "cannot sync its folder", err);
}

void ReplaceFile(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.Write(content);
  file.Commit();
}

void ReplaceDirectory(const std::string& dir_in, const std::vector<std::pair<std::string, std::string>>& files) {
  // One normalized name for every check and every step: "out/." and "out"
  // are the same folder, and "link/." is the link itself, not its target.
  const std::string dir = Lexical(dir_in);
  const std::string base = BaseName(dir), parent = Parent(dir);
  if (dir == "/" || base == "." || base == "..") {
    Refuse(dir, "refusing to replace this folder whole; name a subfolder for the output");
  }
  std::set<std::string> names;
  for (const auto& file : files) {
    const std::string& n = file.first;
    if (n.empty() || n == "." || n == ".." || n.find_first_of(std::string("/\0", 2)) != std::string::npos ||
        !names.insert(n).second) {
      Refuse(dir, fmt::format("invalid output file name '{}'", n));
    }
  }
  Type type;
  if (int err = Lstat(dir, &type)) WriteFail(dir, "cannot inspect the output folder", err);
  if (type == Type::kSymlink) Refuse(dir, "output folder is a symlink; refusing to write through it");
  if (type != Type::kMissing && type != Type::kDirectory) Refuse(dir, "output path exists and is not a folder");
  if (type == Type::kDirectory) {
    std::vector<Entry> old;
    if (int err = ListInto(dir, &old)) WriteFail(dir, "cannot read the output folder", err);
    for (const Entry& e : old) {
      if (e.type != Type::kFile) {
        Refuse(Join(dir, e.name), "not a regular file; refusing to replace the output folder that holds it");
      }
    }
  } else if (::access(parent.c_str(), F_OK) != 0) {
    std::error_code ec;
    if (int err = Injected("mkdir", parent)) ec.assign(err, std::generic_category());
    if (!ec) std::filesystem::create_directories(parent, ec);
    if (ec) WriteFail(dir, fmt::format("cannot create {}", parent), ec.value());
  }
  RemoveStale(parent, base);

  TempTree tmp;
  if (int err = MakeTempDir(parent, base, &tmp.path)) WriteFail(dir, "cannot create a folder beside it", err);
  for (const auto& [name, content] : files) WriteNewFile(Join(tmp.path, name), content, Join(dir, name));
  if (int err = SyncDir(tmp.path)) WriteFail(dir, "cannot write", err);

  if (type == Type::kMissing) {
    if (int err = Rename(tmp.path, dir)) WriteFail(dir, "cannot create the output folder", err);
    if (int err = SyncDir(parent)) {
      ::rename(dir.c_str(), tmp.path.c_str());  // undo, so a failure leaves dir as it was
      WriteFail(dir, "cannot sync its parent folder", err);
    }
    return;
  }
  int err = Exchange(tmp.path, dir);
  if (err == EINVAL || err == ENOSYS) return SwapWithBackup(tmp.path, dir, parent, base);
  if (err) WriteFail(dir, "cannot swap in the new output folder", err);
  if ((err = SyncDir(parent)) != 0) {
    RawExchange(tmp.path, dir);  // undo: the old folder back at dir, the new one removed with tmp
    WriteFail(dir, "cannot sync its parent folder", err);
  }
  // tmp now holds the old folder; TempTree removes it. If that fails, or we
  // are killed first, the next run removes it as stale.
}

void WriteStream(std::FILE* stream, std::string_view text, const std::string& name) {
  int err = Injected("write", name);
  errno = 0;
  if (!err && std::fwrite(text.data(), 1, text.size(), stream) != text.size()) err = errno ? errno : EIO;
  if (err) WriteFail(name, "cannot write", err);
}

void FlushStream(std::FILE* stream, const std::string& name) {
  errno = 0;
  if (std::fflush(stream) != 0) WriteFail(name, "cannot write", errno ? errno : EIO);
  // An earlier unchecked printf that failed leaves only the error flag.
  if (std::ferror(stream)) WriteFail(name, "cannot write", EIO);
}

void WriteStdout(std::string_view text) { WriteStream(stdout, text, "<stdout>"); }
void FlushStdout() { FlushStream(stdout, "<stdout>"); }

void SetFaultHook(FaultHook hook) { Hook() = std::move(hook); }

}  // namespace sparkmc::fs
