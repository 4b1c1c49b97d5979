// The FMEA's fixed tables: score bands, the AIAG-VDA Action Priority, importance measures
// over a structure function, and the static end effect of each failure mode.
#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "../simulate/topology.hpp"
#include "reliasim/analysis/fmea.hpp"

namespace reliasim {
namespace {

// docs/fmea.md, row by row: S 9-10, 7-8, 4-6, 2-3, 1; within a row O 8-10, 6-7,
// 4-5, 2-3, 1; within a cell D 7-10, 5-6, 2-4, 1.
constexpr std::array<std::array<const char*, 5>, 5> priority_table{{
    {"HHHH", "HHHH", "HHHM", "HMLL", "LLLL"},
    {"HHHH", "HHHM", "HMMM", "MMLL", "LLLL"},
    {"HHMM", "MMML", "MLLL", "LLLL", "LLLL"},
    {"MMLL", "LLLL", "LLLL", "LLLL", "LLLL"},
    {"LLLL", "LLLL", "LLLL", "LLLL", "LLLL"},
}};

std::size_t severity_band(int s) {
  return s >= 9 ? 0 : s >= 7 ? 1 : s >= 4 ? 2 : s >= 2 ? 3 : 4;
}
std::size_t occurrence_band(int o) {
  return o >= 8 ? 0 : o >= 6 ? 1 : o >= 4 ? 2 : o >= 2 ? 3 : 4;
}
std::size_t detection_band(int d) {
  return d >= 7 ? 0 : d >= 5 ? 1 : d >= 2 ? 2 : 3;
}

void check_score(const char* name, int value) {
  if (value < 1 || value > 10)
    throw std::invalid_argument(std::string(name) + " must be a score from 1 to 10, not " +
                                std::to_string(value));
}

template <typename T>
const T& at(const std::vector<T>& v, Index i) {
  return v[static_cast<std::size_t>(i)];
}

// The failing fraction of every service while only `targets` of `source` are impaired, once
// failover groups have switched to their first member that is not down (trial_state.cpp's
// rules without time).
std::vector<double> service_errors(const CompiledModel& model, const FailureSourceSpec& source,
                                   const TargetSet& targets) {
  const std::size_t n = model.services.size();
  std::vector<int> replicas_out(n, 0);
  for (const Index r : targets.replicas)
    ++replicas_out[static_cast<std::size_t>(at(model.replicas, r).service)];
  const double impact = source.down ? 1.0 : std::min(1.0, source.degrade);
  std::vector<double> own(n, 0.0);
  for (const Index s : targets.services) own[static_cast<std::size_t>(s)] = impact;
  std::vector<double> error(n, 0.0);
  for (const Index s : model.dependencies_first) {
    const auto i = static_cast<std::size_t>(s);
    const ServiceSpec& spec = model.services[i];
    bool down = own[i] >= 1.0;
    double ok = 1.0 - own[i];
    if (!spec.failover_members.empty()) {
      double member = 1.0;
      for (const Index m : spec.failover_members)
        if (at(error, m) < 1.0) {
          member = at(error, m);
          break;
        }
      down = down || member >= 1.0;
      ok *= 1.0 - member;
    } else if (spec.replica_count > 0 && spec.replica_count - replicas_out[i] < spec.min_healthy) {
      down = true;
    }
    for (const Index d : spec.hard_dependencies) {
      down = down || at(error, d) >= 1.0;
      ok *= 1.0 - at(error, d);
    }
    for (const SoftDependency& soft : spec.soft_dependencies)
      ok *= 1.0 - soft.degrade * at(error, soft.service);
    error[i] = down || ok <= 0.0 ? 1.0 : 1.0 - ok;
  }
  return error;
}

double scope_error(const CompiledModel& model, const ScopeInfo& scope,
                   const std::vector<double>& errors) {
  if (!scope.journey) return at(errors, scope.index);
  double ok = 1.0;
  for (const Index s : at(model.journeys, scope.index).services) ok *= 1.0 - at(errors, s);
  return ok <= 0.0 ? 1.0 : 1.0 - ok;
}

}  // namespace

char priority_letter(ActionPriority priority) {
  return priority == ActionPriority::high ? 'H' : priority == ActionPriority::medium ? 'M' : 'L';
}

ActionPriority action_priority(int severity, int occurrence, int detection) {
  check_score("severity", severity);
  check_score("occurrence", occurrence);
  check_score("detection", detection);
  const char letter = priority_table[severity_band(severity)][occurrence_band(occurrence)]
                                    [detection_band(detection)];
  return letter == 'H'   ? ActionPriority::high
         : letter == 'M' ? ActionPriority::medium
                         : ActionPriority::low;
}

int ScoreBands::score(double value) const {
  if (std::isnan(value)) return 10;
  int rising = 1;
  for (const double edge : edges) rising += value >= edge ? 1 : 0;
  return falling ? 11 - rising : rising;
}

std::vector<Importance> importance(const analytic::Structure& structure, int root,
                                   const std::vector<double>& availabilities,
                                   const std::vector<std::vector<int>>& groups) {
  const analytic::StructureResult solved = analytic::solve(structure, root, availabilities);
  const double base = solved.availability;
  // The worst state of positive probability: every component that can be down is down. The
  // structure is monotone, so the root can be down at all exactly when it is down there.
  std::vector<bool> worst(availabilities.size());
  for (std::size_t i = 0; i < worst.size(); ++i) worst[i] = availabilities[i] >= 1.0;
  const double q = structure.is_up(root, worst) ? 0.0 : std::max(0.0, 1.0 - base);
  std::vector<Importance> out;
  for (const auto& group : groups) {
    Importance result;
    if (!group.empty()) {
      auto with = [&](double value) {
        std::vector<double> a = availabilities;
        for (const int c : group) a[static_cast<std::size_t>(c)] = value;
        return analytic::solve(structure, root, a).availability;
      };
      const double perfect = with(1.0), failed = with(0.0);
      std::vector<bool> state = worst;
      for (const int c : group) state[static_cast<std::size_t>(c)] = true;
      const double q_perfect = structure.is_up(root, state) ? 0.0 : std::max(0.0, 1.0 - perfect);
      for (const int c : group) state[static_cast<std::size_t>(c)] = false;
      const double q_failed = structure.is_up(root, state) ? 0.0 : std::max(0.0, 1.0 - failed);
      constexpr double infinity = std::numeric_limits<double>::infinity();
      for (const int c : group) result.birnbaum += solved.birnbaum[static_cast<std::size_t>(c)];
      if (q > 0.0) {
        result.fussell_vesely = std::clamp((q - q_perfect) / q, 0.0, 1.0);
        result.achievement_worth = q_failed / q;
        result.reduction_worth = q_perfect > 0.0 ? q / q_perfect : infinity;
      } else {
        result.achievement_worth = q_failed > 0.0 ? infinity : 1.0;
      }
    }
    out.push_back(result);
  }
  return out;
}

std::vector<std::vector<double>> end_effects(const CompiledModel& model) {
  const auto scopes = sim::build_topology(model).scopes;
  std::vector<std::vector<double>> effects(model.failure_modes.size(),
                                           std::vector<double>(scopes.size(), 0.0));
  std::vector<double> occurrences(model.failure_modes.size(), 0.0);
  for (const FailureSourceSpec& source : model.sources) {
    const auto mode = static_cast<std::size_t>(source.failure_mode);
    for (const TargetSet& targets : source.alternatives) {
      const std::vector<double> errors = service_errors(model, source, targets);
      for (std::size_t k = 0; k < scopes.size(); ++k)
        effects[mode][k] += scope_error(model, scopes[k], errors);
      occurrences[mode] += 1.0;
    }
  }
  for (std::size_t m = 0; m < effects.size(); ++m)
    for (double& e : effects[m]) e = occurrences[m] > 0.0 ? e / occurrences[m] : 0.0;
  return effects;
}

}  // namespace reliasim
