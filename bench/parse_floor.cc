// The floor for "lint N job files": parse each with yaml-cpp's YAML::LoadFile
// and nothing else, on as many threads as sparkmc uses. Prints files/second.
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::string> files(argv + 1, argv + argc);
  std::atomic<size_t> next{0}, nodes{0};
  auto start = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      try {
        YAML::Node n = YAML::LoadFile(files[i]);
        nodes += n.size();
      } catch (const YAML::Exception&) {
      }
    }
  };
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu files in %.3f s: %.0f files/s (%zu top-level nodes)\n", files.size(), secs, files.size() / secs,
              nodes.load());
  return 0;
}
