// The files a run reads besides its inputs (the pod templates jobs name, the
// job templates runs name), read and parsed once per run however many jobs
// name them and however many workers ask at once. A pod template that is also
// one of lint's inputs is handed over after its own parse (Put), so a job
// naming it later does not parse it again.
#ifndef SPARKMC_DRIVER_PARSED_FILES_H_
#define SPARKMC_DRIVER_PARSED_FILES_H_

#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "compiler/load/document.h"

namespace sparkmc {

class ParsedFiles {
 public:
  struct File {
    std::shared_ptr<const SourceFile> source;
    std::vector<Node> docs;
  };

  /// Files are read with \a max_file_size and parsed with \a limits. At most
  /// \a capacity files are kept (least recently used go first; a parsed pod
  /// template takes about 6 KB), so memory stays flat on a run naming
  /// thousands of distinct templates: up to that many, each is parsed once.
  ParsedFiles(size_t max_file_size, LoadLimits limits, size_t capacity = 256);

  /// \a path read and parsed, by this call or an earlier one. Throws the
  /// InputError reading or parsing it threw (again, for every caller).
  std::shared_ptr<const File> Get(const std::string& path);

  /// True when \a path was asked for or recorded: an input of the run that a
  /// job named first is then read from here, not parsed again.
  bool Has(const std::string& path);

  /// Records \a file, parsed by the caller with this run's limits, as \a path.
  void Put(const std::string& path, std::shared_ptr<const File> file);

 private:
  struct Slot {
    std::once_flag once;
    std::shared_ptr<const File> file;
    std::optional<InputError> error;
  };
  std::shared_ptr<Slot> SlotFor(const std::string& path, bool* fresh);

  size_t max_file_size_;
  LoadLimits limits_;
  size_t capacity_;
  std::mutex mu_;
  std::list<std::string> order_;  ///< Most recently used first.
  std::map<std::string, std::pair<std::shared_ptr<Slot>, std::list<std::string>::iterator>> slots_;
};

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_PARSED_FILES_H_
