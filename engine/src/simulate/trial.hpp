#pragma once
// One trial: an event-driven history of the model over its horizon. A Trial owns the working
// state of every entity and is reused for consecutive trials (no allocation per event once
// its buffers have grown). Each trial writes its slice of the RunResults arrays.
//
// Incident lifecycle (docs/simulation.md): T0 occurs -> T1 detected -> T2 engaged ->
// T3 mitigated (impact ends) -> T4 repaired (the source can fail again). Self-healing and
// `wait` mitigation end the impact on their own, without detection or a crew.

#include <array>
#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

#include "event_queue.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/random/stream.hpp"
#include "reliasim/simulate/measurement.hpp"
#include "reliasim/simulate/results.hpp"
#include "topology.hpp"

namespace reliasim::sim {

enum class Phase : std::uint8_t {
  detected,   // T1 reached: page the crew; a free member takes the engage time
  engaged,    // T2 reached: the member who acknowledged mitigates (or repairs)
  mitigated,  // T3 reached: impact ends, repair follows
  repaired,   // T4 reached after a mitigation
  resolved,   // T3 = T4 reached: impact and repair end together
};

struct Incident {
  Index source = 0;
  Index target = 0;  // the alternative it picked, as a Topology target
  Phase next = Phase::engaged;
  double pending = 0.0;   // duration of the step waiting for a crew
  Index crew = no_index;  // the crew the incident holds or waits for
  double engage = 0.0;
  double mitigate = 0.0;
  double repair = 0.0;
  bool impairing = false;
  bool open = false;  // from T0 until T4 (for ever when nothing ends it)
  IncidentRecord data;
};

// Who is keeping a scope down right now.
struct Contributor {
  Index incident = no_index;  // or no_index for a scheduled impact
  // Scheduled impacts: maintenance windows, then injected incidents (numbered after them).
  Index scheduled = no_index;
  Index failure_mode = no_index;
  Cause cause = Cause::internal;
  // Whether an SLA's exclusion of its cause applies: false for a maintenance window with
  // `excluded_from_sla: false`, which every SLA counts.
  bool excludable = true;
};

// Element i of a per-service, per-source or per-scope vector, indexed as the model indexes.
template <typename T>
T& at(std::vector<T>& v, Index i) {
  return v[static_cast<std::size_t>(i)];
}
template <typename T>
const T& at(const std::vector<T>& v, Index i) {
  return v[static_cast<std::size_t>(i)];
}

// What SLA measurement rules are applied to at the end of the trial (measurement.hpp).
using Segment = ScopeSegment;

// A failure source's working state, in one record: an event on a source reads and writes most
// of it, and among thousands of sources one cache line beats five.
struct SourceState {
  // 2k while waiting for the k-th occurrence, 2k + 1 during the k-th incident; also the
  // event index of the stream each draws from.
  std::uint64_t occurrences = 0;
  double life_left = 0.0;     // active time left before the next occurrence
  double life_stamp = 0.0;    // when life_left was last brought up to date
  double aging = 1.0;         // 1 active, the dormant factor while on standby
  std::uint32_t version = 0;  // of its scheduled occurrence: older events are stale
  // Importance sampling (trial_biasing.cpp): a biased life counts in cumulative hazard.
  double bias = 1.0;         // the factor on its hazard rate
  double hazard_left = 0.0;  // until it fails, in cumulative hazard consumed at `bias`
  double plain_age = 0.0;    // its active age at life_stamp
};

enum class GroupMode : std::uint8_t { up, switching, stuck, all_down };

// A service's working state but its error, in one record: propagation reads and writes most of
// it for each service it visits, and among thousands of services one cache line beats six.
// (The error, which each service reads of its inputs, stays in an array of its own.)
struct ServiceState {
  double ok = 1.0;      // exp(log_ok): the share its own degradations let through
  double log_ok = 0.0;  // sum of log(1 - degrade) over degrading impacts
  double since = 0.0;   // when its down and degraded time was last booked
  int down = 0;         // impacts that take it down
  int degrading = 0;    // impacts that degrade it
  int replicas_up = 0;
  Index active_member = 0;  // of a failover group: a position in its members
  GroupMode mode = GroupMode::up;
};

// Importance sampling (RunConfig::biasing) as a trial applies it.
struct BiasState {
  bool active = false;
  Index scope = 0;            // whose outages are made frequent
  bool outage_began = false;  // at this instant: an outage if it lasts beyond it
  bool done = false;          // the scope had its outage: the rest of the trial runs unbiased
  std::array<double, bias_levels> biases{};
  std::vector<char> affects;            // [source]: can impair the biased scope
  std::vector<Index> biased;            // sources whose failure clock is biased
  std::vector<char> is_biased;          // [source]: in `biased`
  std::vector<DistributionSpec> lives;  // [source]: its time to failure's distribution
  int open = 0;                         // incidents of affecting sources open (to their repair)
  double log_weight = 0.0;              // of this trial's likelihood ratio
  bool settled = false;                 // the horizon is reached: the weight is final
  BiasTrace trace;                      // of this trial, for choosing the biases
};

class Trial {
 public:
  // `cancel`, when set, is checked every few thousand events: a long trial stops within
  // milliseconds of it (its results are then incomplete and discarded). `trace_biasing`: keep
  // bias_trace() even when the biasing is not active (a plain pilot).
  Trial(const CompiledModel& model, const Topology& topology, RunResults& results,
        bool keep_incidents, const std::atomic<bool>* cancel = nullptr, const Biasing& biasing = {},
        bool trace_biasing = false);
  // Simulates trial `trial` into row `row` of the results arrays.
  void run(std::uint64_t seed, std::uint64_t trial, std::size_t row);
  [[nodiscard]] std::uint64_t events() const { return events_; }
  [[nodiscard]] const BiasTrace& bias_trace() const { return bias_.trace; }
  std::vector<IncidentRecord>& incidents() { return incidents_; }
  std::vector<OutageRecord>& outages() { return outages_; }

