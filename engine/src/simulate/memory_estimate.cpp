// The memory a run needs, from the same layout the allocation uses (result_shape.hpp) and the
// model's expected incidents. Counted in bytes as doubles: a count past 2^53 is not exact, and
// need not be.
#include "reliasim/simulate/memory_estimate.hpp"

#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "reliasim/analytic/model_estimate.hpp"
#include "result_shape.hpp"
#include "topology.hpp"
#include "trial.hpp"

namespace reliasim {
namespace {

constexpr double double_bytes = sizeof(double);

// Whether losing one replica takes its service below min_healthy.
bool replica_critical(const CompiledModel& model, Index replica) {
  const ServiceSpec& service = model.services[static_cast<std::size_t>(
      model.replicas[static_cast<std::size_t>(replica)].service)];
  return service.replica_count - 1 < service.min_healthy;
}

// Outages an occurrence of one alternative can start alone: one per scope it takes down.
double scopes_taken_down(const CompiledModel& model, const sim::Topology& topology,
                         const TargetSet& targets, Index target) {
  const bool alone =
      !targets.services.empty() || std::any_of(targets.replicas.begin(), targets.replicas.end(),
                                               [&](Index r) { return replica_critical(model, r); });
  return alone ? static_cast<double>(topology.target_scopes[target].size()) : 0.0;
}

// horizon / MTTF, at least expected_occurrences: an incident's length only delays the next.
double occurrences_bound(const FailureSourceSpec& source, double horizon) {
  const double mttf = analytic::mean_time_to_failure(source);
  return std::isfinite(mttf) ? horizon / mttf : 0.0;
}

// The mean incident cycle of each distinct lifecycle, computed once: it integrates the
// detectors' race numerically, and thousands of generated sources share a few lifecycles.
class CycleCache {
 public:
  double cycle(const LifecycleSpec& lifecycle) {
    for (const auto& [known, cycle] : known_)
      if (*known == lifecycle) return cycle;
    const double cycle = analytic::mean_incident_durations(lifecycle).cycle;
    known_.emplace_back(&lifecycle, cycle);
    return cycle;
  }

