#include "compiler/driver/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

namespace sparkmc {
namespace {

TEST(RunInOrder, ConsumesInIndexOrderWhateverFinishesFirst) {
  std::vector<size_t> order;
  RunInOrder<std::string>(
      50, 8,
      [](size_t i) {
        // Early items take longest, so later ones finish first.
        std::this_thread::sleep_for(std::chrono::microseconds((50 - i) * 100));
        return std::to_string(i);
      },
      [&](size_t i, std::string r) {
        EXPECT_EQ(r, std::to_string(i));
        order.push_back(i);
      });
  ASSERT_EQ(order.size(), 50u);
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
}

TEST(RunInOrder, WorkersStayWithinTheWindow) {
  std::atomic<size_t> started{0};
  size_t worst = 0;
  RunInOrder<int>(
      200, 4, [&](size_t) { return static_cast<int>(started++); },
      [&](size_t i, int) {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        worst = std::max(worst, started.load() - i);
      },
      /*window=*/8);
  EXPECT_LE(worst, 8u + 4u);  // the window, plus one item each worker may hold
}

TEST(RunInOrder, NoItemsAndDefaultThreads) {
  int calls = 0;
  RunInOrder<int>(0, 0, [](size_t) { return 1; }, [&](size_t, int) { ++calls; });
  EXPECT_EQ(calls, 0);
  RunInOrder<int>(3, 0, [](size_t i) { return static_cast<int>(i); }, [&](size_t i, int r) { calls += r == static_cast<int>(i); });
  EXPECT_EQ(calls, 3);
}

TEST(RunInOrder, AThrowingConsumerStopsTheWorkersAndPropagates) {
  std::atomic<size_t> started{0};
  EXPECT_THROW(RunInOrder<int>(
                   10000, 4, [&](size_t) { return static_cast<int>(started++); },
                   [](size_t i, int) {
                     if (i == 3) throw std::runtime_error("write failed");
                   },
                   /*window=*/16),
               std::runtime_error);
  EXPECT_LT(started.load(), 100u);  // not the whole input
}

}  // namespace
}  // namespace sparkmc