 private:
  // trial.cpp: the event loop, occurrences and the incident lifecycle.
  void reset(std::uint64_t seed, std::uint64_t trial, std::size_t row);
  void dispatch(const Event& event);
  void schedule_occurrence(Index source, double from);
  void occur(Index source);
  void step(Index slot);
  void end_impact(Index slot);
  static Index engaging_crew(const LifecycleSpec& life);
  void request_crew(Index slot, Index crew, Phase next, double duration);
  void push_step(double time, Index slot);
  void release_crew(Index crew);
  void finish(Index slot);
  void maintenance_start(Index window);
  void maintenance_end(Index window);
  void schedule_injections();
  void injection_start(Index injection);
  void injection_end(Index injection);
  [[nodiscard]] RandomStream stream(Index source, std::uint64_t event) const;

  // trial_state.cpp: impairments, propagation through the graph, failover groups.
  void impair(Index source, Index target, int delta);
  // Starts (delta +1) or ends (-1) an impact that takes the services down, or else lets
  // exp(log_ok) of their requests through.
  void impair_services(std::span<const Index> services, bool down, double log_ok, int delta);
  void mark(Index service);
  void mark_rank(Index rank);
  void propagate();
  [[nodiscard]] double service_error(Index service) const;
  void member_changed(Index group, Index service, bool down);
  void start_failover(Index group);
  void failover_done(Index group);
  void activate(Index group, Index member);
  void set_aging(Index source, double factor);
  void start_biased_life(Index source, double life);
  void set_biased_clock(Index source, double aging, double bias);
  void schedule_biased(Index source);
  void age_biased_life(Index source);

  // trial_biasing.cpp: importance sampling's failure biasing and likelihood ratio.
  void setup_biasing(const Biasing& biasing, bool trace);
  [[nodiscard]] double bias_of(Index source) const;
  void risk_changed(Index source, int delta);
  void weigh_occurrence(Index source);
  void settle_weight();
  void stop_biasing();
  void confirm_outage();
  void update_journeys(Index service);

  // trial_accounting.cpp: time accounting per service, scope and window; attribution.
  void service_changed(Index service, double old_error);
  void scope_changed(Index scope, double new_error);
  void close_segment(Index scope);
  void book_segment(Index scope, double from, double error);
  // By value: it travels in registers, so the copies into the scopes never reload it from the
  // caller's stack while its fields are still being stored there.
  void add_contributor(std::span<const Index> scopes, Contributor contributor);
  void remove_contributor(std::span<const Index> scopes, Index incident, Index scheduled);
  void finish_accounting();
  void begin_outage(Index scope);
  void record_outage(Index scope, bool censored);
  void attribute_down(Index scope, const std::vector<Contributor>& causes, double duration);
  void attribute_failing(Index scope, const std::vector<Contributor>& causes, double duration,
                         double error, bool down);
  void measure_slas();
  void measure_slos();
  void measure_sla(std::size_t sla, double* uptime, double* credit, double* counted_time) const;

