// Sensitivity: which parameters vary and how, and effects against known answers: a closed
// form for a doubled failure rate, and a parameter with no effect that must rank last.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "../simulate/model_builder.hpp"
#include "../simulate/run_helpers.hpp"
#include "reliasim/analysis/sensitivity.hpp"
#include "reliasim/analysis/trial_metrics.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

const Parameter& find(const std::vector<Parameter>& list, const std::string& label) {
  const auto it = std::find_if(list.begin(), list.end(),
                               [&](const Parameter& p) { return p.label() == label; });
  REQUIRE(it != list.end());
  return *it;
}

// One service failing every 100 hours on average and repaired in 5, behind one journey.
CompiledModel one_service() {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/crash", {{}, {s}}, 100 * hour, 5 * hour);
  b.journey("use", {s});
  return b.build();
}

RunConfig config(std::uint64_t trials = 400) {
  RunConfig c;
  c.seed = 5;
  c.trials = trials;
  return c;
}

}  // namespace

TEST_CASE("sensitivity: the parameters of a model, with zero ones left out", "[sensitivity]") {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/crash", {{}, {s}}, 100 * hour, 2 * hour);
  b.last_source().lifecycle.detectors[0] = {DetectionChannel::alert, 0.9,
                                            DistributionSpec::fixed_value(300.0)};
  b.journey("use", {s});
  const std::vector<Parameter> list = parameters(b.build());
  // The engage time is a fixed 0: no factor changes it, so it is not a parameter.
  REQUIRE(list.size() == 4);
  CHECK(find(list, "api/crash: rate").baseline == Approx(year / (100 * hour)));
  CHECK(find(list, "api/crash: detection delay (alert)").baseline == 300.0);
  CHECK(find(list, "api/crash: missed detection (alert)").baseline == Approx(0.1));
  CHECK(find(list, "api/crash: repair").kind == ParameterKind::duration);
}

