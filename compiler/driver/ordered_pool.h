// Independent items (files to lint, jobs to plan) done in parallel and handed
// on in their order: a report in path order, written as soon as every earlier
// item is done, with memory that does not grow with the number of items.
#ifndef SPARKMC_DRIVER_ORDERED_POOL_H_
#define SPARKMC_DRIVER_ORDERED_POOL_H_

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace sparkmc {

/// Runs `work(i)` for every i in [0, n) on up to \a threads threads (0: one
/// per core; never more than n), and `consume(i, result)` on the calling
/// thread in index order, each as soon as the results before it are
/// consumed. Workers run at most \a window items ahead of the consumer. \a
/// work must not throw (catch per item and return the failure as a result).
/// When consume throws, no item is started after it, the workers finish what
/// they hold and are joined, and the exception propagates.
template <class Result, class Work, class Consume>
void RunInOrder(size_t n, int threads, Work work, Consume consume, size_t window = 256) {
  std::vector<std::optional<Result>> results(n);
  std::mutex mu;
  std::condition_variable cv;
  size_t next = 0, consumed = 0;
  unsigned count = threads > 0 ? static_cast<unsigned>(threads) : std::max(1u, std::thread::hardware_concurrency());
  count = std::min<unsigned>(count, static_cast<unsigned>(std::max<size_t>(n, 1)));
  if (count == 1) {  // one file, or -j 1: a thread to hand over to would only add its start-up
    for (size_t i = 0; i < n; ++i) consume(i, work(i));
    return;
  }
  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return next >= n || next < consumed + window; });
        if (next >= n) return;
        i = next++;
      }
      Result r = work(i);
      {
        std::lock_guard<std::mutex> lock(mu);
        results[i].emplace(std::move(r));
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < count; ++t) pool.emplace_back(worker);
  auto stop_and_join = [&] {
    {
      std::lock_guard<std::mutex> lock(mu);
      next = n;
    }
    cv.notify_all();
    for (std::thread& t : pool) t.join();
  };
  try {
    for (size_t i = 0; i < n; ++i) {
      std::optional<Result> r;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return results[i].has_value(); });
        r = std::move(results[i]);
        results[i].reset();
        consumed = i + 1;
      }
      cv.notify_all();
      consume(i, std::move(*r));
    }
  } catch (...) {
    stop_and_join();
    throw;
  }
  stop_and_join();
}

}  // namespace sparkmc

#endif  // SPARKMC_DRIVER_ORDERED_POOL_H_
