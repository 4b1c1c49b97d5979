// SLA portfolios: every contract in one currency taken together trial by trial. Checked against
// the per-trial credits of the run itself, totalled and ranked here, and against contracts whose
// totals are known multiples of one another.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "behaviour_helpers.hpp"
#include "reliasim/analysis/summary.hpp"

namespace reliasim::test {
namespace {

// Three contracts on one journey: a and b alike but for the fee (b's credits are 3x a's in
// every window of every trial), c in another currency.
const std::string three_contracts = R"(scenario: portfolio
horizon: 1y
services:
  api:
    failure_modes:
      - {name: crash, occurs: {mtbf: 20d}, repair: {self_heal: {exponential: {mean: 2h}}}}
journeys: {checkout: [api]}
slas:
  - {name: a, journey: checkout, target: 99.9%, measure: weighted_outage, credits: [{below: 99.9%, credit: 10%}, {below: 99%, credit: 25%}], fee: {monthly: 1000, currency: USD}}
  - {name: c, journey: checkout, target: 99.9%, measure: weighted_outage, credits: [{below: 99.9%, credit: 10%}], fee: {monthly: 500, currency: EUR}}
  - {name: b, journey: checkout, target: 99.9%, measure: weighted_outage, credits: [{below: 99.9%, credit: 10%}, {below: 99%, credit: 25%}], fee: {monthly: 3000, currency: USD}}
)";

TEST_CASE("a portfolio of contracts in step is their sum, tail included", "[sla][portfolio]") {
  const ModelRun run = model_run(three_contracts, 400);
  const Summary s = summarize(run.results, run.model);
  REQUIRE(s.portfolios.size() == 2);
  const PortfolioSummary& usd = s.portfolios[0];
  CHECK(usd.currency == "USD");
  CHECK(usd.contracts == std::vector<std::string>{"a", "b"});
  const SlaSummary& a = s.slas[0];
  REQUIRE(a.credit_per_year.estimate > 0);
  // b pays 3x a in every trial, so the total is 4x a: its mean and every quantile too.
  CHECK(usd.credit_per_year.estimate == Approx(4 * a.credit_per_year.estimate));
  CHECK(usd.var95.var == Approx(4 * a.var95.var));
  CHECK(usd.var99.cvar == Approx(4 * a.var99.cvar));
  CHECK(usd.sum_of_var99 == Approx(a.var99.var + s.slas[2].var99.var));
  // A currency with one contract is that contract.
  const PortfolioSummary& eur = s.portfolios[1];
  CHECK(eur.contracts == std::vector<std::string>{"c"});
  CHECK(eur.credit_per_year.estimate == Approx(s.slas[1].credit_per_year.estimate));
  CHECK(eur.var99.var == Approx(s.slas[1].var99.var));
}

// The smallest total x with P(total <= x) >= level, from the run's own per-trial credits.
double value_at_risk(std::vector<double> totals, double level) {
  std::sort(totals.begin(), totals.end());
  const auto rank = static_cast<std::size_t>(std::ceil(level * static_cast<double>(totals.size())));
  return totals[std::max<std::size_t>(rank, 1) - 1];
}

std::string bundled(const std::string& name) {
  std::ifstream in(std::string(RELIASIM_SOURCE_DIR) + "/scenarios/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("the joint tail comes from the per-trial totals of the contracts", "[sla][portfolio]") {
  // The bundled portfolio: three USD contracts on two journeys and one service.
  const ModelRun run = model_run(bundled("sla-portfolio.yaml"), 300);
  const Summary s = summarize(run.results, run.model);
  const RunResults& r = run.results;
  std::size_t stride = 0;
  for (std::size_t l = 0; l < r.slas.size(); ++l) stride += r.sla_windows(l);
  const PortfolioSummary& usd = s.portfolios.front();
  REQUIRE(usd.currency == "USD");
  std::vector<double> totals(r.trials, 0.0);
  std::size_t offset = 0, contracts = 0;
  for (std::size_t l = 0; l < r.slas.size(); offset += r.sla_windows(l), ++l) {
    if (run.model.slas[l].currency != "USD" || !run.model.slas[l].has_credits()) continue;
    ++contracts;
    for (std::size_t t = 0; t < r.trials; ++t)
      for (std::size_t w = 0; w < r.sla_windows(l); ++w)
        totals[t] += r.sla_credit[t * stride + offset + w] * (year / r.horizon);
  }
  CHECK(usd.contracts.size() == contracts);
  double mean = 0.0;
  for (const double x : totals) mean += x / static_cast<double>(totals.size());
  CHECK(usd.credit_per_year.estimate == Approx(mean));
  CHECK(usd.var95.var == Approx(value_at_risk(totals, 0.95)));
  CHECK(usd.var99.var == Approx(value_at_risk(totals, 0.99)));
  // Shared incidents make bad years coincide, but not perfectly: the joint VaR is not the sum.
  CHECK(usd.var99.var < usd.sum_of_var99);
}

}  // namespace
}  // namespace reliasim::test
