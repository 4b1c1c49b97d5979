#include <array>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "reliasim/random/stream.hpp"

using reliasim::RandomStream;

namespace {

constexpr double kAlpha = 1e-3;  // false-alarm rate of each statistical check

std::vector<std::uint64_t> draw(RandomStream stream, int count) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < count; ++i) out.push_back(stream());
  return out;
}

struct PairStatistics {
  double chi2 = 0, chi2_critical = 0;  // 16x16 cells on the unit square
  double abs_z = 0, z_critical = 0;    // sqrt(n) * |correlation|
  [[nodiscard]] bool independent() const { return chi2 < chi2_critical && abs_z < z_critical; }
};

// Pairs (u_i, v_i) = first numbers of streams make_a(i) and make_b(i): the way the simulator
// uses streams (many short ones with neighbouring keys). Each statistic is compared with its
// exact critical value at kAlpha.
PairStatistics pair_statistics(const std::function<RandomStream(std::uint64_t)>& make_a,
                               const std::function<RandomStream(std::uint64_t)>& make_b) {
  constexpr int kBins = 16;
  constexpr int kPairs = 1 << 17;
  std::array<double, kBins * kBins> counts{};
  double sum_uv = 0, sum_u = 0, sum_v = 0, sum_uu = 0, sum_vv = 0;
  for (std::uint64_t i = 0; i < kPairs; ++i) {
    RandomStream a = make_a(i), b = make_b(i);
    const double u = reliasim::uniform01(a), v = reliasim::uniform01(b);
    counts[static_cast<int>(u * kBins) * kBins + static_cast<int>(v * kBins)] += 1;
    sum_u += u, sum_v += v, sum_uv += u * v, sum_uu += u * u, sum_vv += v * v;
  }
  PairStatistics stats;
  const double expected = static_cast<double>(kPairs) / (kBins * kBins);
  for (const double c : counts) stats.chi2 += (c - expected) * (c - expected) / expected;
  const boost::math::chi_squared_distribution<double> chi2_dist(kBins * kBins - 1);
  stats.chi2_critical = boost::math::quantile(boost::math::complement(chi2_dist, kAlpha));

  // Under independence sqrt(n) * r is approximately standard normal.
  const double n = kPairs;
  const double cov = sum_uv / n - (sum_u / n) * (sum_v / n);
  const double r = cov / std::sqrt((sum_uu / n - sum_u * sum_u / (n * n)) *
                                   (sum_vv / n - sum_v * sum_v / (n * n)));
  stats.abs_z = std::abs(r) * std::sqrt(n);
  const boost::math::normal_distribution<double> normal;
  stats.z_critical = boost::math::quantile(normal, 1 - kAlpha / 2);
  return stats;
}

void check_independent(const std::function<RandomStream(std::uint64_t)>& make_a,
                       const std::function<RandomStream(std::uint64_t)>& make_b) {
  const PairStatistics stats = pair_statistics(make_a, make_b);
  CAPTURE(stats.chi2, stats.chi2_critical, stats.abs_z, stats.z_critical);
  CHECK(stats.independent());
}

}  // namespace

TEST_CASE("RandomStream matches NumPy's Philox with the documented key and counter", "[random]") {
  // Generated with NumPy 2.4.6: np.random.Philox(key=[42, 0x0123456789abcdef],
  // counter=((7 << 128) | (3 << 64)) - 1).random_raw(10); NumPy steps the counter before each
  // block, hence the -1. Ten draws cross two block boundaries.
  const std::vector<std::uint64_t> expected = {
      0xcb43b3e986f27d5b, 0x810a73d2897d8fdc, 0x66df34565ed1c8e5, 0x560a9db8a79fbcd5,
      0xe180c2fe374874c6, 0xb139b1a143bdf606, 0x058670034dc39c82, 0x6b38ad7677146c35,
      0x2d2d299f29a4dbd6, 0x24efd0d8824e0d2d};
  CHECK(draw(RandomStream(42, 7, 0x0123456789abcdef, 3), 10) == expected);
}

