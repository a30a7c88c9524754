#include "compiler/driver/parsed_files.h"

namespace sparkmc {

ParsedFiles::ParsedFiles(size_t max_file_size, LoadLimits limits, size_t capacity)
    : max_file_size_(max_file_size), limits_(limits), capacity_(capacity < 1 ? 1 : capacity) {}

std::shared_ptr<ParsedFiles::Slot> ParsedFiles::SlotFor(const std::string& path, bool* fresh) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = slots_.find(path);
  if (it != slots_.end()) {
    order_.splice(order_.begin(), order_, it->second.second);
    *fresh = false;
    return it->second.first;
  }
  *fresh = true;
  if (slots_.size() >= capacity_) {
    // Callers still holding the evicted slot keep it alive until they finish.
    slots_.erase(order_.back());
    order_.pop_back();
  }
  order_.push_front(path);
  auto slot = std::make_shared<Slot>();
  slots_.emplace(path, std::make_pair(slot, order_.begin()));
  return slot;
}

std::shared_ptr<const ParsedFiles::File> ParsedFiles::Get(const std::string& path) {
  bool fresh;
  std::shared_ptr<Slot> slot = SlotFor(path, &fresh);
  // Two workers asking for one file at once: one reads it, the other waits.
  std::call_once(slot->once, [&] {
    try {
      auto file = std::make_shared<File>();
      auto source = std::make_shared<SourceFile>(ReadSourceFile(path, max_file_size_));
      file->docs = ParseDocuments(*source, limits_);
      file->source = std::move(source);
      slot->file = std::move(file);
    } catch (const InputError& e) {
      slot->error = e;
    }
  });
  if (slot->error) throw *slot->error;
  return slot->file;
}

bool ParsedFiles::Has(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  return slots_.count(path) > 0;
}

void ParsedFiles::Put(const std::string& path, std::shared_ptr<const File> file) {
  bool fresh;
  std::shared_ptr<Slot> slot = SlotFor(path, &fresh);
  std::call_once(slot->once, [&] { slot->file = std::move(file); });
}

}  // namespace sparkmc
