// The trial's event queue: earliest first, ties in insertion order, every field intact.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <tuple>
#include <vector>

#include "simulate/event_queue.hpp"

namespace reliasim::sim {
namespace {

struct Pushed {
  double time;
  std::uint32_t order;
  Index id;
  std::uint32_t version;
  EventKind kind;
};

// The reference: the earliest pending event, and among equal times the first pushed.
Pushed take_earliest(std::vector<Pushed>& pending) {
  const auto earliest = std::min_element(pending.begin(), pending.end(), [](auto& a, auto& b) {
    return std::tie(a.time, a.order) < std::tie(b.time, b.order);
  });
  const Pushed event = *earliest;
  pending.erase(earliest);
  return event;
}

TEST_CASE("the event queue pops the earliest event, ties in the order they were pushed") {
  std::mt19937_64 random(12345);
  // Few distinct times, so that most pops break a tie.
  std::uniform_int_distribution<int> tick(0, 40), action(0, 2), kind(0, 4);
  EventQueue queue;
  std::vector<Pushed> pending;
  std::uint32_t pushes = 0;
  int pops = 0;
  for (int round = 0; round < 3; ++round) {
    queue.clear(), pending.clear(), pushes = 0;  // clear also restarts the insertion order
    for (int i = 0; i < 5000; ++i) {
      if (action(random) > 0 || pending.empty()) {
        const Pushed p{tick(random) * 0.5, pushes++, static_cast<Index>(random() % 100000),
                       static_cast<std::uint32_t>(random()), static_cast<EventKind>(kind(random))};
        queue.push(p.time, p.kind, p.id, p.version);
        pending.push_back(p);
        continue;
      }
      const Event got = queue.pop();
      const Pushed want = take_earliest(pending);
      ++pops;
      REQUIRE(got.time == want.time);
      REQUIRE(got.order == want.order);
      REQUIRE(got.id == want.id);
      REQUIRE(got.version == want.version);
      REQUIRE(got.kind == want.kind);
    }
    while (!pending.empty()) REQUIRE(queue.pop().order == take_earliest(pending).order);
    REQUIRE(queue.empty());
  }
  REQUIRE(pops > 3000);
}

}  // namespace
}  // namespace reliasim::sim