TEST_CASE("RandomStream is deterministic and every key part changes the stream", "[random]") {
  const auto base = draw(RandomStream(1, 2, 3, 4), 64);
  CHECK(draw(RandomStream(1, 2, 3, 4), 64) == base);
  const std::array<RandomStream, 4> others = {RandomStream(9, 2, 3, 4), RandomStream(1, 9, 3, 4),
                                              RandomStream(1, 2, 9, 4), RandomStream(1, 2, 3, 9)};
  for (const RandomStream& other : others) {
    const auto values = draw(other, 64);
    int equal = 0;
    for (std::size_t i = 0; i < values.size(); ++i) equal += values[i] == base[i];
    CHECK(equal == 0);
  }
}

TEST_CASE("streams with neighbouring keys are independent", "[random]") {
  constexpr std::uint64_t kSeed = 20240611;
  const std::uint64_t pump = reliasim::stable_hash("pump"), valve = reliasim::stable_hash("valve");
  SECTION("event index") {
    check_independent([&](auto i) { return RandomStream(kSeed, i, pump, 0); },
                      [&](auto i) { return RandomStream(kSeed, i, pump, 1); });
  }
  SECTION("source") {
    check_independent([&](auto i) { return RandomStream(kSeed, i, pump, 0); },
                      [&](auto i) { return RandomStream(kSeed, i, valve, 0); });
  }
  SECTION("trial") {
    check_independent([&](auto i) { return RandomStream(kSeed, 2 * i, pump, 0); },
                      [&](auto i) { return RandomStream(kSeed, 2 * i + 1, pump, 0); });
  }
  SECTION("the check itself detects dependent streams") {
    const PairStatistics same =
        pair_statistics([&](auto i) { return RandomStream(kSeed, i, pump, 0); },
                        [&](auto i) { return RandomStream(kSeed, i, pump, 0); });
    CHECK_FALSE(same.independent());
  }
  SECTION("seed") {
    check_independent([&](auto i) { return RandomStream(kSeed, i, pump, 0); },
                      [&](auto i) { return RandomStream(kSeed + 1, i, pump, 0); });
  }
}

TEST_CASE("discard skips exactly as many numbers as drawing them", "[random]") {
  const auto reference = draw(RandomStream(5, 6, 7, 8), 40);
  for (const std::uint64_t skip : {0, 1, 3, 4, 5, 11, 16}) {
    RandomStream stream(5, 6, 7, 8);
    stream();  // start mid-block
    stream.discard(skip);
    CHECK(stream.drawn() == skip + 1);
    CHECK(stream() == reference[skip + 1]);
    CHECK(stream.drawn() == skip + 2);
  }
}

TEST_CASE("uniform01 stays strictly inside (0, 1)", "[random]") {
  using reliasim::uniform01_from_bits;
  CHECK(uniform01_from_bits(0) == std::ldexp(1.0, -54));
  CHECK(uniform01_from_bits(std::uint64_t{1} << 11) == std::ldexp(1.0, -53));
  CHECK(uniform01_from_bits(~std::uint64_t{0}) == 1.0 - std::ldexp(1.0, -53));
  CHECK(uniform01_from_bits(std::uint64_t{1} << 63) == 0.5);
}

TEST_CASE("stable_hash is FNV-1a 64 followed by the SplitMix64 mixer", "[random]") {
  // FNV-1a 64 test vectors from the FNV reference (as in Zig's std.hash.Fnv1a_64 tests).
  static_assert(reliasim::fnv1a64("") == 0xcbf29ce484222325);
  CHECK(reliasim::fnv1a64("a") == 0xaf63dc4c8601ec8c);
  CHECK(reliasim::fnv1a64("foobar") == 0x85944171f73967e8);
  // SplitMix64 seeded with 0 outputs mix(k * 0x9e3779b97f4a7c15) for k = 1, 2, ...; its first
  // outputs are published with Vigna's splitmix64.c (they seed xoshiro256**).
  constexpr std::uint64_t kGamma = 0x9e3779b97f4a7c15;
  CHECK(reliasim::splitmix64_mix(1 * kGamma) == 0xe220a8397b1dcdaf);
  CHECK(reliasim::splitmix64_mix(2 * kGamma) == 0x6e789e6aa1b965f4);
  CHECK(reliasim::splitmix64_mix(3 * kGamma) == 0x06c45d188009454f);
  CHECK(reliasim::splitmix64_mix(4 * kGamma) == 0xf88bb8a8724c81ec);
  CHECK(reliasim::stable_hash("pump") == reliasim::splitmix64_mix(reliasim::fnv1a64("pump")));
  CHECK(reliasim::stable_hash("pump") != reliasim::stable_hash("pump "));
}
