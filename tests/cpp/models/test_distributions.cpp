// Distributions as a scenario writes them (docs/format-spec.md, "Distributions"): every kind
// and parameter set, empirical samples inline and from a CSV file, and bad parameters.
#include <cmath>

#include "load_helpers.hpp"
#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario {
namespace {

using Catch::Matchers::Contains;
using Kind = DistributionKind;
using test::at;

constexpr double day = seconds_per_day;
constexpr double z95 = 1.6448536269514722;

// One failure mode per distribution, in the order written.
std::vector<DistributionSpec> times_to_failure(const Scenario& s) {
  std::vector<DistributionSpec> specs;
  for (const auto& mode : s.services.at(0).failure_modes)
    specs.push_back(mode.occurs.time_to_failure.value());
  return specs;
}

std::string scenario_with_modes(const std::string& modes) {
  return "scenario: dists\nservices:\n  api:\n    failure_modes:\n" + modes;
}

TEST_CASE("every distribution kind reads into its parameters", "[load][distribution]") {
  const auto s = test::load_ok(scenario_with_modes(R"(
      - {name: a, occurs: {exponential: {mean: 30d}}}
      - {name: b, occurs: {exponential: {rate: 4/y}}}
      - {name: c, occurs: {weibull: {shape: 1.5, scale: 90d}}}
      - {name: d, occurs: {lognormal: {median: 30d, p95: 90d}}}
      - {name: e, occurs: {lognormal: {median: 30d, sigma: 0.5}}}
      - {name: f, occurs: {lognormal: {mean: 30d, stddev: 10d}}}
      - {name: g, occurs: {gamma: {shape: 2, scale: 15d}}}
      - {name: h, occurs: {gamma: {shape: 2, mean: 30d}}}
      - {name: i, occurs: {normal: {mean: 30d, stddev: 5d}}}
      - {name: j, occurs: {uniform: {min: 10d, max: 50d}}}
      - {name: k, occurs: {triangular: {min: 10d, mode: 20d, max: 50d}}}
      - {name: l, occurs: {fixed: 30d}}
      - {name: m, occurs: {empirical: {samples: [40d, 10d, 20d]}}}
      - {name: n, occurs: {rate: 2/y}}
      - {name: o, occurs: {mtbf: 90d}}
)"));
  const auto d = times_to_failure(s);
  REQUIRE(d.size() == 15);
  CHECK((d[0].kind == Kind::exponential && d[0].a == 30 * day));
  CHECK((d[1].kind == Kind::exponential && d[1].a == Approx(seconds_per_year / 4)));
  CHECK((d[2].kind == Kind::weibull && d[2].a == 1.5 && d[2].b == 90 * day));
  CHECK(d[3].kind == Kind::lognormal);
  CHECK(d[3].a == Approx(std::log(30 * day)));
  CHECK(d[3].b == Approx(std::log(3.0) / z95));
  CHECK((d[4].kind == Kind::lognormal && d[4].b == 0.5));
  CHECK(d[4].a == Approx(std::log(30 * day)));
  CHECK(d[5].kind == Kind::lognormal);
  CHECK(d[5].mean() == Approx(30 * day));
  CHECK(d[5].b == Approx(std::sqrt(std::log1p(1.0 / 9))));
  CHECK((d[6].kind == Kind::gamma && d[6].a == 2 && d[6].b == 15 * day));
  CHECK((d[7].kind == Kind::gamma && d[7].a == 2 && d[7].b == 15 * day));
  CHECK((d[8].kind == Kind::truncated_normal && d[8].a == 30 * day && d[8].b == 5 * day));
  CHECK((d[9].kind == Kind::uniform && d[9].a == 10 * day && d[9].b == 50 * day));
  CHECK((d[10].kind == Kind::triangular && d[10].a == 10 * day && d[10].b == 20 * day &&
         d[10].c == 50 * day));
  CHECK((d[11].kind == Kind::fixed && d[11].a == 30 * day));
  CHECK(d[12].kind == Kind::empirical);
  CHECK(d[12].samples == std::vector<double>{10 * day, 20 * day, 40 * day});  // sorted
  CHECK((d[13].kind == Kind::exponential && d[13].a == Approx(seconds_per_year / 2)));
  CHECK((d[14].kind == Kind::exponential && d[14].a == 90 * day));
}

TEST_CASE("a bare duration is a fixed distribution", "[load][distribution]") {
  const auto s = test::load_ok(scenario_with_modes(
      "      - {name: a, occurs: {rate: 1/y}, engage: 5m, repair: {self_heal: 2h}}\n"));
  const auto& lifecycle = s.services[0].failure_modes[0].lifecycle;
  REQUIRE(lifecycle.engage.has_value());
  CHECK((lifecycle.engage->kind == Kind::fixed && lifecycle.engage->a == 300));
  REQUIRE(lifecycle.repair.has_value());
  CHECK(lifecycle.repair->self_heal);
  CHECK(lifecycle.repair->duration.a == 7200);
}

TEST_CASE("empirical samples come from a CSV file next to the scenario", "[load][distribution]") {
  const test::TempDir dir;
  dir.write("ttr.csv",
            "when,ttr,note\r\n2026-01-03,5m,\"db\"\r\n2026-02-11,1h,x\r\n2026-03-09,10m,y\r\n");
  dir.write("minutes.csv", "12\n3\n45\n");
  const auto file = dir.write("csv.yaml", scenario_with_modes(R"(
      - {name: by-name, occurs: {empirical: {csv: ttr.csv, column: ttr}}}
      - {name: by-index, occurs: {empirical: {csv: ttr.csv, column: 1}}}
      - {name: numbers, occurs: {empirical: {csv: minutes.csv, unit: 1m}}}
)"));
  const auto d = times_to_failure(load_scenario_file(file));
  REQUIRE(d.size() == 3);
  CHECK(d[0].samples == std::vector<double>{300, 600, 3600});
  CHECK(d[1].samples == d[0].samples);
  CHECK(d[2].samples == std::vector<double>{180, 720, 2700});
}

TEST_CASE("CSV problems name the file, the row or the column", "[load][distribution]") {
  const test::TempDir dir;
  dir.write("bad.csv", "ttr\n5m\nsoon\n");
  dir.write("empty.csv", "ttr\n");
  const std::string yaml = scenario_with_modes(R"(
      - {name: a, occurs: {empirical: {csv: missing.csv}}}
      - {name: b, occurs: {empirical: {csv: bad.csv, column: ttr}}}
      - {name: c, occurs: {empirical: {csv: bad.csv, column: duration}}}
      - {name: d, occurs: {empirical: {csv: empty.csv}}}
      - {name: e, occurs: {empirical: {csv: bad.csv, samples: [1m]}}}
      - {name: f, occurs: {empirical: {csv: bad.csv, column: 1}}}
      - {name: g, occurs: {empirical: {csv: bad.csv, column: 99999999999999999999999}}}
)");
  const auto errors = test::errors_of(yaml, dir.path());
  CHECK_ERROR_COUNT(errors, 7);
  CHECK_ERROR(errors, at(yaml, "missing.csv"),
              "services.api.failure_modes[0].occurs.empirical.csv: cannot read CSV file '" +
                  (dir.path() / "missing.csv").string() +
                  "' (No such file or directory); give a "
                  "path relative to the scenario file");
  CHECK_ERROR(errors, at(yaml, "{csv: bad.csv, column: ttr}"),
              "services.api.failure_modes[1].occurs.empirical: row 3 of the CSV file: 'soon' is "
              "not a duration");
  CHECK_ERROR(errors, at(yaml, "duration}"),
              "services.api.failure_modes[2].occurs.empirical.column: no column 'duration' in the "
              "header of '" +
                  (dir.path() / "bad.csv").string() +
                  "' (1 columns); name one of them, or give its number from 0");
  CHECK_ERROR(errors, at(yaml, "{csv: empty.csv}"),
              "services.api.failure_modes[3].occurs.empirical: no samples in the CSV file; give at "
              "least one duration per row");
  CHECK_ERROR(errors, at(yaml, "{csv: bad.csv, samples"),
              "services.api.failure_modes[4].occurs.empirical: takes only one of samples, csv; got "
              "samples, csv");
  CHECK_ERROR(errors, at(yaml, "1}}}"),
              "services.api.failure_modes[5].occurs.empirical.column: column 1 is not in '" +
                  (dir.path() / "bad.csv").string() +
                  "', whose first row has 1 columns, numbered from 0");
  // Once "reliasim: error: stoul", with no place (found by tests/fuzz/fuzz_scenario.cpp).
  CHECK_ERROR(errors, at(yaml, "99999999999999999999999"),
              "services.api.failure_modes[6].occurs.empirical.column: column "
              "'99999999999999999999999' is too large for a column number; give a column's number "
              "from 0, or its name in the header");
}

TEST_CASE("bad distribution parameters say what is wrong and what is valid",
          "[load][distribution]") {
  const std::string yaml = scenario_with_modes(R"(
      - {name: a, occurs: {exponential: {mean: 30d, rate: 1/y}}}
      - {name: b, occurs: {exponential: {}}}
      - {name: c, occurs: {weibull: {shape: 0, scale: 90d}}}
      - {name: d, occurs: {lognormal: {median: 30d, p95: 10d}}}
      - {name: e, occurs: {lognormal: {median: 30d, sigma: -1}}}
      - {name: f, occurs: {lognormal: {mean: 30d}}}
      - {name: g, occurs: {gamma: {shape: 2}}}
      - {name: h, occurs: {gamma: {shape: 100000, mean: 30d}}}
      - {name: i, occurs: {normal: {mean: 30d, stddev: 0s}}}
      - {name: j, occurs: {uniform: {min: 50d, max: 10d}}}
      - {name: k, occurs: {triangular: {min: 10d, mode: 60d, max: 50d}}}
      - {name: l, occurs: {fixed: banana}}
      - {name: m, occurs: {empirical: {samples: []}}}
      - {name: n, occurs: {empirical: {samples: [1d, -2d]}}}
      - {name: o, occurs: {weibul: {shape: 1, scale: 1d}}}
      - {name: p, occurs: {weibull: {shape: 1, scale: 1d}, fixed: 1d}}
      - {name: q, occurs: {rate: 1/y}, engage: {lognormal: {median: 5m, sigma: 11}}}
      - {name: r, occurs: {rate: 1/y}, engage: {}}
      - {name: s, occurs: {rate: 1/y}, engage: {fixed: 1m, uniform: {min: 0, max: 1m}}}
)");
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 19);
  const std::string fm = "services.api.failure_modes";
  CHECK_ERROR(errors, at(yaml, "{mean: 30d, rate"),
              fm + "[0].occurs.exponential: takes only one of mean, rate; got mean, rate");
  CHECK_ERROR(errors, at(yaml, "{}}}"), fm + "[1].occurs.exponential: needs one of: mean, rate");
  CHECK_ERROR(errors, at(yaml, "0, scale"),
              fm + "[2].occurs.weibull.shape: must be a number greater than zero; got '0'");
  CHECK_ERROR(errors, at(yaml, "10d}}}"),
              fm + "[3].occurs.lognormal.p95: must be a p95 longer than the median (30d); got "
                   "'10d'");
  CHECK_ERROR(errors, at(yaml, "-1}"),
              fm + "[4].occurs.lognormal.sigma: must be a number greater than zero; got '-1'");
  CHECK_ERROR(errors, at(yaml, "{mean: 30d}"),
              fm + "[5].occurs.lognormal: missing required key 'stddev'");
  CHECK_ERROR(errors, at(yaml, "{shape: 2}"), fm + "[6].occurs.gamma: needs one of: scale, mean");
  CHECK_ERROR(errors, at(yaml, "100000"),
              fm + "[7].occurs.gamma.shape: must be a shape from 0.05 to 10000; got '100000'");
  CHECK_ERROR(errors, at(yaml, "0s}"),
              fm + "[8].occurs.normal.stddev: must be a duration greater than zero; got '0s'");
  CHECK_ERROR(errors, at(yaml, "{min: 50d"),
              fm + "[9].occurs.uniform: bounds out of order (min 50d, max 10d); write min < max");
  CHECK_ERROR(errors, at(yaml, "{min: 10d, mode"),
              fm + "[10].occurs.triangular: bounds out of order (min 10d, mode 60d, max 50d); "
                   "write min <= mode <= max with min < max");
  CHECK_ERROR(errors, at(yaml, "banana"),
              fm + "[11].occurs.fixed: 'banana' is not a duration; write a number with a unit");
  CHECK_ERROR(errors, at(yaml, "{samples: []}"),
              fm + "[12].occurs.empirical: no samples; list at least one duration, such as [5m, "
                   "12m, 1h]");
  CHECK_ERROR(errors, at(yaml, "-2d"),
              fm + "[13].occurs.empirical.samples[1]: duration '-2d' is negative");
  CHECK_ERROR(errors, at(yaml, "weibul:"),
              fm + "[14].occurs: unknown key 'weibul'; did you mean 'weibull'?");
  CHECK_ERROR(errors, at(yaml, "{weibull: {shape: 1, scale: 1d}, fixed"),
              fm + "[15].occurs: takes one way of occurring: {rate: 4/y}, {mtbf: 90d}, a "
                   "distribution such as {weibull: {shape: 1.5, scale: 30d}}, or {per_deploy: "
                   "5%, deploys: 10/w}; got weibull, fixed");
  CHECK_ERROR(errors, at(yaml, "11}"),
              fm + "[16].engage.lognormal.sigma: must be a spread with sigma at most 10; got '11'");
  CHECK_ERROR(errors, at(yaml, "{}}", 2),
              fm + "[17].engage: takes exactly one distribution kind, such as {lognormal: "
                   "{median: 5m, p95: 20m}}, or a duration; got none");
  CHECK_ERROR(errors, at(yaml, "{fixed: 1m, uniform"),
              fm + "[18].engage: takes exactly one distribution kind, such as {lognormal: "
                   "{median: 5m, p95: 20m}}, or a duration; got fixed, uniform");
}

}  // namespace
TEST_CASE("empirical durations between two time columns of a CSV file", "[load][distribution]") {
  const test::TempDir dir;
  dir.write("incidents.csv",
            "id,started,resolved,note\n"
            "1,2026-01-03T10:00:00Z,2026-01-03T10:45:00Z,\"db, primary\"\n"
            "2,2026-01-05 08:00:00+01:00,2026-01-05T07:30:00Z,\n"  // 07:00 UTC to 07:30 UTC
            "3,2026-01-06T09:00:00Z,,still open\n"
            "4,1767690000,1767693600,epoch seconds\n");
  const auto file = dir.write("times.yaml", scenario_with_modes(R"(
      - {name: spans, occurs: {empirical: {csv: incidents.csv, from: started, to: resolved}}}
)"));
  const auto d = times_to_failure(load_scenario_file(file));
  REQUIRE(d.size() == 1);
  CHECK(d[0].samples == std::vector<double>{1800, 2700, 3600});  // sorted; the open row left out

  dir.write("backwards.csv", "started,resolved\n2026-01-03T10:00:00Z,2026-01-03T09:00:00Z\n");
  const std::string yaml = scenario_with_modes(R"(
      - {name: a, occurs: {empirical: {csv: backwards.csv, from: started, to: resolved}}}
      - {name: b, occurs: {empirical: {csv: incidents.csv, from: started, to: closed}}}
      - {name: c, occurs: {empirical: {csv: incidents.csv, from: started, to: resolved, unit: 1m}}}
      - {name: d, occurs: {empirical: {csv: incidents.csv, from: started}}}
      - {name: e, occurs: {empirical: {csv: incidents.csv, from: note, to: resolved}}}
      - {name: f, occurs: {empirical: {samples: [1m], from: opened}}}
)");
  const auto errors = test::errors_of(yaml, dir.path());
  CHECK_ERROR_COUNT(errors, 6);
  CHECK_ERROR(errors, at(yaml, "{csv: backwards.csv"),
              "services.api.failure_modes[0].occurs.empirical: line 2 of the CSV file: "
              "'2026-01-03T09:00:00Z' ('resolved') is before '2026-01-03T10:00:00Z' ('started'): "
              "`to` ends what `from` starts");
  CHECK_ERROR(errors, at(yaml, "closed}"),
              "services.api.failure_modes[1].occurs.empirical.to: no column 'closed' in the header "
              "of '" +
                  (dir.path() / "incidents.csv").string() +
                  "' (4 columns); name a column of times");
  CHECK_ERROR(errors, at(yaml, "1m}"),
              "services.api.failure_modes[2].occurs.empirical.unit: `unit` reads a column of "
              "durations; with `from` and `to` the durations are the times between two columns: "
              "give one or the other");
  CHECK_ERROR(errors, at(yaml, "{csv: incidents.csv, from: started}"),
              "services.api.failure_modes[3].occurs.empirical: missing required key 'to'");
  CHECK_ERROR(errors, at(yaml, "{csv: incidents.csv, from: note"),
              "services.api.failure_modes[4].occurs.empirical: line 2 of the CSV file: 'db, "
              "primary' is not a time");
  CHECK_ERROR(errors, at(yaml, "opened}"),
              "services.api.failure_modes[5].occurs.empirical.from: `from` is for a CSV file");
}

}  // namespace reliasim::scenario
