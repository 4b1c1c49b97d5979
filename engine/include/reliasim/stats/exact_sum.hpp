#pragma once
// The exact sum of doubles: a two's-complement fixed-point number wide enough for every finite
// double and 2^64 additions of the largest (a Kulisch accumulator). Adding the same values in
// any order or grouping, and merging sums of disjoint parts, gives the same bits, so trial
// ranges summarised apart and merged equal one run over their union (docs/partial-results.md).
// No library on the platform offers an allocation-free exact accumulator; this is the classic
// one, with 64-bit digits and carries propagated as they happen.

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

namespace reliasim {

// A number kept as hi + lo (|lo| <= ulp(hi) / 2): about 106 bits, enough that the variance
// computed from exact sums of x and x^2 keeps its precision when the mean dwarfs the spread.
struct DoubleDouble {
  double hi = 0.0, lo = 0.0;
  [[nodiscard]] double value() const noexcept { return hi + lo; }
};

// x as a double-double (exact).
[[nodiscard]] inline DoubleDouble exactly(double x) noexcept {
  return {x, 0.0};
}

[[nodiscard]] DoubleDouble operator+(DoubleDouble a, DoubleDouble b) noexcept;
[[nodiscard]] DoubleDouble operator-(DoubleDouble a, DoubleDouble b) noexcept;
[[nodiscard]] DoubleDouble operator*(DoubleDouble a, DoubleDouble b) noexcept;
[[nodiscard]] DoubleDouble operator/(DoubleDouble a, DoubleDouble b) noexcept;

class ExactSum {
 public:
  static constexpr std::size_t digits = 34;  // of 64 bits: 2^-1074 up to 2^1101
  using Digits = std::array<std::uint64_t, digits>;

  __extension__ using u128 = unsigned __int128;  // GCC and Clang both have it

  // Infinities and NaN are summed apart, in plain arithmetic (which is order-free for them).
  // Inline: a run adds a few values per trial and scope, window and incident.
  void add(double value) noexcept {
    if (value == 0.0) return;
    const auto bits = std::bit_cast<std::uint64_t>(value);
    const auto biased = static_cast<unsigned>((bits >> 52) & 0x7FF);
    if (biased == 0x7FF) return add_special(value);
    std::uint64_t mantissa = bits & ((std::uint64_t{1} << 52) - 1);
    unsigned shift = 0;  // of the mantissa's lowest bit above 2^-1074; 0 for subnormals
    if (biased != 0) mantissa |= std::uint64_t{1} << 52, shift = biased - 1;
    const std::size_t k = shift / 64;
    const u128 v = static_cast<u128>(mantissa) << (shift % 64);
    const auto low = static_cast<std::uint64_t>(v), high = static_cast<std::uint64_t>(v >> 64);
    if ((bits >> 63) == 0) {
      u128 s = static_cast<u128>(digits_[k]) + low;
      digits_[k] = static_cast<std::uint64_t>(s);
      s = static_cast<u128>(digits_[k + 1]) + high + static_cast<std::uint64_t>(s >> 64);
      digits_[k + 1] = static_cast<std::uint64_t>(s);
      if ((s >> 64) != 0) carry_from(k + 2);
    } else {
      const std::uint64_t old = digits_[k];
      digits_[k] = old - low;
      const std::uint64_t take = high + (old < low ? 1 : 0);  // high < 2^52: no overflow
      const std::uint64_t next = digits_[k + 1];
      digits_[k + 1] = next - take;
      if (next < take) borrow_from(k + 2);
    }
  }
  void merge(const ExactSum& other) noexcept;
  // The sum to about 106 bits, the same for the same exact value however it was reached.
  [[nodiscard]] DoubleDouble value() const noexcept;
  [[nodiscard]] bool empty() const noexcept;

  // The state, for saving and loading (partial result files). Any digits are a valid number.
  [[nodiscard]] const Digits& raw_digits() const noexcept { return digits_; }
  [[nodiscard]] double raw_special() const noexcept { return special_; }
  void restore(const Digits& raw, double special) noexcept { digits_ = raw, special_ = special; }

  friend bool operator==(const ExactSum&, const ExactSum&) = default;

 private:
  void carry_from(std::size_t k) noexcept;
  void borrow_from(std::size_t k) noexcept;
  void add_special(double value) noexcept;

  Digits digits_{};       // [k]: bits 64k .. 64k+63 above 2^-1074; the top one's sign bit rules
  double special_ = 0.0;  // the sum of the non-finite values added
};

// Adds x * y exactly, as the rounded product and its rounding error (Dekker's product with
// Veltkamp's split: std::fma is a slow library call where the build cannot assume FMA).
inline void add_product(ExactSum& sum, double x, double y) noexcept {
  const double p = x * y;
  sum.add(p);
  if (!std::isfinite(p)) return;
  constexpr double splitter = 134217729.0;  // 2^27 + 1
  const double cx = splitter * x, x_high = cx - (cx - x), x_low = x - x_high;
  const double cy = splitter * y, y_high = cy - (cy - y), y_low = y - y_high;
  sum.add(((x_high * y_high - p) + x_high * y_low + x_low * y_high) + x_low * y_low);
}

// Adds x^2 exactly.
inline void add_square(ExactSum& sum, double x) noexcept {
  const double p = x * x;
  sum.add(p);
  if (!std::isfinite(p)) return;
  constexpr double splitter = 134217729.0;  // 2^27 + 1
  const double c = splitter * x, high = c - (c - x), low = x - high;
  sum.add(((high * high - p) + 2.0 * high * low) + low * low);
}

}  // namespace reliasim
