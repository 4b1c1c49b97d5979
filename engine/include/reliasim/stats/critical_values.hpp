#pragma once
// Two-sided critical values for confidence intervals. They throw std::invalid_argument for a
// confidence outside (0, 1): settings are checked where they are used, once per summary.

namespace reliasim {

// z such that P(|Z| <= z) = confidence for a standard normal Z (1.959964 at 0.95).
[[nodiscard]] double normal_critical_value(double confidence);

// t such that P(|T| <= t) = confidence for Student's T with `dof` > 0 degrees of freedom
// (not necessarily an integer: weighted means use effective sample size - 1).
[[nodiscard]] double student_t_critical_value(double confidence, double dof);

// Throws std::invalid_argument unless 0 < confidence < 1.
void check_confidence(double confidence);

}  // namespace reliasim
