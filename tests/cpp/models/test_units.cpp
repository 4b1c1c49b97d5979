// reliasim/scenario/units.hpp: durations, rates, probabilities and numbers as people write
// them, the messages for what is rejected, and where a scenario reports them.
#include "load_helpers.hpp"
#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario {
namespace {

using Catch::Matchers::Contains;
using test::at;
using test::Where;

template <typename T>
T value_of(const Parsed<T>& parsed) {
  if (const auto* error = std::get_if<UnitError>(&parsed)) FAIL(error->message);
  return std::get<T>(parsed);
}

template <typename T>
std::string error_of(const Parsed<T>& parsed) {
  if (const auto* error = std::get_if<UnitError>(&parsed)) return error->message;
  FAIL("accepted, but an error was expected");
  return {};
}

TEST_CASE("durations carry their unit", "[units]") {
  CHECK(value_of(parse_duration("30s")) == 30.0);
  CHECK(value_of(parse_duration("5m")) == 300.0);
  CHECK(value_of(parse_duration("90min")) == 5400.0);
  CHECK(value_of(parse_duration("2h")) == 7200.0);
  CHECK(value_of(parse_duration("1.5h")) == 5400.0);
  CHECK(value_of(parse_duration("3d")) == 3 * seconds_per_day);
  CHECK(value_of(parse_duration("2w")) == 14 * seconds_per_day);
  CHECK(value_of(parse_duration("1mo")) == Approx(365.0 / 12 * seconds_per_day));
  CHECK(value_of(parse_duration("1y")) == 365 * seconds_per_day);
  CHECK(value_of(parse_duration("250ms")) == Approx(0.25));
  CHECK(value_of(parse_duration("0")) == 0.0);
  CHECK(value_of(parse_duration(" 5m ")) == 300.0);
}

TEST_CASE("durations without a valid unit or value are rejected", "[units]") {
  const std::string help = "write a number with a unit: ms, s, m (minutes), h, d, w, mo or y";
  for (const char* text : {"30", "5M", "1h30m", "5 parsecs", "garbage", "", "nan", "NaNs", "infd",
                           ".infh", "h", "1e999y"}) {
    INFO("duration '" << text << "'");
    const auto message = error_of(parse_duration(text));
    CHECK_THAT(message, Contains("'" + std::string(text) + "' is not a duration") &&
                            Contains(help) && Contains("such as 30s, 5m"));
  }
  CHECK(error_of(parse_duration("-5m")) == "duration '-5m' is negative; durations are >= 0");
  CHECK(error_of(parse_duration("1e308y")) == "duration '1e308y' is longer than the 1000y limit");
  CHECK(error_of(parse_duration("1001y")) == "duration '1001y' is longer than the 1000y limit");
  CHECK(value_of(parse_duration("1000y")) == 1000 * seconds_per_year);
}

TEST_CASE("rates are a count per unit of time", "[units]") {
  CHECK(value_of(parse_rate("4/y")) == Approx(4 / seconds_per_year));
  CHECK(value_of(parse_rate("1/mo")) == Approx(1 / seconds_per_month));
  CHECK(value_of(parse_rate("0.5/d")) == Approx(0.5 / seconds_per_day));
  CHECK(value_of(parse_rate("10/w")) == Approx(10 / (7 * seconds_per_day)));
  CHECK(value_of(parse_rate("2/h")) == Approx(2 / 3600.0));
  CHECK(value_of(parse_rate("1/m")) == Approx(1 / 60.0));
  CHECK(value_of(parse_rate("3/s")) == 3.0);
  // Absurd but representable: the meaning pass refuses it with the expected count.
  CHECK(value_of(parse_rate("1e308/y")) == Approx(1e308 / seconds_per_year));
}

TEST_CASE("malformed, non-positive and non-finite rates are rejected", "[units]") {
  const std::string help = "write a count per unit of time: /s, /m, /h, /d, /w, /mo or /y";
  for (const char* text : {"4", "4/", "4/x", "/y", "four/y", "nan/y", "inf/y", "1e400/y", "4/y/y",
                           "1/min", "1/ms", "garbage"}) {
    INFO("rate '" << text << "'");
    CHECK_THAT(error_of(parse_rate(text)),
               Contains("'" + std::string(text) + "' is not a rate; " + help));
  }
  CHECK_THAT(error_of(parse_rate("0/y")), Contains("rate '0/y' is not greater than zero; " + help));
  CHECK_THAT(error_of(parse_rate("-1/y")),
             Contains("rate '-1/y' is not greater than zero; " + help));
  // A rate so small that its mean time between events is infinite.
  CHECK_THAT(
      error_of(parse_rate("1e-310/y")),
      Contains("rate '1e-310/y' is too close to zero to simulate") && Contains("such as 0.001/y"));
}

TEST_CASE("probabilities are numbers in [0, 1] or percentages", "[units]") {
  CHECK(value_of(parse_probability("99.95%")) == Approx(0.9995));
  CHECK(value_of(parse_probability("97%")) == Approx(0.97));
  CHECK(value_of(parse_probability("0.97")) == Approx(0.97));
  CHECK(value_of(parse_probability("0")) == 0.0);
  CHECK(value_of(parse_probability("1")) == 1.0);
  CHECK(value_of(parse_probability("100%")) == 1.0);

  const std::string range = "is outside [0, 1]; write a number from 0 to 1 or a percentage";
  CHECK_THAT(error_of(parse_probability("99.95")), Contains("probability '99.95' " + range));
  CHECK_THAT(error_of(parse_probability("150%")), Contains("probability '150%' " + range));
  CHECK_THAT(error_of(parse_probability("-1%")), Contains("probability '-1%' " + range));
  for (const char* text : {"nan", "inf", "high", "50 %%", ""}) {
    INFO("probability '" << text << "'");
    CHECK_THAT(error_of(parse_probability(text)),
               Contains("is not a probability; write a number from 0 to 1 or a percentage "
                        "such as 97%"));
  }
}

TEST_CASE("plain numbers must be finite and complete", "[units]") {
  CHECK(value_of(parse_number("1.5")) == 1.5);
  CHECK(value_of(parse_number("-3")) == -3.0);
  CHECK(value_of(parse_number("+2")) == 2.0);
  CHECK(value_of(parse_number("1e12")) == 1e12);
  for (const char* text : {"nan", "inf", "-inf", "1e999", "12abc", "", "0x10"}) {
    INFO("number '" << text << "'");
    CHECK(error_of(parse_number(text)) == "'" + std::string(text) +
                                              "' is not a finite number; write a number such "
                                              "as 2 or 0.5");
  }
}

TEST_CASE("numbers and durations in messages stay short", "[units]") {
  CHECK(format_number(1e308) == "1e+308");
  CHECK(format_number(99.9) == "99.9");
  CHECK(format_number(2) == "2");
  CHECK(format_number(31536000.0, 3) == "3.15e+07");
  CHECK(format_number(1e-300) == "1e-300");
  CHECK(format_duration(5400) == "1.5h");
  CHECK(format_duration(90) == "1.5m");
  CHECK(format_duration(0.25) == "250ms");
  CHECK(format_duration(3 * seconds_per_day) == "3d");
}

// The same parsers inside a scenario: each error names the place of the value.
TEST_CASE("unit errors in a scenario name the line and column of the value", "[units]") {
  const std::string yaml = R"(scenario: units
horizon: 30
services:
  api:
    deploys: 4
    failure_modes:
      - {name: f, occurs: {mtbf: -5m}, detect: {alert: {probability: 1.5, delay: 1m}}}
      - {name: g, occurs: {rate: nan/y}, engage: 1h30m}
slos:
  - {service: api, target: 99.95}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 7);
  CHECK_ERROR(errors, Where(2, 10), "horizon: '30' is not a duration; write a number with a unit");
  CHECK_ERROR(errors, Where(5, 14), "services.api.deploys: '4' is not a rate; write a count per");
  CHECK_ERROR(errors, at(yaml, "-5m"),
              "services.api.failure_modes[0].occurs.mtbf: duration '-5m' is negative");
  CHECK_ERROR(errors, at(yaml, "1.5"),
              "services.api.failure_modes[0].detect.alert.probability: probability '1.5' is "
              "outside [0, 1]");
  CHECK_ERROR(errors, at(yaml, "nan/y"),
              "services.api.failure_modes[1].occurs.rate: 'nan/y' is not a rate");
  CHECK_ERROR(errors, at(yaml, "1h30m"),
              "services.api.failure_modes[1].engage: '1h30m' is not a duration");
  CHECK_ERROR(errors, at(yaml, "99.95"), "slos[0].target: probability '99.95' is outside [0, 1]");
}

TEST_CASE("an overflowing rate is refused with a compact count", "[units]") {
  const std::string yaml = R"(scenario: overflow
services:
  api:
    failure_modes:
      - name: f
        occurs: {rate: 1e308/y}
)";
  const auto errors = test::errors_of(yaml);
  REQUIRE(errors.size() == 1);
  CHECK_ERROR(errors, at(yaml, "{rate"),
              "failure mode 'f' would fail about 1e+308 times per horizon");
  CHECK_THAT(errors[0].message, Contains("check the unit (4/y, not 4/s)"));
  CHECK(errors[0].message.size() < 200);
  CHECK(errors[0].message.find("0000") == std::string::npos);
}

TEST_CASE("whole numbers reject fractions, infinities and huge values", "[units]") {
  for (const char* count : {"2.5", "0", ".inf", ".nan", "1e12", "99999999999999999999", "many"}) {
    const std::string yaml =
        "scenario: n\nservices:\n  api: {replicas: " + std::string(count) + "}\n";
    INFO(yaml);
    CHECK_ONLY_ERROR(yaml, Where(3, 19),
                     "services.api.replicas: must be a whole number from 1 to 10000; got '" +
                         std::string(count) + "'");
  }
}

}  // namespace
}  // namespace reliasim::scenario
