// P(at least one outage within the horizon) and P(one longer than X), against the closed form
// of a service whose failures come at a constant rate and whose repairs last exactly D: the
// first failure is exponential, and an outage longer than X < D begins before T - X.
#include <cmath>

#include "behaviour_helpers.hpp"
#include "reliasim/analysis/summary.hpp"

namespace reliasim::test {
namespace {

std::string exponential_service(const std::string& horizon, const std::string& repair) {
  return "scenario: first outage\nhorizon: " + horizon +
         "\nservices:\n  api:\n    failure_modes:\n"
         "      - {name: crash, occurs: {rate: 1/d}, repair: {self_heal: " +
         repair + "}}\njourneys: {checkout: [api]}\n";
}

// The estimate's own interval must hold the exact value.
void check_holds(const Interval& estimate, double exact) {
  INFO("estimate " << estimate.estimate << " [" << estimate.lower << ", " << estimate.upper
                   << "], exact " << exact);
  CHECK(estimate.lower <= exact);
  CHECK(exact <= estimate.upper);
}

TEST_CASE("the chance of an outage within a short horizon matches the exponential",
          "[outages][horizon]") {
  // A 6-hour horizon, one failure a day, repairs of exactly 2 h.
  const ModelRun run = model_run(exponential_service("6h", "2h"), 4000);
  const Summary s = summarize(run.results, run.model);
  const ScopeSummary& checkout = s.scopes.front();
  const double rate = 1.0 / day, horizon = 6 * hour;
  check_holds(checkout.outage_in_horizon_probability, 1 - std::exp(-rate * horizon));
  // Longer than 5 min, 30 min and 1 h: a first failure before T - X; never 4 h or a day.
  for (std::size_t k = 0; k < 3; ++k)
    check_holds(checkout.longer_outage_probability[k],
                1 - std::exp(-rate * (horizon - outage_thresholds[k])));
  CHECK(checkout.longer_outage_probability[3].estimate == 0.0);
  CHECK(checkout.longer_outage_probability[4].estimate == 0.0);
}

TEST_CASE("reliability R(t) and the time to the first outage match the exponential",
          "[outages][horizon]") {
  // One failure a day over 3 days: R(t) = exp(-t / 1 d); the first outage, given one within
  // the horizon T, has mean 1 d - T exp(-T / 1 d) / (1 - exp(-T / 1 d)).
  const ModelRun run = model_run(exponential_service("3d", "2h"), 4000);
  const Summary s = summarize(run.results, run.model);
  const ScopeSummary& checkout = s.scopes.front();
  REQUIRE(checkout.reliability.size() == reliability_points);
  for (std::size_t k = 0; k < reliability_points; ++k) {
    const double t = 3 * day * static_cast<double>(k + 1) / reliability_points;
    CHECK(checkout.reliability[k].time == Approx(t));
    check_holds(checkout.reliability[k].probability, std::exp(-t / day));
  }
  const double horizon = 3 * day, none = std::exp(-horizon / day);
  check_holds(checkout.time_to_first_outage.mean, day - horizon * none / (1 - none));
  // The median of the first failure given one by T: F(m) = (1 - none) / 2.
  check_holds(checkout.time_to_first_outage.p50, -day * std::log(1 - (1 - none) / 2));
}

TEST_CASE("a horizon of a few minutes is accepted and measured", "[outages][horizon]") {
  const ModelRun run = model_run(exponential_service("10m", "1h"), 20000);
  const Summary s = summarize(run.results, run.model);
  check_holds(s.scopes.front().outage_in_horizon_probability, 1 - std::exp(-10 * minute / day));
}

}  // namespace
}  // namespace reliasim::test
