// Helpers the reading (fs.cc) and writing (fs_write.cc) halves of the
// filesystem layer share. Not part of its interface.
#ifndef SPARKMC_BASE_FS_INTERNAL_H_
#define SPARKMC_BASE_FS_INTERNAL_H_

#include <sys/types.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "compiler/base/fs.h"

namespace sparkmc::fs::internal {

/// Closes a descriptor when it goes out of scope.
struct Fd {
  int fd;
  ~Fd() { ::close(fd); }
};

std::string Join(const std::string& dir, const std::string& name);
Type FromMode(mode_t mode);
/// lstat as a Type; returns an errno, except that nothing there is kMissing.
int Lstat(const std::string& path, Type* type);
/// List without the exception, so readers can throw InputError and writers
/// OutputError. Returns an errno.
int ListInto(const std::string& dir, std::vector<Entry>* out);

}  // namespace sparkmc::fs::internal

#endif  // SPARKMC_BASE_FS_INTERNAL_H_