  const CompiledModel& model_;
  const Topology& topology_;
  RunResults& out_;
  bool keep_incidents_;
  const std::atomic<bool>* cancel_;
  std::uint64_t seed_ = 0;
  std::uint64_t trial_ = 0;
  std::size_t row_ = 0;
  double now_ = 0.0;
  bool open_ = true;  // accounting stops at the horizon; later events only finish incidents
  std::uint64_t events_ = 0;
  EventQueue queue_;
  // This trial's rows of the results arrays that every change books into (set by reset).
  struct RowCells {
    double* service_down = nullptr;          // [service]
    double* service_degraded = nullptr;      // [service]
    double* scope_outages = nullptr;         // [scope]
    double* scope_longest_outage = nullptr;  // [scope]
    double* attributed_down = nullptr;       // [scope * failure modes + mode]
    double* scope_down = nullptr;            // [scope * windows + window]
    double* scope_degraded = nullptr;        // [scope * windows + window]
    double* scope_error = nullptr;           // [scope * windows + window]
    double* scope_down_by_cause = nullptr;   // [(scope * windows + window) * cause_count + cause]
    double* attributed_degraded = nullptr;   // [scope * failure modes + mode]
    double* attributed_error = nullptr;      // [scope * failure modes + mode]
    double* scope_first_outage = nullptr;    // [scope]
    double* scope_down_at = nullptr;         // [scope * horizon_points + point]
  };
  RowCells cells_;

  // Failure sources.
  std::vector<SourceState> sources_;
  BiasState bias_;
  // Incidents in progress, with a free list of slots.
  std::vector<Incident> slots_;
  std::vector<Index> free_slots_;
  std::vector<IncidentRecord> incidents_;
  std::vector<OutageRecord> outages_;
  // Crews: busy members and the FIFO of waiting incidents.
  std::vector<Index> crew_busy_;
  std::vector<std::vector<Index>> crew_queue_;
  std::vector<std::size_t> crew_head_;
  // Entities.
  std::vector<int> replica_impaired_;
  std::vector<ServiceState> services_;
  std::vector<double> error_;  // [service]: failing fraction, 1 = down
  std::vector<std::uint32_t> failover_version_;
  std::vector<std::uint64_t> failover_key_;  // random stream of each group's switches
  std::vector<std::uint64_t> failover_attempts_;
  std::vector<char> failover_succeeds_;
  std::vector<char> failover_manual_phase_;
  std::vector<double> failover_manual_;
  static constexpr std::size_t no_dirty = static_cast<std::size_t>(-1);
  std::vector<std::uint64_t> dirty_bits_;  // by rank
  std::size_t dirty_low_ = no_dirty;       // lowest and highest word with a bit set
  std::size_t dirty_high_ = 0;
  std::vector<Index> service_at_rank_;
  std::vector<double> journey_error_;
  // Scopes.
  std::vector<double> scope_error_;
  std::vector<double> scope_since_;
  std::vector<std::size_t> scope_window_;  // a window at or before scope_since_ (a cursor)
  std::vector<double> outage_start_;
  std::vector<double> outage_detected_;
  // When the scope's last outage ended, while it may still continue (a scope that goes down
  // again at the same instant); no_outage_end once it is recorded.
  static constexpr double no_outage_end = -1.0;
  std::vector<double> outage_end_;
  std::vector<std::vector<Contributor>> contributors_;
  std::vector<std::vector<Segment>> segments_;
  // [injection]: the target each injected incident hits in this trial.
  std::vector<InjectionTarget> injected_;
};

// Here rather than in trial_accounting.cpp so that propagate, which calls it on every change,
// inlines it.
inline void Trial::service_changed(Index service, double old_error) {
  if (!open_) return;
  double& since = at(services_, service).since;
  const double dt = now_ - since;
  since = now_;
  // Without branches: the state is unpredictable, and adding 0 leaves a total as it was. Two
  // selects of dt or 0 compile to masks; `old_error > 0.0 ? dt - down : 0.0` compiled to a
  // branch, mispredicted on 4 changes in 10.
  const auto cell = static_cast<std::size_t>(service);
  const double down = old_error >= 1.0 ? dt : 0.0;
  const double failing = old_error > 0.0 ? dt : 0.0;
  cells_.service_down[cell] += down;
  cells_.service_degraded[cell] += failing - down;
}

}  // namespace reliasim::sim
