#pragma once
// Philox4x64, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel Random
// Numbers: As Easy as 1, 2, 3" (SC11). A keyed bijection of a 256-bit counter: block n of any
// stream is computed directly, so no generator state is shared between threads. With 10 rounds
// it is Random123's philox4x64_10 and NumPy's Philox; the tests check the published vectors.

#include <array>
#include <cstdint>

namespace reliasim {

using PhiloxCounter = std::array<std::uint64_t, 4>;
using PhiloxKey = std::array<std::uint64_t, 2>;

namespace philox_detail {

// Multipliers and Weyl key increments from the paper (Random123 PHILOX_M4x64_*, PHILOX_W64_*).
inline constexpr std::uint64_t kM0 = 0xD2E7470EE14C6C93;
inline constexpr std::uint64_t kM1 = 0xCA5A826395121157;
inline constexpr std::uint64_t kW0 = 0x9E3779B97F4A7C15;  // golden ratio
inline constexpr std::uint64_t kW1 = 0xBB67AE8584CAA73B;  // sqrt(3) - 1

struct HiLo {
  std::uint64_t hi;
  std::uint64_t lo;
};

// The full 128-bit product by schoolbook multiplication on 32-bit halves, for compilers
// without a 128-bit integer (and to test the fast path against).
constexpr HiLo mulhilo_portable(std::uint64_t a, std::uint64_t b) noexcept {
  const std::uint64_t a_lo = a & 0xFFFFFFFF, a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xFFFFFFFF, b_hi = b >> 32;
  const std::uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
  const std::uint64_t mid = (ll >> 32) + (lh & 0xFFFFFFFF) + (hl & 0xFFFFFFFF);
  return {hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (mid << 32) | (ll & 0xFFFFFFFF)};
}

// __int128 compiles to a single mul instruction; __extension__ keeps -Wpedantic quiet.
constexpr HiLo mulhilo(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ using u128 = unsigned __int128;
  const u128 product = static_cast<u128>(a) * b;
  return {static_cast<std::uint64_t>(product >> 64), static_cast<std::uint64_t>(product)};
#else
  return mulhilo_portable(a, b);
#endif
}

constexpr PhiloxCounter round(const PhiloxCounter& c, const PhiloxKey& k) noexcept {
  const HiLo p0 = mulhilo(kM0, c[0]);
  const HiLo p1 = mulhilo(kM1, c[2]);
  return {p1.hi ^ c[1] ^ k[0], p1.lo, p0.hi ^ c[3] ^ k[1], p0.lo};
}

}  // namespace philox_detail

// Philox4x64 with a chosen number of rounds (7 and 10 have published known answers).
template <int Rounds>
constexpr PhiloxCounter philox4x64(PhiloxCounter counter, PhiloxKey key) noexcept {
  static_assert(Rounds >= 1 && Rounds <= 16, "Random123 defines 1 to 16 rounds");
  for (int r = 0; r < Rounds; ++r) {
    // The key is bumped between rounds, so the first round uses the caller's key.
    if (r > 0) key = {key[0] + philox_detail::kW0, key[1] + philox_detail::kW1};
    counter = philox_detail::round(counter, key);
  }
  return counter;
}

// The variant the engine uses: 10 rounds, the Random123 and NumPy default.
constexpr PhiloxCounter philox4x64_10(const PhiloxCounter& counter, const PhiloxKey& key) noexcept {
  return philox4x64<10>(counter, key);
}

}  // namespace reliasim
