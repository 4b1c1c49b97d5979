// FMEA worksheets of trial ranges run apart (saved, loaded, merged in any order) equal the
// worksheet of one streamed run over their union: every row, score and figure.
#include <catch2/catch.hpp>
#include <filesystem>

#include "reliasim/analysis/fmea.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"
#include "reliasim/simulate/simulate.hpp"

using namespace reliasim;

namespace {

FmeaBuilder worksheet_of(const CompiledModel& model, std::uint64_t first, std::uint64_t trials) {
  RunConfig config;
  config.seed = 7, config.first_trial = first, config.trials = trials;
  config.sla_attribution = true;
  FmeaBuilder builder(model, false, {}, 0.95, {all_scopes});
  simulate_in_batches(model, config, 100, [&](const RunResults& r) { builder.add(r); });
  return builder;
}

void check_same(const Interval& a, const Interval& b) {
  CHECK(a.estimate == b.estimate);
  CHECK(a.upper == b.upper);
}

}  // namespace

TEST_CASE("FMEA worksheets of ranges run apart merge into the worksheet of their union", "[fmea]") {
  const CompiledModel model = scenario::compile(scenario::load_scenario_file(
      std::filesystem::path(RELIASIM_SOURCE_DIR) / "scenarios" / "web-shop.yaml"));
  const FmeaWorksheet whole = worksheet_of(model, 0, 600).finish();
  const FmeaView view{all_scopes};
  FmeaBuilder merged =
      FmeaBuilder::load(worksheet_of(model, 250, 350).save(), model, {}, 0.95, view);
  merged.merge(FmeaBuilder::load(worksheet_of(model, 0, 250).save(), model, {}, 0.95, view));
  const FmeaWorksheet joined = merged.finish();
  CHECK(joined.trials == 600);
  REQUIRE(joined.rows.size() == whole.rows.size());
  for (std::size_t r = 0; r < whole.rows.size(); ++r) {
    const FmeaRow &a = joined.rows[r], &b = whole.rows[r];
    INFO(b.info.service << "/" << b.info.name << " in " << b.scope);
    CHECK(a.index == b.index);
    CHECK(a.scope == b.scope);
    check_same(a.downtime_per_year, b.downtime_per_year);
    check_same(a.budget_burn, b.budget_burn);
    check_same(a.incidents_per_year, b.incidents_per_year);
    check_same(a.ttr_median, b.ttr_median);
    for (std::size_t k = 0; k < b.credit_per_year.size(); ++k)
      check_same(a.credit_per_year[k].amount, b.credit_per_year[k].amount);
    CHECK(a.severity == b.severity);
    CHECK(a.occurrence == b.occurrence);
    CHECK(a.detection == b.detection);
    CHECK(a.detection_probability == b.detection_probability);
    CHECK(a.budget_per_incident == b.budget_per_incident);
  }
  // Overlapping ranges and damaged bytes are refused.
  CHECK_THROWS_AS(merged.merge(worksheet_of(model, 500, 200)), std::invalid_argument);
  const std::string bytes = worksheet_of(model, 0, 20).save();
  for (std::size_t cut = 0; cut < bytes.size(); cut += 4999)
    CHECK_THROWS_AS(FmeaBuilder::load(bytes.substr(0, cut), model), std::invalid_argument);
}
