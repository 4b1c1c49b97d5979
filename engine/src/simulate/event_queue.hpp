#pragma once
// The trial's future events, earliest first. Ties break by insertion order, so a trial is a
// pure function of its random streams. Cancelled events are skipped through version numbers
// rather than removed (the owner bumps its version).

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "reliasim/model/compiled_model.hpp"

namespace reliasim::sim {

enum class EventKind : std::uint8_t {
  occurrence,         // id: source
  incident_step,      // id: incident slot
  failover_done,      // id: failover group (service)
  maintenance_start,  // id: maintenance window
  maintenance_end,    // id: maintenance window
  injection_start,    // id: injected incident
  injection_end,      // id: injected incident
};

// 24 bytes, so that the heap moves three words per step. `order` counts the trial's pushes:
// ties break by insertion order for the first 2^32 of them (a trial has far fewer).
struct Event {
  double time = 0.0;
  std::uint32_t order = 0;
  Index id = 0;
  std::uint32_t version = 0;
  EventKind kind = EventKind::occurrence;
  std::uint8_t spare[3]{};  // named, so that a copy moves bytes [0, 16) and [16, 24)
};
static_assert(sizeof(Event) == 24 && std::is_trivially_copyable_v<Event>);
// The layout EventQueue::store writes.
static_assert(std::endian::native == std::endian::little && offsetof(Event, order) == 8 &&
              offsetof(Event, id) == 12 && offsetof(Event, version) == 16 &&
              offsetof(Event, kind) == 20);

class EventQueue {
 public:
  void clear() noexcept { heap_.clear(), next_order_ = 0; }
  void reserve(std::size_t n) { heap_.reserve(n); }
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  [[nodiscard]] double next_time() const noexcept { return heap_.front().time; }
  // Sifts the new event up with its time in a register and writes it once, where it lands
  // (see store). std::push_heap would store it at the back and load it again at once.
  void push(double time, EventKind kind, Index id, std::uint32_t version = 0) {
    const std::uint32_t order = next_order_++;
    std::size_t hole = heap_.size();
    heap_.emplace_back();
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / 2;
      // The new event was pushed last, so it wins no tie: it passes only later times.
      if (!(heap_[parent].time > time)) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    store(heap_[hole], time, order, id, version, kind);
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
  // Writes an event with one 16-byte and one 8-byte store, the widths a copy of it loads:
  // a load spanning several narrower stores still in the store buffer stalls until they
  // retire, and the next pop often reads the event just pushed.
  static void store(Event& slot, double time, std::uint32_t order, Index id, std::uint32_t version,
                    EventKind kind) noexcept {
    using Words = std::uint64_t __attribute__((vector_size(16)));
    const Words head = {std::bit_cast<std::uint64_t>(time),
                        order | std::uint64_t{static_cast<std::uint32_t>(id)} << 32};
    const std::uint64_t tail = version | std::uint64_t{static_cast<std::uint8_t>(kind)} << 32;
    auto* bytes = reinterpret_cast<unsigned char*>(&slot);
    std::memcpy(bytes, &head, sizeof head);
    std::memcpy(bytes + sizeof head, &tail, sizeof tail);
  }

  std::vector<Event> heap_;
  std::uint32_t next_order_ = 0;
};

}  // namespace reliasim::sim
