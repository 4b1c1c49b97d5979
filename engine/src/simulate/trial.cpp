// The event loop, failure occurrences, the incident lifecycle and crews.
#include "trial.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "reliasim/invariant.hpp"
#include "reliasim/random/sample.hpp"

namespace reliasim::sim {
namespace {

constexpr double never = std::numeric_limits<double>::infinity();
constexpr double not_reached = std::numeric_limits<double>::quiet_NaN();

DetectedBy detected_by(DetectionChannel channel) {
  switch (channel) {
    case DetectionChannel::alert: return DetectedBy::alert;
    case DetectionChannel::canary: return DetectedBy::canary;
    case DetectionChannel::probe: return DetectedBy::probe;
  }
  return DetectedBy::alert;
}

}  // namespace

Trial::Trial(const CompiledModel& model, const Topology& topology, RunResults& results,
             bool keep_incidents, const std::atomic<bool>* cancel, const Biasing& biasing,
             bool trace_biasing)
    : model_(model),
      topology_(topology),
      out_(results),
      keep_incidents_(keep_incidents),
      cancel_(cancel) {
  const std::size_t sources = model.sources.size();
  const std::size_t services = model.services.size();
  sources_.resize(sources);
  crew_busy_.resize(model.crews.size());
  crew_queue_.resize(model.crews.size());
  crew_head_.resize(model.crews.size());
  replica_impaired_.resize(model.replicas.size());
  services_.resize(services);
  error_.resize(services);
  failover_version_.resize(services);
  failover_attempts_.resize(services);
  failover_succeeds_.resize(services);
  failover_manual_phase_.resize(services);
  failover_manual_.resize(services);
  for (const auto& service : model.services)
    failover_key_.push_back(stable_hash(service.name + "/failover"));
  dirty_bits_.resize((services + 63) / 64);
  service_at_rank_.resize(services);
  for (std::size_t s = 0; s < services; ++s)
    service_at_rank_[static_cast<std::size_t>(topology.rank[s])] = static_cast<Index>(s);
  journey_error_.resize(model.journeys.size());
  const std::size_t scopes = topology.scopes.size();
  scope_error_.resize(scopes);
  scope_since_.resize(scopes);
  scope_window_.resize(scopes);
  outage_start_.resize(scopes);
  outage_detected_.resize(scopes);
  outage_end_.resize(scopes);
  contributors_.resize(scopes);
  segments_.resize(scopes);
  queue_.reserve(2 * sources + 64);
  injected_.resize(model.injections.size());
  setup_biasing(biasing, trace_biasing);
}

RandomStream Trial::stream(Index source, std::uint64_t event) const {
  return RandomStream(seed_, trial_, model_.sources[static_cast<std::size_t>(source)].stream_key,
                      event);
}

void Trial::reset(std::uint64_t seed, std::uint64_t trial, std::size_t row) {
  seed_ = seed, trial_ = trial, row_ = row, now_ = 0.0, open_ = true;
  bias_.open = 0, bias_.log_weight = 0.0, bias_.settled = false, bias_.trace = {};
  bias_.done = false, bias_.outage_began = false;
  // The arrays are allocated uninitialised (results.hpp): each trial zeroes its own rows.
  for (const auto array : RunResults::simulated_arrays)
    std::ranges::fill(trial_rows(out_.*array, out_.trials, row, 1), 0.0);
  const auto cells = [this, row](TrialArray& array) {
    return trial_rows(array, out_.trials, row, 1).data();
  };
  cells_ = {cells(out_.service_down),        cells(out_.service_degraded),
            cells(out_.scope_outages),       cells(out_.scope_longest_outage),
            cells(out_.attributed_down),     cells(out_.scope_down),
            cells(out_.scope_degraded),      cells(out_.scope_error),
            cells(out_.scope_down_by_cause), cells(out_.attributed_degraded),
            cells(out_.attributed_error),    cells(out_.scope_first_outage),
            cells(out_.scope_down_at)};
  queue_.clear();
  std::fill(sources_.begin(), sources_.end(), SourceState{});
  slots_.clear(), free_slots_.clear();
  std::fill(crew_busy_.begin(), crew_busy_.end(), 0);
  for (auto& q : crew_queue_) q.clear();
  std::fill(crew_head_.begin(), crew_head_.end(), 0);
  std::fill(replica_impaired_.begin(), replica_impaired_.end(), 0);
  for (std::size_t s = 0; s < model_.services.size(); ++s)
    services_[s] = {.replicas_up = model_.services[s].replica_count};
  std::fill(error_.begin(), error_.end(), 0.0);
  std::fill(failover_attempts_.begin(), failover_attempts_.end(), 0);
  std::fill(failover_manual_phase_.begin(), failover_manual_phase_.end(), 0);
  std::fill(journey_error_.begin(), journey_error_.end(), 0.0);
  std::fill(scope_error_.begin(), scope_error_.end(), 0.0);
  std::fill(scope_since_.begin(), scope_since_.end(), 0.0);
  std::fill(scope_window_.begin(), scope_window_.end(), 0);
  std::fill(outage_end_.begin(), outage_end_.end(), no_outage_end);
  for (auto& c : contributors_) c.clear();
  for (auto& s : segments_) s.clear();
  // Standby members of failover groups start waiting.
  for (std::size_t s = 0; s < model_.sources.size(); ++s) {
    const StandbyLink& link = topology_.standby[s];
    if (link.group != no_index && link.member != 0)
      sources_[s].aging =
          dormant_factor(model_.services[static_cast<std::size_t>(link.group)].failover);
  }
}

void Trial::run(std::uint64_t seed, std::uint64_t trial, std::size_t row) {
  reset(seed, trial, row);
  for (Index s = 0; s < static_cast<Index>(model_.sources.size()); ++s) schedule_occurrence(s, 0.0);
  for (Index w = 0; w < static_cast<Index>(model_.maintenance.size()); ++w) {
    const double first = model_.maintenance[static_cast<std::size_t>(w)].offset;
    if (first < model_.horizon) queue_.push(first, EventKind::maintenance_start, w);
  }
  schedule_injections();
  while (!queue_.empty()) {
    if (bias_.outage_began && queue_.next_time() > now_) confirm_outage();
    const Event event = queue_.pop();
    RELIASIM_ASSERT(event.time >= now_);  // events come in time order
    if (open_ && event.time > model_.horizon) {
      now_ = model_.horizon;
      finish_accounting();
      settle_weight();
    }
    now_ = event.time;
    if (++events_ % 4096 == 0 && cancel_ && cancel_->load(std::memory_order_relaxed)) return;
    dispatch(event);
  }
  if (open_) {
    now_ = model_.horizon;
    finish_accounting();
    settle_weight();
  }
  if (bias_.active) out_.weights[row] = std::exp(bias_.log_weight);
  // Incidents that never end (nobody detected them, or nothing repairs them): recorded with
  // their open stages as NaN.
  for (std::size_t slot = 0; slot < slots_.size(); ++slot)
    if (slots_[slot].open && keep_incidents_) incidents_.push_back(slots_[slot].data);
}

// Tests in the order of how often each kind comes (steps, occurrences, maintenance) rather
// than a switch, which GCC compiles to a jump table: one indirect jump for every kind, which
// predicts poorly when the kinds alternate, as they do.
void Trial::dispatch(const Event& event) {
  if (event.kind == EventKind::incident_step) {
    step(event.id);
  } else if (event.kind == EventKind::occurrence) {
    if (event.version == at(sources_, event.id).version) occur(event.id);
  } else if (event.kind == EventKind::maintenance_start) {
    maintenance_start(event.id);
  } else if (event.kind == EventKind::maintenance_end) {
    maintenance_end(event.id);
  } else if (event.kind == EventKind::injection_start) {
    injection_start(event.id);
  } else if (event.kind == EventKind::injection_end) {
    injection_end(event.id);
  } else if (event.version == at(failover_version_, event.id)) {  // failover_done: the kind left
    RELIASIM_ASSERT(event.kind == EventKind::failover_done);
    failover_done(event.id);
  }
  if (dirty_low_ <= dirty_high_) propagate();  // many steps change no service
}

void Trial::schedule_occurrence(Index source, double from) {
  const FailureSourceSpec& spec = model_.sources[static_cast<std::size_t>(source)];
  SourceState& state = at(sources_, source);
  RandomStream rng = stream(source, state.occurrences);  // even: 2k for the k-th gap
  double life = never;
  if (!spec.per_deploy) {
    life = sample(spec.time_to_failure, rng);
  } else if (spec.deploys_per_second * spec.per_deploy_probability > 0.0) {
    // Failing deploys form a thinned Poisson process: exponential gaps.
    life = -std::log(uniform01(rng)) / (spec.deploys_per_second * spec.per_deploy_probability);
  }
  RELIASIM_ASSERT(life >= 0.0);
  state.life_left = life;
  state.life_stamp = from;
  if (bias_.active && bias_.is_biased[static_cast<std::size_t>(source)]) {
    start_biased_life(source, life);
    return;
  }
  const std::uint32_t version = ++state.version;
  // Most sources age at the full rate: no division for them (x / 1 is x).
  const double fire = state.aging == 1.0  ? from + life
                      : state.aging > 0.0 ? from + life / state.aging
                                          : never;
  if (fire < model_.horizon) queue_.push(fire, EventKind::occurrence, source, version);
}

void Trial::set_aging(Index source, double factor) {
  if (bias_.active && bias_.is_biased[static_cast<std::size_t>(source)]) {
    set_biased_clock(source, factor, at(sources_, source).bias);
    return;
  }
  SourceState& state = at(sources_, source);
  if (state.aging == factor) return;
  state.life_left -= (now_ - state.life_stamp) * state.aging;
  state.life_stamp = now_;
  state.aging = factor;
  const std::uint32_t version = ++state.version;
  // Only a source that is waiting for its next occurrence (not in an incident) is rescheduled.
  if (state.occurrences % 2 == 1) return;
  const double fire = factor > 0.0 ? now_ + state.life_left / factor : never;
  if (fire < model_.horizon) queue_.push(fire, EventKind::occurrence, source, version);
}

void Trial::occur(Index source) {
  const FailureSourceSpec& spec = model_.sources[static_cast<std::size_t>(source)];
  const LifecycleSpec& life = spec.lifecycle;
  if (bias_.active) weigh_occurrence(source);
  const std::uint64_t occurrence = ++at(sources_, source).occurrences;  // odd: in an incident
  if (bias_.active) risk_changed(source, +1);
  RandomStream rng = stream(source, occurrence);  // 2k + 1: k-th incident
  // Every number is drawn whatever the outcome, so a change elsewhere keeps these draws.
  const double pick = uniform01(rng);
  double detected = never;
  DetectedBy by = DetectedBy::none;
  for (const DetectorSpec& detector : life.detectors) {
    const bool fires = uniform01(rng) < detector.probability;
    const double delay = sample(detector.delay, rng);
    if (fires && delay < detected) detected = delay, by = detected_by(detector.channel);
  }
  const double report = life.customer_report ? sample(*life.customer_report, rng) : never;
  RELIASIM_ASSERT(detected >= 0.0 && report >= 0.0);
  if (detected == never && report < never) detected = report, by = DetectedBy::customer;
  const double engage = sample(life.engage, rng);
  const double mitigate = life.mitigation ? sample(life.mitigate, rng) : 0.0;
  const double repair = sample(life.repair, rng);
  RELIASIM_ASSERT(engage >= 0.0 && mitigate >= 0.0 && repair >= 0.0);

  Index slot;
  if (free_slots_.empty()) {
    slot = static_cast<Index>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  Incident& incident = at(slots_, slot);
  const auto alternatives = static_cast<double>(spec.alternatives.size());
  incident.source = source;
  incident.target = at(topology_.source_rules, source).first_target +
                    static_cast<Index>(std::min(alternatives - 1, std::floor(pick * alternatives)));
  incident.mitigate = mitigate;
  incident.repair = repair;
  incident.crew = no_index;
  incident.impairing = true;
  incident.open = true;
  incident.data = {trial_,      source,      spec.failure_mode, now_, now_ + detected,
                   not_reached, not_reached, not_reached,       by,   false};
  if (detected == never) incident.data.detected = not_reached;

  add_contributor(
      topology_.target_scopes[incident.target],
      {slot, no_index, spec.failure_mode, static_cast<Cause>(static_cast<int>(spec.attribution))});
  impair(source, incident.target, +1);

  const bool waits = life.mitigation == MitigationKind::wait;
  if (life.self_heal || waits) {
    // Ends on its own; detection and engagement are recorded when they come first.
    const double ends = now_ + (life.self_heal ? repair : mitigate);
    if (detected < ends - now_)
      incident.data.engaged = std::min(ends, now_ + detected + engage);
    else
      incident.data.detected = not_reached, incident.data.detected_by = DetectedBy::none;
    incident.next = life.self_heal ? Phase::resolved : Phase::mitigated;
    queue_.push(ends, EventKind::incident_step, slot);
  } else if (detected < never) {
    // The crew is paged at T1; one that can never be busy is not asked, saving an event.
    const Index crew = engaging_crew(life);
    incident.engage = engage;
    incident.next = Phase::detected;
    incident.crew = crew;
    if (crew == no_index || model_.crews[static_cast<std::size_t>(crew)].size == 0)
      incident.next = Phase::engaged, detected += engage;
    queue_.push(now_ + detected, EventKind::incident_step, slot);
  }
}

// Whoever acknowledges an incident works it: the mitigation's crew, else the repair's.
Index Trial::engaging_crew(const LifecycleSpec& life) {
  return life.mitigation ? life.mitigate_crew : life.repair_crew;
}

void Trial::step(Index slot) {
  Incident& incident = at(slots_, slot);
  const LifecycleSpec& life = model_.sources[static_cast<std::size_t>(incident.source)].lifecycle;
  const Index held = incident.crew;
  incident.crew = no_index;
  switch (incident.next) {
    case Phase::detected: request_crew(slot, held, Phase::engaged, incident.engage); return;
    case Phase::engaged:
      // The member who acknowledged goes on to mitigate (or repair) without queueing again.
      incident.data.engaged = now_;
      incident.crew = held;
      incident.next = life.mitigation ? Phase::mitigated : Phase::resolved;
      push_step(now_ + (life.mitigation ? incident.mitigate : incident.repair), slot);
      return;
    case Phase::mitigated:
      release_crew(held);
      end_impact(slot);
      request_crew(slot, life.repair_crew, Phase::repaired, incident.repair);
      return;
    case Phase::resolved:
      release_crew(held);
      end_impact(slot);
      finish(slot);
      return;
    case Phase::repaired:
      release_crew(held);
      finish(slot);
      return;
  }
}

// T3: the incident stops impairing its targets and stops counting as a cause.
void Trial::end_impact(Index slot) {
  Incident& incident = at(slots_, slot);
  incident.data.mitigated = now_;
  remove_contributor(topology_.target_scopes[incident.target], slot, no_index);
  impair(incident.source, incident.target, -1);
  incident.impairing = false;
}

void Trial::request_crew(Index slot, Index crew, Phase next, double duration) {
  Incident& incident = at(slots_, slot);
  RELIASIM_ASSERT(duration >= 0.0);
  incident.next = next;
  incident.pending = duration;
  incident.crew = crew;
  const bool limited = crew != no_index && model_.crews[static_cast<std::size_t>(crew)].size > 0;
  if (limited && at(crew_busy_, crew) >= model_.crews[static_cast<std::size_t>(crew)].size) {
    at(crew_queue_, crew).push_back(slot);
    return;
  }
  if (limited) ++at(crew_busy_, crew);
  push_step(now_ + duration, slot);
}

// A step that never comes (`repair: none`) is not queued: the incident stays open.
void Trial::push_step(double time, Index slot) {
  if (time < never) queue_.push(time, EventKind::incident_step, slot);
}

void Trial::release_crew(Index crew) {
  if (crew == no_index || model_.crews[static_cast<std::size_t>(crew)].size == 0) return;
  auto& waiting = at(crew_queue_, crew);
  std::size_t& head = at(crew_head_, crew);
  if (head == waiting.size()) {
    RELIASIM_ASSERT(at(crew_busy_, crew) > 0);
    --at(crew_busy_, crew);
    return;
  }
  const Index next = waiting[head++];
  if (head == waiting.size()) waiting.clear(), head = 0;
  queue_.push(now_ + at(slots_, next).pending, EventKind::incident_step, next);
}

void Trial::finish(Index slot) {
  Incident& incident = at(slots_, slot);
  // T4 is written into the copy: written into the slot just before, it would still be in
  // the store buffer when the copy loads it with its neighbours, and stall the load.
  if (keep_incidents_) incidents_.emplace_back(incident.data).repaired = now_;
  incident.open = false;
  if (bias_.active) risk_changed(incident.source, -1);
  ++at(sources_, incident.source).occurrences;  // even: waiting for the next occurrence
  schedule_occurrence(incident.source, now_);
  free_slots_.push_back(slot);
}

void Trial::maintenance_start(Index window) {
  const MaintenanceSpec& spec = model_.maintenance[static_cast<std::size_t>(window)];
  add_contributor(topology_.maintenance_scopes[window],
                  {no_index, window, no_index, Cause::maintenance, spec.excluded_from_sla});
  impair_services(spec.services, true, 0.0, +1);
  queue_.push(now_ + spec.duration, EventKind::maintenance_end, window);
  if (now_ + spec.every < model_.horizon)
    queue_.push(now_ + spec.every, EventKind::maintenance_start, window);
}

void Trial::maintenance_end(Index window) {
  const MaintenanceSpec& spec = model_.maintenance[static_cast<std::size_t>(window)];
  remove_contributor(topology_.maintenance_scopes[window], no_index, window);
  impair_services(spec.services, true, 0.0, -1);
}

// Each injected incident draws its time and target from its own stream, so the random history
// around it keeps every number it draws without the injection (common random numbers).
void Trial::schedule_injections() {
  for (Index i = 0; i < static_cast<Index>(model_.injections.size()); ++i) {
    const InjectionSpec& spec = model_.injections[static_cast<std::size_t>(i)];
    RandomStream rng(seed_, trial_, spec.stream_key, 0);
    const double start = spec.earliest + uniform01(rng) * (spec.latest - spec.earliest);
    const auto choices = static_cast<double>(spec.targets.size());
    const auto pick =
        static_cast<std::size_t>(std::min(choices - 1, std::floor(uniform01(rng) * choices)));
    at(injected_, i) = spec.targets[pick];
    if (start < model_.horizon) queue_.push(start, EventKind::injection_start, i);
  }
}

void Trial::injection_start(Index injection) {
  const InjectionTarget hit = at(injected_, injection);
  const FailureSourceSpec& source = model_.sources[static_cast<std::size_t>(hit.source)];
  const Index target = at(topology_.source_rules, hit.source).first_target + hit.alternative;
  const auto scheduled = static_cast<Index>(model_.maintenance.size()) + injection;
  add_contributor(topology_.target_scopes[target],
                  {no_index, scheduled, source.failure_mode,
                   static_cast<Cause>(static_cast<int>(source.attribution))});
  impair(hit.source, target, +1);
  queue_.push(now_ + model_.injections[static_cast<std::size_t>(injection)].duration,
              EventKind::injection_end, injection);
}

void Trial::injection_end(Index injection) {
  const InjectionTarget hit = at(injected_, injection);
  const Index target = at(topology_.source_rules, hit.source).first_target + hit.alternative;
  remove_contributor(topology_.target_scopes[target], no_index,
                     static_cast<Index>(model_.maintenance.size()) + injection);
  impair(hit.source, target, -1);
}

}  // namespace reliasim::sim
