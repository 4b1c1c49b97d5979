// The analytic estimate of a compiled model: detection-race means and exactness flags.
#include <catch2/catch.hpp>

#include "reliasim/analytic/model_estimate.hpp"

using namespace reliasim;

namespace {

DetectorSpec detector(double probability, DistributionSpec delay) {
  return {DetectionChannel::alert, probability, std::move(delay)};
}

}  // namespace

TEST_CASE("mean detection time of one sure detector is its mean delay") {
  LifecycleSpec life;
  life.detectors = {detector(1.0, DistributionSpec::exponential_mean(600))};
  CHECK(analytic::mean_detection_time(life) == Approx(600));
}

TEST_CASE("two sure exponential detectors race: the minimum has the summed rate") {
  LifecycleSpec life;
  life.detectors = {detector(1.0, DistributionSpec::exponential_mean(600)),
                    detector(1.0, DistributionSpec::exponential_mean(1200))};
  CHECK(analytic::mean_detection_time(life) ==
        Approx(1.0 / (1.0 / 600 + 1.0 / 1200)).epsilon(1e-3));
}

TEST_CASE("a missed alert falls back to the customer report") {
  LifecycleSpec life;
  life.detectors = {detector(0.9, DistributionSpec::fixed_value(600))};
  life.customer_report = DistributionSpec::fixed_value(3600);
  // 0.9 x 10 min + 0.1 x 60 min = 15 min.
  CHECK(analytic::mean_detection_time(life) == Approx(900).epsilon(1e-3));
}

TEST_CASE("without a fallback an incident may never be detected") {
  LifecycleSpec life;
  life.detectors = {detector(0.5, DistributionSpec::fixed_value(60))};
  CHECK(std::isinf(analytic::mean_detection_time(life)));
}
