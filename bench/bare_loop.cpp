// The bare event loop. Each source draws exactly what the engine's source draws (the same
// RandomStream keys and event indices, the same distributions through reliasim::sample) and
// produces the same events: an occurrence, then the incident's steps (engaged, mitigated,
// repaired; or one end for self-healing and `wait`), then the next occurrence. Maintenance
// windows start and end as in the engine. Nothing else happens.
#include "bare_loop.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

#include "reliasim/random/sample.hpp"
#include "reliasim/random/stream.hpp"
#include "simulate/event_queue.hpp"

namespace reliasim::bench {
namespace {

constexpr double never = std::numeric_limits<double>::infinity();

using sim::Event;
using Kind = sim::EventKind;

// The remaining step times of a source's current incident.
struct Steps {
  std::array<double, 3> at{};
  int count = 0;
  int next = 0;
};

class BareLoop {
 public:
  explicit BareLoop(const CompiledModel& model)
      : model_(model), occurrences_(model.sources.size()), steps_(model.sources.size()) {
    queue_.reserve(2 * model.sources.size() + 64);
  }

  std::uint64_t run(std::uint64_t seed, std::uint64_t trial) {
    seed_ = seed, trial_ = trial;
    queue_.clear();
    std::fill(occurrences_.begin(), occurrences_.end(), 0);
    const auto sources = static_cast<Index>(model_.sources.size());
    for (Index s = 0; s < sources; ++s) schedule_occurrence(s, 0.0);
    for (Index w = 0; w < static_cast<Index>(model_.maintenance.size()); ++w) {
      const double first = model_.maintenance[static_cast<std::size_t>(w)].offset;
      if (first < model_.horizon) push(first, Kind::maintenance_start, w);
    }
    std::uint64_t events = 0;
    while (!queue_.empty()) {
      const Event event = queue_.pop();
      now_ = event.time;
      ++events;
      dispatch(event);
    }
    return events;
  }

 private:
  void push(double time, Kind kind, Index id) { queue_.push(time, kind, id); }

  void dispatch(const Event& event) {
    const auto id = static_cast<std::size_t>(event.id);
    switch (event.kind) {
      case Kind::occurrence: occur(event.id); break;
      case Kind::incident_step: step(event.id); break;
      case Kind::maintenance_start: {
        const MaintenanceSpec& spec = model_.maintenance[id];
        push(now_ + spec.duration, Kind::maintenance_end, event.id);
        if (now_ + spec.every < model_.horizon)
          push(now_ + spec.every, Kind::maintenance_start, event.id);
        break;
      }
      case Kind::maintenance_end: break;
      case Kind::failover_done: break;  // the bare loop has no failover groups
      case Kind::injection_start:
      case Kind::injection_end: break;  // nor stress tests
    }
  }

  RandomStream stream(Index source, std::uint64_t event) const {
    return {seed_, trial_, model_.sources[static_cast<std::size_t>(source)].stream_key, event};
  }

  void schedule_occurrence(Index source, double from) {
    const FailureSourceSpec& spec = model_.sources[static_cast<std::size_t>(source)];
    RandomStream rng = stream(source, occurrences_[static_cast<std::size_t>(source)]);
    double life = never;
    const double rate = spec.deploys_per_second * spec.per_deploy_probability;
    if (!spec.per_deploy)
      life = sample(spec.time_to_failure, rng);
    else if (rate > 0.0)
      life = -std::log(uniform01(rng)) / rate;
    if (from + life < model_.horizon) push(from + life, Kind::occurrence, source);
  }

  void occur(Index source) {
    const auto s = static_cast<std::size_t>(source);
    const LifecycleSpec& life = model_.sources[s].lifecycle;
    RandomStream rng = stream(source, ++occurrences_[s]);  // odd: the incident's draws
    static_cast<void>(uniform01(rng));  // the engine's pick of a target set: drawn, not used
    double detected = never;
    for (const DetectorSpec& detector : life.detectors) {
      const bool fires = uniform01(rng) < detector.probability;
      const double delay = sample(detector.delay, rng);
      if (fires && delay < detected) detected = delay;
    }
    const double report = life.customer_report ? sample(*life.customer_report, rng) : never;
    if (detected == never) detected = report;
    const double engage = sample(life.engage, rng);
    const double mitigate = life.mitigation ? sample(life.mitigate, rng) : 0.0;
    const double repair = sample(life.repair, rng);

    Steps& steps = steps_[s];
    steps.next = 0;
    const bool waits = life.mitigation == MitigationKind::wait;
    if (life.self_heal || waits) {
      steps.at[0] = now_ + (life.self_heal ? repair : mitigate), steps.count = 1;
    } else if (detected < never) {
      const double engaged = now_ + detected + engage;
      if (life.mitigation)
        steps.at = {engaged, engaged + mitigate, engaged + mitigate + repair};
      else
        steps.at = {engaged, engaged + repair, never};
      steps.count = life.mitigation ? 3 : 2;
    } else {
      steps.count = 0;  // never detected and nothing ends it: the source stays failed
      return;
    }
    push(steps.at[0], Kind::incident_step, source);
  }

  void step(Index source) {
    const auto s = static_cast<std::size_t>(source);
    Steps& steps = steps_[s];
    if (++steps.next < steps.count) {
      push(steps.at[static_cast<std::size_t>(steps.next)], Kind::incident_step, source);
      return;
    }
    ++occurrences_[s];  // even: waiting for the next occurrence
    schedule_occurrence(source, now_);
  }

  const CompiledModel& model_;
  sim::EventQueue queue_;
  std::vector<std::uint64_t> occurrences_;
  std::vector<Steps> steps_;
  std::uint64_t seed_ = 0;
  std::uint64_t trial_ = 0;
  double now_ = 0.0;
};

}  // namespace

std::uint64_t run_bare_loop(const CompiledModel& model, std::uint64_t seed, std::uint64_t trials) {
  BareLoop loop(model);
  std::uint64_t events = 0;
  for (std::uint64_t t = 0; t < trials; ++t) events += loop.run(seed, t);
  return events;
}

std::uint64_t run_bare_loop_on_threads(const CompiledModel& model, std::uint64_t seed,
                                       std::uint64_t trials, int threads) {
  const auto parts = static_cast<std::uint64_t>(std::max(1, threads));
  std::vector<std::uint64_t> events(parts, 0);
  std::vector<std::thread> workers;
  for (std::uint64_t p = 0; p < parts; ++p)
    workers.emplace_back([&, p] {
      BareLoop loop(model);
      std::uint64_t sum = 0;  // kept in the thread: the neighbours' counts share a cache line
      for (std::uint64_t t = trials * p / parts; t < trials * (p + 1) / parts; ++t)
        sum += loop.run(seed, t);
      events[p] = sum;
    });
  for (auto& worker : workers) worker.join();
  std::uint64_t total = 0;
  for (const std::uint64_t e : events) total += e;
  return total;
}

}  // namespace reliasim::bench
