// An SLA without money: without credits and fee it loads as breach-only; one without the
// other, or cap and min_payout without a credit schedule, is an error that says what is missing.
#include "load_helpers.hpp"

namespace reliasim::scenario {
namespace {

using test::at;

const std::string head = R"(scenario: money
services: {api: }
journeys: {checkout: [api]}
slas:
  - name: internal
    journey: checkout
    target: 99.9%
    measure: {bad_minutes: {granularity: 1m}}
)";

TEST_CASE("an SLA without credits and fee loads with no credit schedule", "[load][contracts]") {
  const CompiledModel model = test::compile_ok(head);
  REQUIRE(model.slas.size() == 1);
  CHECK_FALSE(model.slas[0].has_credits());
  CHECK(model.slas[0].monthly_fee == 0.0);
  CHECK(model.slas[0].currency.empty());
  const CompiledModel paid =
      test::compile_ok(head + "    credits: [{below: 99.9%, credit: 10%}]\n" +
                       "    fee: {monthly: 100, currency: EUR}\n");
  CHECK(paid.slas[0].has_credits());
}

TEST_CASE("credits without fee is an error at credits that names fee", "[load][contracts]") {
  const std::string yaml = head + "    credits: [{below: 99.9%, credit: 10%}]\n";
  CHECK_ONLY_ERROR(yaml, at(yaml, "[{below"),
                   "slas[0].credits: credits without fee: each tier is a percentage of the fee; "
                   "add fee: {monthly: AMOUNT, currency: EUR}, or remove credits (an SLA without "
                   "credits and fee reports breaches only)");
}

TEST_CASE("fee without credits is an error at fee that names credits", "[load][contracts]") {
  const std::string yaml = head + "    fee: {monthly: 100, currency: EUR}\n";
  CHECK_ONLY_ERROR(yaml, at(yaml, "{monthly"), "slas[0].fee: fee without credits");
  CHECK_ONLY_ERROR(yaml, at(yaml, "{monthly"), "add credits: [{below: 99.9%, credit: 10%}]");
}

TEST_CASE("cap and min_payout need a credit schedule", "[load][contracts]") {
  const std::string yaml = head + "    cap: 50%\n    min_payout: 1\n";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 2);
  CHECK_ERROR(errors, at(yaml, "50%"), "slas[0].cap: cap shapes a credit schedule");
  CHECK_ERROR(errors, at(yaml, "1\n"), "slas[0].min_payout: min_payout shapes a credit schedule");
}

TEST_CASE("an empty credit list is an error, not a breach-only SLA", "[load][contracts]") {
  const std::string yaml = head + "    credits: []\n    fee: {monthly: 100, currency: EUR}\n";
  CHECK_ONLY_ERROR(yaml, at(yaml, "[]"), "slas[0].credits: credits lists no tier");
}

}  // namespace
}  // namespace reliasim::scenario
