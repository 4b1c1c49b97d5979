#pragma once
// The trial's future events, earliest first. Ties break by insertion order, so a trial is a
// pure function of its random streams. Cancelled events are skipped through version numbers
// rather than removed (the owner bumps its version).

#include <algorithm>
#include <cstdint>
#include <vector>

#include "reliasim/model/compiled_model.hpp"

namespace reliasim::sim {

enum class EventKind : std::uint8_t {
  occurrence,         // id: source
  incident_step,      // id: incident slot
  failover_done,      // id: failover group (service)
  maintenance_start,  // id: maintenance window
  maintenance_end,    // id: maintenance window
};

// 24 bytes, so that the heap moves three words per step. `order` counts the trial's pushes:
// ties break by insertion order for the first 2^32 of them (a trial has far fewer).
struct Event {
  double time = 0.0;
  std::uint32_t order = 0;
  Index id = 0;
  std::uint32_t version = 0;
  EventKind kind = EventKind::occurrence;
};
static_assert(sizeof(Event) == 24);

class EventQueue {
 public:
  void clear() noexcept { heap_.clear(), next_order_ = 0; }
  void reserve(std::size_t n) { heap_.reserve(n); }
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  void push(double time, EventKind kind, Index id, std::uint32_t version = 0) {
    heap_.push_back({time, next_order_++, id, version, kind});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
  }
  Event pop() noexcept {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    const Event event = heap_.back();
    heap_.pop_back();
    return event;
  }

 private:
  // A function object, not a function pointer, so that the heap's comparisons inline.
  struct Later {
    bool operator()(const Event& a, const Event& b) const noexcept {
      return a.time > b.time || (a.time == b.time && a.order > b.order);
    }
  };
  std::vector<Event> heap_;
  std::uint32_t next_order_ = 0;
};

}  // namespace reliasim::sim
