#pragma once
// What one benchmark measurement produces. Plain data: a scenario is measured in a child
// process (for its own peak memory) and its figures come back through a pipe as raw bytes.

#include <cstdint>
#include <type_traits>

namespace reliasim::bench {

// One timed run: `trials` trials that processed `events` events in `seconds`.
struct Throughput {
  std::uint64_t trials = 0;
  std::uint64_t events = 0;
  double seconds = 0.0;
  double others = 0.0;  // cores that other processes (or the hypervisor) used meanwhile

  [[nodiscard]] double trials_per_second() const {
    return seconds > 0 ? double(trials) / seconds : 0;
  }
  [[nodiscard]] double events_per_second() const {
    return seconds > 0 ? double(events) / seconds : 0;
  }
  [[nodiscard]] double ns_per_event() const {
    return events > 0 ? 1e9 * seconds / double(events) : 0;
  }
  [[nodiscard]] double events_per_trial() const {
    return trials > 0 ? double(events) / double(trials) : 0;
  }
};

struct ScenarioFigures {
  char label[16] = {};  // small, medium, large
  char file[240] = {};
  std::uint64_t services = 0;
  std::uint64_t replicas = 0;
  std::uint64_t sources = 0;
  double load_seconds = 0.0;  // load_scenario_file + compile
  Throughput engine_1t;       // simulate() on one thread
  Throughput engine_2t;       // the same trials on two threads
  Throughput bare;            // the bare event loop (one thread)
  Throughput bare_2t;         // the same trials of it split over two threads that share nothing
  Throughput simpy;  // the SimPy reference, keeping the engine's books; no trials when not run
  Throughput simpy_availability;  // the SimPy reference keeping availability alone
  long load_rss_kib = 0;          // ru_maxrss after loading and compiling, before any run
  long peak_rss_kib = 0;          // ru_maxrss of the process that measured the scenario
  char error[240] = {};           // empty when the measurement succeeded

  [[nodiscard]] double speedup() const {
    return engine_1t.seconds > 0 && engine_2t.seconds > 0
               ? engine_2t.trials_per_second() / engine_1t.trials_per_second()
               : 0.0;
  }
  // What the machine gives a second thread on work that shares nothing: its ceiling for any
  // program's speed-up.
  [[nodiscard]] double bare_speedup() const {
    return bare.seconds > 0 && bare_2t.seconds > 0
               ? bare_2t.trials_per_second() / bare.trials_per_second()
               : 0.0;
  }
  // Per trial, on the same trials: the bare loop processes fewer events than the engine
  // (it has no failover or propagation steps), so a ratio per event would flatter the engine.
  [[nodiscard]] double engine_over_bare() const {
    return engine_1t.trials_per_second() > 0
               ? bare.trials_per_second() / engine_1t.trials_per_second()
               : 0.0;
  }
  [[nodiscard]] double engine_over_simpy() const { return engine_over(simpy); }
  [[nodiscard]] double engine_over_simpy_availability() const {
    return engine_over(simpy_availability);
  }
  [[nodiscard]] double engine_over(const Throughput& reference) const {
    return reference.trials_per_second() > 0
               ? engine_1t.trials_per_second() / reference.trials_per_second()
               : 0.0;
  }
};
static_assert(std::is_trivially_copyable_v<ScenarioFigures>);

}  // namespace reliasim::bench