TEST_CASE("sensitivity: how a factor changes each kind of parameter", "[sensitivity]") {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/crash", {{}, {s}}, 100 * hour, 2 * hour);
  b.last_source().lifecycle.repair = {DistributionKind::lognormal, std::log(hour), 0.8, 0, {}};
  b.last_source().lifecycle.detectors[0].probability = 0.9;
  b.journey("use", {s});
  const CompiledModel model = b.build();
  const std::vector<Parameter> list = parameters(model);

  const CompiledModel faster = with_parameter(model, find(list, "api/crash: rate"), 2.0);
  CHECK(faster.sources[0].time_to_failure.mean() == Approx(50 * hour));
  const CompiledModel slower = with_parameter(model, find(list, "api/crash: repair"), 2.0);
  CHECK(slower.sources[0].lifecycle.repair.mean() ==
        Approx(2.0 * model.sources[0].lifecycle.repair.mean()));
  CHECK(slower.sources[0].lifecycle.repair.b == 0.8);  // the shape stays
  const Parameter& miss = find(list, "api/crash: missed detection (alert)");
  CHECK(with_parameter(model, miss, 2.0).sources[0].lifecycle.detectors[0].probability ==
        Approx(0.8));
  CHECK(with_parameter(model, miss, 20.0).sources[0].lifecycle.detectors[0].probability == 0.0);
  CHECK_THROWS_AS(with_parameter(model, miss, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(with_parameter(model, miss, std::nan("")), std::invalid_argument);
}

TEST_CASE("sensitivity: a doubled failure rate against the closed form", "[sensitivity]") {
  const double mttf = 100 * hour, mttr = 5 * hour;
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/crash", {{}, {s}}, mttf, mttr);
  b.journey("use", {s});
  SensitivityOptions options;
  options.confidence = check_confidence;
  const Sensitivity result = sensitivity(b.build(), config(), options);
  const auto it =
      std::find_if(result.effects.begin(), result.effects.end(),
                   [](const ParameterEffect& e) { return e.parameter.quantity == "rate"; });
  REQUIRE(it != result.effects.end());
  const double base = finite_horizon_unavailability(mttf, mttr, year);
  CHECK_COVERS(it->downtime_high,
               year * (finite_horizon_unavailability(mttf / 2, mttr, year) - base));
  CHECK_COVERS(it->downtime_low,
               year * (finite_horizon_unavailability(mttf * 2, mttr, year) - base));
  CHECK(result.scope == "use");
}

TEST_CASE("sensitivity: a parameter with no effect ranks last", "[sensitivity]") {
  ModelBuilder b;
  const Index api = b.service("api"), island = b.service("island");
  b.source("api/crash", {{}, {api}}, 100 * hour, 5 * hour);
  b.source("island/crash", {{}, {island}}, 50 * hour, 5 * hour);
  b.journey("use", {api});
  const Sensitivity result = sensitivity(b.build(), config(200), {});
  REQUIRE(result.effects.size() == 4);
  for (std::size_t r = 0; r < 2; ++r) {
    INFO(result.effects[r].parameter.label());
    CHECK(result.effects[r].parameter.owner == "api/crash");
    CHECK(result.effects[r].swing() > 0.0);
  }
  for (std::size_t r = 2; r < 4; ++r) {
    const ParameterEffect& e = result.effects[r];
    CHECK(e.parameter.owner == "island/crash");
    CHECK(e.swing() == 0.0);
    CHECK(e.downtime_low.upper == 0.0);
    CHECK(e.downtime_high.lower == 0.0);
  }
}

TEST_CASE("sensitivity: bad options are refused", "[sensitivity]") {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/crash", {{}, {s}}, 100 * hour, 5 * hour);
  b.journey("use", {s});
  SensitivityOptions options;
  options.low_factor = -1.0;
  CHECK_THROWS_AS(sensitivity(b.build(), config(), options), std::invalid_argument);
  options.low_factor = 0.5;
  options.scope = 3;
  CHECK_THROWS_AS(sensitivity(b.build(), config(), options), std::invalid_argument);
}

TEST_CASE("sensitivity: batch by batch, the effects of whole paired runs, and progress to the end",
          "[sensitivity]") {
  // 2,300 trials span several batches; each effect must equal, bit for bit, the mean
  // difference of two whole runs paired by trial.
  const CompiledModel model = one_service();
  RunConfig run = config(2300);
  std::uint64_t last = 0;
  bool monotone = true;
  run.on_progress = [&](std::uint64_t done) { monotone = monotone && done >= last, last = done; };
  const Sensitivity result = sensitivity(model, run, {});
  CHECK(monotone);
  CHECK(last == 2300 * sensitivity_runs(model));
  const auto downtime = [&](const CompiledModel& m) {
    std::vector<double> v = trial_downtime(run_trials(m, 2300, 5), 0);
    for (double& x : v) x *= year / m.horizon;
    return v;
  };
  const std::vector<double> base = downtime(model);
  CHECK(result.baseline_downtime.upper == summarize_mean(base).interval.upper);
  for (const ParameterEffect& e : result.effects) {
    INFO(e.parameter.label());
    std::vector<double> high = downtime(with_parameter(model, e.parameter, 2.0));
    for (std::size_t t = 0; t < high.size(); ++t) high[t] -= base[t];
    const Interval expected = summarize_mean(high).interval;
    CHECK(e.downtime_high.estimate == expected.estimate);
    CHECK(e.downtime_high.lower == expected.lower);
  }
}

TEST_CASE("sensitivity: sums of ranges run apart merge into those of the whole run",
          "[sensitivity]") {
  const CompiledModel model = one_service();
  const auto part = [&](std::uint64_t first, std::uint64_t trials, std::uint64_t seed = 5) {
    RunConfig c = config(trials);
    c.first_trial = first, c.seed = seed;
    return sensitivity_sums(model, c, {}).save();
  };
  const Sensitivity whole = sensitivity(model, config(300), {});
  SensitivitySums merged = SensitivitySums::load(part(200, 100));
  merged.merge(SensitivitySums::load(part(0, 200)));
  const Sensitivity joined = merged.finish(model);
  CHECK(joined.trials == 300);
  REQUIRE(joined.effects.size() == whole.effects.size());
  for (std::size_t e = 0; e < whole.effects.size(); ++e) {
    CHECK(joined.effects[e].parameter.label() == whole.effects[e].parameter.label());
    CHECK(joined.effects[e].downtime_high.upper == whole.effects[e].downtime_high.upper);
    CHECK(joined.effects[e].credit_low.lower == whole.effects[e].credit_low.lower);
  }
  CHECK(joined.baseline_downtime.estimate == whole.baseline_downtime.estimate);
  CHECK_THROWS_AS(merged.merge(SensitivitySums::load(part(250, 100))), std::invalid_argument);
  CHECK_THROWS_AS(merged.merge(SensitivitySums::load(part(300, 10, 6))), std::invalid_argument);
  const std::string bytes = part(0, 20);
  for (std::size_t cut = 0; cut < bytes.size(); cut += 61)
    CHECK_THROWS_AS(SensitivitySums::load(bytes.substr(0, cut)), std::invalid_argument);
  CompiledModel other = model;
  other.sources[0].lifecycle.repair = DistributionSpec::fixed_value(0.0);  // one parameter fewer
  CHECK_THROWS_AS(merged.finish(other), std::invalid_argument);
}
