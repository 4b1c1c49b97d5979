#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "reliasim/stats/critical_values.hpp"

using reliasim::normal_critical_value;
using reliasim::student_t_critical_value;

TEST_CASE("Student t critical values match published tables", "[stats]") {
  // Two-sided 95 % and 99 % points t_{0.975, dof} and t_{0.995, dof}. Tables such as the
  // NIST/SEMATECH e-Handbook 1.3.6.7.2 print 2.262, 2.365, 2.042, 3.169; the six-decimal values
  // come from an independent implementation (SciPy 1.17 scipy.stats.t.ppf).
  CHECK(student_t_critical_value(0.95, 9) == Approx(2.262157).margin(5e-7));
  CHECK(student_t_critical_value(0.95, 7) == Approx(2.364624).margin(5e-7));
  CHECK(student_t_critical_value(0.95, 30) == Approx(2.042272).margin(5e-7));
  CHECK(student_t_critical_value(0.99, 10) == Approx(3.169273).margin(5e-7));
}

TEST_CASE("Student t critical values match closed forms for 1 and 2 dof", "[stats]") {
  const double pi = std::acos(-1.0);
  for (const double c : {0.5, 0.9, 0.95, 0.99}) {
    // dof 1 is the Cauchy: P(|T| <= t) = (2 / pi) atan(t).
    CHECK(student_t_critical_value(c, 1) == Approx(std::tan(0.5 * pi * c)).epsilon(1e-12));
    // dof 2: P(|T| <= t) = t / sqrt(2 + t^2), so t^2 = 2 c^2 / (1 - c^2).
    CHECK(student_t_critical_value(c, 2) ==
          Approx(std::sqrt(2 * c * c / (1 - c * c))).epsilon(1e-12));
  }
}

TEST_CASE("normal critical values match published values", "[stats]") {
  CHECK(normal_critical_value(0.95) == Approx(1.959964).margin(5e-7));
  CHECK(normal_critical_value(0.99) == Approx(2.575829).margin(5e-7));
  CHECK(normal_critical_value(0.90) == Approx(1.644854).margin(5e-7));
  // Large dof tends to the normal.
  CHECK(student_t_critical_value(0.95, 1e9) == Approx(normal_critical_value(0.95)).epsilon(1e-8));
}

TEST_CASE("critical values reject impossible settings", "[stats]") {
  for (const double c : {0.0, 1.0, -0.5, 95.0, std::numeric_limits<double>::quiet_NaN()}) {
    CHECK_THROWS_AS(normal_critical_value(c), std::invalid_argument);
    CHECK_THROWS_AS(student_t_critical_value(c, 5), std::invalid_argument);
  }
  CHECK_THROWS_AS(student_t_critical_value(0.95, 0), std::invalid_argument);
}

TEST_CASE("Student's t with a sliver of one degree of freedom is unbounded, not an error",
          "[stats]") {
  CHECK(std::isinf(reliasim::student_t_critical_value(0.95, 1e-9)));
}
