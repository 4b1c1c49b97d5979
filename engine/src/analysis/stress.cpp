// Stress tests: the baseline and each test's stressed copy, run batch by batch on the same
// trials and compared pairwise (compare.hpp).
#include "reliasim/analysis/stress.hpp"

#include <algorithm>
#include <stdexcept>

#include "reliasim/simulate/simulate.hpp"
#include "verdict_text.hpp"

namespace reliasim {
namespace {

using verdict_text::duration_text;
using verdict_text::money_text;
using verdict_text::percent;

std::string signed_text(double value, const std::string& text) {
  return (value < 0 ? "-" : "+") + text;
}

std::string interval_text(const Interval& i, double confidence, auto&& format) {
  return "(" + percent(confidence) + " CI " + signed_text(i.lower, format(i.lower)) + " to " +
         signed_text(i.upper, format(i.upper)) + ")";
}

}  // namespace

std::string with_stress_name(const CompiledModel& model, const StressTestSpec& test) {
  return model.name + " under stress test " + test.name;
}

CompiledModel with_stress(const CompiledModel& model, const StressTestSpec& test) {
  CompiledModel stressed = model;
  stressed.name = with_stress_name(model, test);
  stressed.injections = test.injections;
  return stressed;
}

StressReport stress(const CompiledModel& model, const std::vector<StressTestSpec>& tests,
                    const RunConfig& config, double confidence) {
  if (tests.empty()) throw std::invalid_argument("no stress test to run");
  // One copy of the model serves every test, its injections set before each test's run: a
  // builder takes design B's name when it is made and reads only what the copy shares with
  // the baseline (its SLAs and costs) afterwards.
  CompiledModel stressed = model;
  std::vector<CompareBuilder> builders;
  for (const StressTestSpec& test : tests) {
    stressed.name = with_stress_name(model, test);
    builders.emplace_back(model, stressed, confidence);
  }
  RunConfig run = config;
  const std::uint64_t batch = streaming_batch(model, run);
  const auto report = config.on_progress;
  const std::uint64_t runs = 1 + tests.size();
  for (std::uint64_t done = 0; done < config.trials; done += run.trials) {
    run.first_trial = config.first_trial + done;
    run.trials = std::min(batch, config.trials - done);
    // Progress counts every run's trials: the baseline's batch, then each test's.
    const auto progress_from = [&](std::uint64_t k) {
      if (report)
        run.on_progress = [&report, before = runs * done + k * run.trials](std::uint64_t n) {
          report(before + n);
        };
    };
    progress_from(0);
    const RunResults baseline = simulate(model, run);
    for (std::size_t t = 0; t < tests.size(); ++t) {
      progress_from(1 + t);
      stressed.injections = tests[t].injections;
      builders[t].add(baseline, simulate(stressed, run));
    }
  }
  StressReport out{model.name, config.trials, config.seed, confidence, {}};
  for (std::size_t t = 0; t < tests.size(); ++t) {
    StressResult result{tests[t], builders[t].finish()};
    result.comparison.verdict = stress_verdict(result);
    out.results.push_back(std::move(result));
  }
  return out;
}

std::string stress_verdict(const StressResult& result) {
  const Comparison& c = result.comparison;
  const std::string level = percent(c.confidence);
  std::string line;
  if (c.scopes.empty()) return "The scenario has no journey or SLA scope to measure.";
  const ScopeComparison& scope = c.scopes.front();
  const Interval& down = scope.downtime_per_year.difference;
  if (!scope.downtime_per_year.distinguishable)
    line +=
        "No change in " + scope.name + " downtime is distinguishable from noise at " + level + " ";
  else
    line += "Adds " + scope.name + " downtime " +
            signed_text(down.estimate, duration_text(down.estimate)) + " a year ";
  line += interval_text(down, c.confidence, duration_text);
  // Each contract's added credits (a sum over contracts would need its own interval).
  std::size_t shown = 0, more = 0;
  for (const SlaComparison& sla : c.slas) {
    const Interval& added = sla.credit_per_year.difference;
    if (!sla.credit_schedule || added.estimate == 0.0) continue;
    if (++shown > 3) {
      ++more;
      continue;
    }
    const auto money = [&sla](double v) { return money_text(std::abs(v), sla.currency); };
    line += "; " + sla.name + " credits " + signed_text(added.estimate, money(added.estimate)) +
            " a year " + interval_text(added, c.confidence, money);
  }
  if (more > 0) line += "; and " + std::to_string(more) + " more contracts' credits";
  return line + ".";
}

}  // namespace reliasim