 private:
  std::vector<std::pair<const LifecycleSpec*, double>> known_;
};

MemoryEstimate expected_records(const CompiledModel& model, const sim::Topology& topology,
                                sim::Occurrences counted) {
  MemoryEstimate e;
  CycleCache cycles;
  for (std::size_t s = 0; s < model.sources.size(); ++s) {
    const FailureSourceSpec& source = model.sources[s];
    const double occurrences =
        counted == sim::Occurrences::expected
            ? expected_occurrences(source, model.horizon, cycles.cycle(source.lifecycle))
            : occurrences_bound(source, model.horizon);
    e.incidents_per_trial += occurrences;
    if (!(source.down || source.degrade >= 1.0)) continue;
    const double share = occurrences / static_cast<double>(source.alternatives.size());
    for (std::size_t a = 0; a < source.alternatives.size(); ++a) {
      const auto target = static_cast<Index>(topology.source_rules[s].first_target + a);
      e.outages_per_trial +=
          share * scopes_taken_down(model, topology, source.alternatives[a], target);
    }
  }
  for (std::size_t w = 0; w < model.maintenance.size(); ++w) {
    const MaintenanceSpec& window = model.maintenance[w];
    const double times = window.every > 0 ? std::ceil(model.horizon / window.every) : 1.0;
    e.outages_per_trial +=
        times * static_cast<double>(topology.maintenance_scopes[static_cast<Index>(w)].size());
  }
  return e;
}

// A thread's Trial: its state per source, service and scope, the segments of measured scopes,
// and the incident lists of the chunk it runs and of one set aside.
double working_state(const CompiledModel& model, const sim::Topology& topology,
                     const RunConfig& config, const MemoryEstimate& records) {
  const double per_trial_records = records.incidents_per_trial * sizeof(IncidentRecord) +
                                   records.outages_per_trial * sizeof(OutageRecord);
  const double measured = static_cast<double>(
      std::count(topology.scope_measured.begin(), topology.scope_measured.end(), 1));
  return static_cast<double>(model.sources.size()) * (sizeof(sim::SourceState) + 8) +
         static_cast<double>(model.services.size()) * (sizeof(sim::ServiceState) + 64) +
         static_cast<double>(topology.scopes.size()) * 128 +
         measured * 2.0 * records.incidents_per_trial * sizeof(sim::Segment) +
         2.0 * static_cast<double>(config.chunk_size) * per_trial_records;
}

// What summarize() keeps beside the results: every incident's TTD, TTA, TTM and TTR twice
// (over all incidents and per failure mode) and a copy of the largest for its quantiles; each
// outage's TTD and duration; per trial and SLA the annual credit, copied twice for its tail;
// and the larger of its per-trial counts of incidents by mode and of outages by window.
double summary_copies(const RunResults& shape, const RunConfig& config,
                      const MemoryEstimate& records) {
  const double trials = static_cast<double>(config.trials);
  const double per_incident = 9 * double_bytes, per_outage = 2 * double_bytes;
  const double counts =
      std::max(double_bytes * static_cast<double>(shape.failure_modes.size()),
               sizeof(std::uint32_t) * static_cast<double>(shape.scopes.size() * shape.windows()));
  const double records_part = config.keep_incidents ? records.incidents_per_trial * per_incident +
                                                          records.outages_per_trial * per_outage
                                                    : 0.0;
  return trials *
         (records_part + counts + 3 * double_bytes * static_cast<double>(shape.slas.size()));
}

// "512 B", "3.4 MiB", "12.3 GiB": binary units, one decimal past bytes.
std::string bytes_text(double bytes) {
  constexpr std::array<const char*, 5> units{"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return std::to_string(static_cast<long long>(bytes)) + " B";
  std::size_t unit = 0;
  for (bytes /= 1024; bytes >= 1024 && unit + 1 < units.size(); ++unit) bytes /= 1024;
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", bytes, units[unit]);
  return text;
}

}  // namespace

double expected_occurrences(const FailureSourceSpec& source, double horizon) {
  return expected_occurrences(source, horizon,
                              analytic::mean_incident_durations(source.lifecycle).cycle);
}

double expected_occurrences(const FailureSourceSpec& source, double horizon, double cycle) {
  const double mttf = analytic::mean_time_to_failure(source);
  if (!std::isfinite(mttf)) return 0.0;
  // An incident that never ends (nothing detects it) leaves room for one occurrence.
  if (!std::isfinite(cycle)) return std::min(1.0, horizon / mttf);
  return horizon / (mttf + cycle);
}

double MemoryEstimate::total() const {
  return std::accumulate(parts.begin(), parts.end(), 0.0,
                         [](double sum, const MemoryPart& p) { return sum + p.bytes; });
}

std::string MemoryEstimate::describe(std::size_t count) const {
  std::string text = bytes_text(total()) + " (";
  for (std::size_t p = 0; p < std::min(count, parts.size()); ++p)
    text += (p > 0 ? ", " : "") + parts[p].name + " " + bytes_text(parts[p].bytes);
  return text + ")";
}

MemoryEstimate estimate_run_memory(const CompiledModel& model, const RunConfig& config) {
  return sim::estimate_run_memory(model, sim::build_topology(model), config);
}

MemoryEstimate sim::estimate_run_memory(const CompiledModel& model, const Topology& topology,
                                        const RunConfig& config, Occurrences occurrences) {
  const RunResults shape = sim::result_shape(model, topology, config);
  const sim::RowWidths widths = sim::row_widths(shape, config.sla_attribution);
  const double trials = static_cast<double>(config.trials);
  MemoryEstimate e = expected_records(model, topology, occurrences);
  for (std::size_t a = 0; a < widths.size(); ++a)
    e.parts.push_back({RunResults::simulated_array_names[a],
                       trials * double_bytes * static_cast<double>(widths[a])});
  e.parts.push_back({"weights", trials * double_bytes});
  if (config.keep_incidents) {
    e.parts.push_back({"incidents", trials * e.incidents_per_trial * sizeof(IncidentRecord)});
    e.parts.push_back({"outages", trials * e.outages_per_trial * sizeof(OutageRecord)});
  }
  const int threads = config.threads > 0 ? config.threads : tbb::this_task_arena::max_concurrency();
  e.parts.push_back({"working state", threads * working_state(model, topology, config, e)});
  e.parts.push_back({"summary copies", summary_copies(shape, config, e)});
  std::stable_sort(e.parts.begin(), e.parts.end(),
                   [](const MemoryPart& a, const MemoryPart& b) { return a.bytes > b.bytes; });
  return e;
}

}  // namespace reliasim
