// CrossMoments: the interval of a linear combination from exact sums of the values and their
// products, against the same interval computed from the combination's values directly.
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "reliasim/stats/cross_moments.hpp"
#include "reliasim/stats/mean.hpp"

using namespace reliasim;

namespace {

using Row = CrossMoments<3>::Values;

std::vector<Row> rows(std::size_t n, double offset) {
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> size(0.0, 1.5);
  std::poisson_distribution<int> count(2.0);
  std::vector<Row> out;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back({offset + size(random), offset, 1.0 * count(random)});
  return out;
}

}  // namespace

TEST_CASE("cross moments: any combination's interval equals the direct t-interval",
          "[cross_moments]") {
  const Row c{0.75, -1.5, 2.0};
  for (const double offset : {0.0, 1e6}) {
    CrossMoments<3> moments;
    MeanAccumulator direct;
    for (const Row& v : rows(500, offset)) {
      moments.add(v);
      direct.add(c[0] * v[0] + c[1] * v[1] + c[2] * v[2]);
    }
    const Interval expected = direct.summary(0.99).interval;
    const Interval got = moments.interval(expected.estimate, c, 0.99);
    CHECK(got.half_width() == Approx(expected.half_width()).epsilon(1e-9));
    CHECK(got.estimate == expected.estimate);
  }
}

TEST_CASE("cross moments: a constant combination has no spread at all", "[cross_moments]") {
  CrossMoments<3> moments;
  for (Row v : rows(300, 1e3)) {
    v[1] = v[0];  // the combination v0 - v1 is zero in every trial
    moments.add(v);
  }
  const Interval i = moments.interval(0.0, {1.0, -1.0, 0.0}, 0.95);
  CHECK(i.lower == 0.0);
  CHECK(i.upper == 0.0);
}

TEST_CASE("cross moments: merged batches give the bits of one pass", "[cross_moments]") {
  const std::vector<Row> all = rows(1000, 5.0);
  CrossMoments<3> whole, first, second;
  for (std::size_t i = 0; i < all.size(); ++i) {
    whole.add(all[i]);
    (i < 377 ? first : second).add(all[i]);
  }
  second.merge(first);
  const Row c{1.0, 0.25, -3.0};
  const Interval a = whole.interval(1.0, c, 0.95), b = second.interval(1.0, c, 0.95);
  CHECK(a.lower == b.lower);
  CHECK(a.upper == b.upper);
  CHECK(whole.count() == second.count());
  CHECK(whole.sum(0) == second.sum(0));
}

TEST_CASE("cross moments: fewer than two values have no interval", "[cross_moments]") {
  CrossMoments<3> moments;
  moments.add({1.0, 2.0, 3.0});
  const Interval i = moments.interval(1.0, {1.0, 0.0, 0.0}, 0.95);
  CHECK(std::isnan(i.lower));
  CHECK(std::isnan(i.upper));
}
