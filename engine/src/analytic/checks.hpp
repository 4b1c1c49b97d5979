#pragma once
// Argument checks shared by the analytic solvers (private to the engine). Each throws
// std::invalid_argument naming the argument, its value and what would be valid.

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

namespace reliasim::analytic::detail {

// Shortest text that reads back as the same double, so 1 + 1e-12 does not print as "1".
inline std::string format(double value) {
  std::array<char, 32> buffer{};
  auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

[[noreturn]] inline void fail(const std::string& what, const std::string& value,
                              const std::string& valid) {
  throw std::invalid_argument("analytic: " + what + " = " + value + ", must be " + valid);
}

inline void require_probability(double value, const std::string& what) {
  if (!(value >= 0.0 && value <= 1.0)) fail(what, format(value), "in [0, 1]");
}

inline void require_positive(double value, const std::string& what) {
  if (!(value > 0.0 && std::isfinite(value))) fail(what, format(value), "finite and > 0");
}

inline void require_non_negative(double value, const std::string& what) {
  if (!(value >= 0.0 && std::isfinite(value))) fail(what, format(value), "finite and >= 0");
}

// 1 <= k <= n: a k-of-n gate needs a unit and cannot ask for more units than it has.
inline void require_k_of_n(int k, int n) {
  if (n < 1) fail("n", std::to_string(n), ">= 1");
  if (k < 1 || k > n) fail("k", std::to_string(k), "in [1, n] with n = " + std::to_string(n));
}

}  // namespace reliasim::analytic::detail
