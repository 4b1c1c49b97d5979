// Burn-rate alerts (burn_rate.hpp): the first evaluation at which a multiwindow condition holds,
// against hand computations (SRE Workbook, ch. 5: 14.4x of a 99.9 % budget over 1 h is
// 1 h x 14.4 x 0.001 = 51.84 s of full outage) and against a brute-force evaluation of every
// tick on the error series sampled second by second.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "reliasim/simulate/burn_rate.hpp"

namespace reliasim {
namespace {

constexpr double hour = 3600.0;

const std::vector<BurnRateCondition> workbook{
    {1 * hour, 5 * 60.0, 14.4}, {6 * hour, 30 * 60.0, 6.0}, {72 * hour, 6 * hour, 1.0}};

// Every tick from `from`'s on, by the mean of the error series sampled each second (the steps
// start on whole seconds, so the samples integrate it exactly), up to `until`.
AlertFiring brute_force(const std::vector<ErrorStep>& history, double from, double budget,
                        const std::vector<BurnRateCondition>& conditions, double evaluation,
                        double until) {
  const auto error_at = [&](double second) {  // the rate over [second, second + 1)
    double e = 0.0;
    for (const ErrorStep& step : history)
      if (step.start <= second) e = step.error;
    return second < 0 ? 0.0 : e;
  };
  for (double t = std::ceil(from / evaluation) * evaluation; t <= until; t += evaluation)
    for (std::size_t c = 0; c < conditions.size(); ++c) {
      bool all = true;
      for (const double window : {conditions[c].long_window, conditions[c].short_window}) {
        double sum = 0.0;
        for (double s = t - window; s < t; s += 1.0) sum += error_at(s);
        all = all && sum >= conditions[c].factor * budget * window * (1.0 - 1e-12);
      }
      if (all) return {t, c};
    }
  return {};
}

}  // namespace

TEST_CASE("a full outage pages after 51.84 s of a 99.9 % budget at 14.4x, on the next tick",
          "[burn_rate]") {
  const std::vector<ErrorStep> outage{{0, 0.0}, {100, 1.0}};
  const AlertFiring page = next_alert(outage, 100, 0.001, workbook, 60);
  // Long window: 14.4 x 0.001 x 3600 s = 51.84 s of outage, so from t = 151.84 s; the short
  // window's 4.32 s comes first. The first evaluation after: 180 s.
  CHECK(page.time == 180.0);
  CHECK(page.condition == 0);
  // Evaluated every 10 s: 160 s.
  CHECK(next_alert(outage, 100, 0.001, workbook, 10).time == 160.0);
}

TEST_CASE("a 1 % degradation never pages at 14.4x, pages at 6x after 3.6 hours", "[burn_rate]") {
  const std::vector<ErrorStep> degraded{{0, 0.0}, {100, 0.01}};
  // 14.4 x 0.1 % = 1.44 % > 1 %: never. 6 x 0.1 % = 0.6 %: the 6-hour window holds
  // 0.006 x 21600 s = 129.6 s of failure after 129.6 / 0.01 = 12960 s; the 30-minute one
  // after 1080 s. 100 + 12960 = 13060 s, evaluated each minute: 13080 s.
  const AlertFiring firing = next_alert(degraded, 100, 0.001, workbook, 60);
  CHECK(firing.time == 13080.0);
  CHECK(firing.condition == 1);
  const std::vector<BurnRateCondition> page_only{workbook[0]};
  CHECK(std::isinf(next_alert(degraded, 100, 0.001, page_only, 60).time));
}

TEST_CASE(
    "an outage that ended too early never fires; earlier burn makes the next one fire "
    "sooner",
    "[burn_rate]") {
  const std::vector<BurnRateCondition> page_only{workbook[0]};
  const std::vector<ErrorStep> short_outage{{0, 0.0}, {100, 1.0}, {130, 0.0}};
  CHECK(std::isinf(next_alert(short_outage, 130, 0.001, page_only, 60).time));
  // 30 s of outage at 100 s, then another from 1000 s: the hour holds 30 s already, so 21.84 s
  // more do it (1021.84 s); the 5-minute window needs 4.32 s. Next tick: 1080 s.
  const std::vector<ErrorStep> second{{0, 0.0}, {100, 1.0}, {130, 0.0}, {1000, 1.0}};
  CHECK(next_alert(second, 1000, 0.001, page_only, 60).time == 1080.0);
  // From 3700 s the first 30 s have left the hour: 51.84 s of the second outage again.
  const std::vector<ErrorStep> late{{0, 0.0}, {100, 1.0}, {130, 0.0}, {3700, 1.0}};
  CHECK(next_alert(late, 3700, 0.001, page_only, 60).time == 3780.0);
}

TEST_CASE("a crossing a hair after a tick fires on the next tick, never before `from`",
          "[burn_rate]") {
  const std::vector<BurnRateCondition> page_only{workbook[0]};
  // The hour fills at 128.16000003 + 51.84 = 180.00000003 s: just after the 180 s tick.
  const std::vector<ErrorStep> outage{{0, 0.0}, {128.16000003, 1.0}};
  CHECK(next_alert(outage, 128.16000003, 0.001, page_only, 60).time == 240.0);
  // Already firing at 150 s (an outage since 0): the first tick at or after 150 s is 180 s.
  const std::vector<ErrorStep> ongoing{{0, 1.0}};
  CHECK(next_alert(ongoing, 150, 0.001, page_only, 60).time == 180.0);
  CHECK(next_alert(ongoing, 180, 0.001, page_only, 60).time == 180.0);
  CHECK_THROWS_AS(next_alert(ongoing, 0, 0.001, page_only, 0), std::invalid_argument);
}

TEST_CASE("the first firing equals a brute-force evaluation of every tick", "[burn_rate]") {
  std::mt19937_64 random(20261208);
  const std::vector<double> errors{0.0, 0.003, 0.01, 0.05, 0.3, 1.0};
  const std::vector<BurnRateCondition> conditions{
      {600, 60, 14.4}, {3600, 300, 6.0}, {1800, 600, 2.0}};
  int fired = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<ErrorStep> history;
    double start = 0.0;
    const int steps = 1 + static_cast<int>(random() % 6);
    for (int i = 0; i < steps; ++i) {
      start += static_cast<double>(random() % 2000);
      history.push_back({start, errors[random() % errors.size()]});
    }
    const double from = start + static_cast<double>(random() % 100);
    const double budget = random() % 2 ? 0.001 : 0.01;
    const double evaluation = random() % 2 ? 30.0 : 60.0;
    const AlertFiring exact = next_alert(history, from, budget, conditions, evaluation);
    // Past from + the longest window every integral is constant: a later tick adds nothing.
    const AlertFiring brute =
        brute_force(history, from, budget, conditions, evaluation, from + 3600 + 2 * evaluation);
    INFO("round " << round);
    CHECK(exact.time == brute.time);
    if (std::isfinite(brute.time)) CHECK(exact.condition == brute.condition);
    fired += std::isfinite(brute.time);
  }
  CHECK(fired > 50);  // the cases cover firing and not firing
  CHECK(fired < 250);
}

}  // namespace reliasim
