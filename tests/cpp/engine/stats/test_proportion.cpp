#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "reliasim/stats/critical_values.hpp"
#include "reliasim/stats/proportion.hpp"

using reliasim::wilson_interval;

TEST_CASE("Wilson interval for no successes has the closed-form upper bound", "[stats]") {
  // With p = 0 the score interval is [0, z^2 / (n + z^2)]: about 3.84 / (n + 3.84) at 95 %.
  const double z = reliasim::normal_critical_value(0.95);
  for (const std::uint64_t n : {1, 10, 100, 1000, 1000000}) {
    const auto interval = wilson_interval(0, n);
    const double nd = static_cast<double>(n);
    CHECK(interval.estimate == 0.0);
    CHECK(interval.lower == 0.0);
    CHECK(interval.upper == Approx(z * z / (nd + z * z)).epsilon(1e-12));
    CHECK(interval.upper == Approx(3.84 / (nd + 3.84)).epsilon(1e-3));
    // All successes mirror it.
    const auto all = wilson_interval(n, n);
    CHECK(all.upper == 1.0);
    CHECK(all.lower == Approx(nd / (nd + z * z)).epsilon(1e-12));
  }
}

TEST_CASE("Wilson interval reproduces Newcombe's worked examples", "[stats]") {
  // Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Statistics in Medicine 17 (1998), score method without continuity correction,
  // four decimals.
  struct Example {
    std::uint64_t successes, n;
    double lower, upper;
  };
  for (const Example& e : {Example{81, 263, 0.2553, 0.3662}, Example{15, 148, 0.0624, 0.1605},
                           Example{0, 20, 0.0000, 0.1611}, Example{1, 29, 0.0061, 0.1718}}) {
    const auto interval = wilson_interval(e.successes, e.n, 0.95);
    CHECK(interval.lower == Approx(e.lower).margin(5e-5));
    CHECK(interval.upper == Approx(e.upper).margin(5e-5));
    CHECK(interval.confidence == 0.95);
  }
}

TEST_CASE("Wilson interval is symmetric under swapping successes and failures", "[stats]") {
  for (const std::uint64_t k : {0, 1, 7, 50, 93, 100}) {
    const auto a = wilson_interval(k, 100, 0.99), b = wilson_interval(100 - k, 100, 0.99);
    CHECK(a.lower == Approx(1.0 - b.upper).margin(1e-14));
    CHECK(a.upper == Approx(1.0 - b.lower).margin(1e-14));
    CHECK(a.contains(a.estimate));
  }
}

TEST_CASE("Wilson interval edge cases and errors", "[stats]") {
  const auto empty = wilson_interval(0, 0);
  CHECK(std::isnan(empty.estimate));
  CHECK(empty.lower == 0.0);
  CHECK(empty.upper == 1.0);
  CHECK_THROWS_AS(wilson_interval(5, 4), std::invalid_argument);
  CHECK_THROWS_AS(wilson_interval(1, 4, 1.0), std::invalid_argument);
}
