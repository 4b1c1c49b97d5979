#include "reliasim/stats/exact_sum.hpp"

#include <bit>
#include <cmath>

namespace reliasim {
namespace {

using u128 = ExactSum::u128;

// Knuth's and Dekker's error-free transformations: s + e equals the exact result.
DoubleDouble two_sum(double a, double b) noexcept {
  const double s = a + b, bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

DoubleDouble quick_two_sum(double a, double b) noexcept {  // needs |a| >= |b|
  const double s = a + b;
  return {s, b - (s - a)};
}

}  // namespace

DoubleDouble operator+(DoubleDouble a, DoubleDouble b) noexcept {
  const DoubleDouble s = two_sum(a.hi, b.hi);
  if (!std::isfinite(s.hi)) return exactly(s.hi);
  const DoubleDouble t = two_sum(a.lo, b.lo);
  DoubleDouble r = quick_two_sum(s.hi, s.lo + t.hi);
  return quick_two_sum(r.hi, r.lo + t.lo);
}

DoubleDouble operator-(DoubleDouble a, DoubleDouble b) noexcept {
  return a + DoubleDouble{-b.hi, -b.lo};
}

DoubleDouble operator*(DoubleDouble a, DoubleDouble b) noexcept {
  const double p = a.hi * b.hi;
  if (!std::isfinite(p)) return exactly(p);
  const double e = std::fma(a.hi, b.hi, -p) + (a.hi * b.lo + a.lo * b.hi);
  return quick_two_sum(p, e);
}

DoubleDouble operator/(DoubleDouble a, DoubleDouble b) noexcept {
  const double q1 = a.hi / b.hi;
  if (!std::isfinite(q1) || q1 == 0.0) return exactly(q1);
  DoubleDouble r = a - b * exactly(q1);
  const double q2 = r.hi / b.hi;
  r = r - b * exactly(q2);
  const double q3 = r.hi / b.hi;
  return quick_two_sum(q1, q2) + exactly(q3);
}

void ExactSum::carry_from(std::size_t k) noexcept {
  for (std::size_t i = k; i < digits; ++i)
    if (++digits_[i] != 0) return;
}

void ExactSum::borrow_from(std::size_t k) noexcept {
  for (std::size_t i = k; i < digits; ++i)
    if (digits_[i]-- != 0) return;
}

void ExactSum::add_special(double value) noexcept {
  special_ += value;
}

void ExactSum::merge(const ExactSum& other) noexcept {
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const u128 s = static_cast<u128>(digits_[i]) + other.digits_[i] + carry;
    digits_[i] = static_cast<std::uint64_t>(s);
    carry = static_cast<std::uint64_t>(s >> 64);
  }
  special_ += other.special_;
}

bool ExactSum::empty() const noexcept {
  if (special_ != 0.0) return false;  // true for NaN too
  for (const std::uint64_t d : digits_)
    if (d != 0) return false;
  return true;
}

DoubleDouble ExactSum::value() const noexcept {
  if (special_ != 0.0) return exactly(special_);
  Digits magnitude = digits_;
  const bool negative = (magnitude[digits - 1] >> 63) != 0;
  if (negative) {  // two's complement: invert and add one
    bool carry = true;
    for (std::uint64_t& d : magnitude) {
      d = ~d;
      if (carry) carry = ++d == 0;
    }
  }
  std::size_t top = digits;
  while (top > 0 && magnitude[top - 1] == 0) --top;
  if (top == 0) return {};
  // Three digits from the top hold at least 129 significant bits; summing their 32-bit halves
  // (each exact as a double) from the largest keeps 106 of them.
  DoubleDouble sum;
  for (std::size_t i = top; i-- > 0 && i + 3 >= top;) {
    const int at = static_cast<int>(64 * i) - 1074;
    sum = sum + exactly(std::ldexp(static_cast<double>(magnitude[i] >> 32), at + 32));
    sum = sum + exactly(std::ldexp(static_cast<double>(magnitude[i] & 0xFFFFFFFFu), at));
  }
  return negative ? DoubleDouble{-sum.hi, -sum.lo} : sum;
}

}  // namespace reliasim
