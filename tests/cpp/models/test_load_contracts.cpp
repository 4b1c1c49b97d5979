// SLOs and SLAs as a scenario writes them: scope, target, window, measurement rule, credit
// tiers, fee and exclusions; and the errors for each.
#include "load_helpers.hpp"

namespace reliasim::scenario {
namespace {

using test::at;
using test::Where;

const std::string head = R"(scenario: contracts
horizon: 1y
services: {api: , db: }
journeys: {checkout: [api, db]}
)";

TEST_CASE("a complete SLA reads into its fields", "[load][contracts]") {
  const auto s = test::load_ok(head + R"(slos:
  - {name: fast, service: api, target: 99.95%, window: 30d-rolling}
  - {journey: checkout, target: 0.999}
slas:
  - name: gold
    customer: ACME
    journey: checkout
    target: 99.9%
    window: 30d
    measure: {interval_error_rate: {interval: 5m}}
    credits: [{below: 99.9%, credit: 10%}, {below: 99%, credit: 25%}]
    fee: {monthly: 120000, currency: EUR}
    cap: 50%
    min_payout: 1
    exclusions: [maintenance, third_party]
)");
  REQUIRE(s.slos.size() == 2);
  CHECK(s.slos[0].name.value == "fast");
  CHECK(s.slos[0].scope.service->value == "api");
  CHECK(s.slos[0].target.value == Approx(0.9995));
  CHECK(s.slos[0].window->kind == WindowKind::rolling);
  CHECK(s.slos[0].window->length == 30 * 86400.0);
  CHECK(s.slos[1].name.value.empty());
  CHECK(s.slos[1].scope.journey->value == "checkout");
  CHECK_FALSE(s.slos[1].window.has_value());
  REQUIRE(s.slas.size() == 1);
  const Sla& sla = s.slas[0];
  CHECK(sla.customer == "ACME");
  CHECK(sla.window->kind == WindowKind::fixed);
  CHECK(sla.measure.rule == MeasureRule::interval_error_rate);
  CHECK(sla.measure.interval == 300);
  REQUIRE(sla.credits.size() == 2);
  CHECK(sla.credits[1].below.value == Approx(0.99));
  CHECK(sla.credits[1].credit.value == Approx(0.25));
  CHECK(sla.monthly_fee == 120000);
  CHECK(sla.currency == "EUR");
  CHECK(sla.cap == Approx(0.5));
  CHECK(sla.min_payout == 1);
  CHECK(sla.exclusions == std::vector<Exclusion>{Exclusion::maintenance, Exclusion::third_party});
}

TEST_CASE("credit tiers must fall in 'below' and rise in 'credit'", "[load][contracts]") {
  const std::string yaml = head + R"(slas:
  - name: tiers
    service: api
    target: 99.9%
    measure: weighted_outage
    credits: [{below: 99.95%, credit: 10%}, {below: 99.99%, credit: 25%},
              {below: 95%, credit: 5%}]
    fee: {monthly: 100, currency: EUR}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 3);
  CHECK_ERROR(errors, at(yaml, "99.95%"),
              "SLA 'tiers': the first credit tier starts below 99.95%, above the target 99.9%; "
              "tiers start at or below the target");
  CHECK_ERROR(errors, at(yaml, "99.99%"),
              "SLA 'tiers': credit tiers out of order: 'below' 99.99% follows 99.95%; each "
              "'below' must be lower than the one before it");
  CHECK_ERROR(errors, at(yaml, "5%}]"),
              "SLA 'tiers': credit tiers out of order: 'credit' 5% follows 25%; each 'credit' "
              "must be larger than the one before it");
}

TEST_CASE("SLO and SLA errors name the contract and the value", "[load][contracts]") {
  const std::string yaml = head + R"(slos:
  - {journey: checkout, service: api, target: 99%}
  - {name: none, target: 99%}
  - {name: zero, service: api, target: 0%}
  - {name: long, service: api, target: 99%, window: 2y}
slas:
  - name: bad
    service: api
    target: 99%
    window: 30m-rolling
    measure: best_effort
    credits: [{below: 99%}]
    fee: {monthly: -5}
    cap: 2
    min_payout: -1
    exclusions: [acts_of_god]
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 12);
  CHECK_ERROR(errors, Where(6, 5),
              "slos[0]: takes only one of journey, service; got journey, service");
  CHECK_ERROR(errors, Where(7, 5), "slos[1]: needs one of: journey, service");
  CHECK_ERROR(errors, at(yaml, "0%"),
              "SLO 'zero': target 0% is not above 0%; write a target such as 99.9%");
  CHECK_ERROR(errors, at(yaml, "2y"), "SLO 'long': window 730d is longer than the horizon 365d");
  CHECK_ERROR(errors, at(yaml, "{below: 99%}"),
              "slas[0].credits[0]: missing required key 'credit'");
  CHECK_ERROR(errors, at(yaml, "best_effort"),
              "slas[0].measure: must be bad_minutes, interval_error_rate or weighted_outage; got "
              "'best_effort'");
  CHECK_ERROR(errors, at(yaml, "-5"), "slas[0].fee.monthly: must be an amount >= 0; got '-5'");
  CHECK_ERROR(errors, at(yaml, "{monthly: -5}"), "slas[0].fee: missing required key 'currency'");
  CHECK_ERROR(errors, at(yaml, "2\n"), "slas[0].cap: probability '2' is outside [0, 1]");
  CHECK_ERROR(errors, at(yaml, "-1\n"), "slas[0].min_payout: must be an amount >= 0; got '-1'");
  CHECK_ERROR(errors, at(yaml, "acts_of_god"),
              "slas[0].exclusions[0]: must be maintenance, third_party or customer; got "
              "'acts_of_god'");
  CHECK_ERROR(errors, at(yaml, "30m-rolling"), "slas[0].window: must be calendar-month");
}

}  // namespace
}  // namespace reliasim::scenario

namespace reliasim::scenario {
namespace {

TEST_CASE("a journey's down threshold and an SLA's error threshold", "[load][contracts]") {
  const std::string base = R"(scenario: thresholds
services: {api: }
journeys: {checkout: {services: [api], down_at: 50%}, browse: [api]}
slas:
  - name: gold
    journey: checkout
    target: 99.9%
    measure: {bad_minutes: {granularity: 1m, error_threshold: 5%}}
    credits: [{below: 99.9%, credit: 10%}]
    fee: {monthly: 100, currency: EUR}
)";
  const CompiledModel model = test::compile_ok(base);
  CHECK(model.journeys[0].down_at == 0.5);
  CHECK(model.journeys[1].down_at == 1.0);
  CHECK(model.slas[0].error_threshold == Approx(0.05));

  std::string bad = base;
  bad.replace(bad.find("50%"), 3, "0%");
  bad.replace(bad.find("5%}"), 2, "150%");
  const auto errors = test::errors_of(bad);
  CHECK_ERROR_COUNT(errors, 2);
  CHECK_ERROR(errors, test::at(bad, "0%"),
              "journeys.checkout.down_at: must be a share above 0 and up to 1, such as 0.5 or "
              "50%; got '0%'");
  CHECK_ERROR(errors, test::at(bad, "150%"),
              "slas[0].measure.bad_minutes.error_threshold: probability '150%' is outside [0, 1]");
}

}  // namespace
}  // namespace reliasim::scenario
