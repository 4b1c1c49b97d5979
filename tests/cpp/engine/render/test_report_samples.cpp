// The report's samples built batch by batch: per-trial values exactly those of the whole run,
// incident times binned within 1 % of the kept ones, counts intact.
#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>

#include "../simulate/model_builder.hpp"
#include "../simulate/run_helpers.hpp"
#include "reliasim/render/report.hpp"
#include "reliasim/stats/quantile.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

CompiledModel lognormal_repairs() {
  ModelBuilder b;
  const Index s = b.service("api");
  b.source("api/crash", {{}, {s}}, 200 * hour, 1);
  b.last_source().lifecycle.repair = {DistributionKind::lognormal, std::log(hour), 1.2, 0, {}};
  b.journey("use", {s});
  b.windows(year / 12);
  b.sla(0.999, 1000.0).currency = "EUR";
  return b.build();
}

RunResults range(const CompiledModel& model, std::uint64_t first, std::uint64_t trials) {
  RunConfig config;
  config.seed = 9, config.first_trial = first, config.trials = trials;
  return simulate(model, config);
}

// The value below which a share p of the counted values lie (the lower p-quantile).
double counted_quantile(const ReportSamples::Times& t, double p) {
  std::vector<std::size_t> order(t.seconds.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return t.seconds[a] < t.seconds[b]; });
  const double total = std::accumulate(t.counts.begin(), t.counts.end(), 0.0);
  double seen = 0;
  for (const std::size_t i : order)
    if ((seen += t.counts[i]) >= p * total) return t.seconds[i];
  return t.seconds[order.back()];
}

}  // namespace

TEST_CASE("report samples: batches keep every trial's value and bin incident times to 1 %",
          "[report]") {
  const CompiledModel model = lognormal_repairs();
  const ReportSamples whole = report_samples(range(model, 0, 600));
  ReportSamplesBuilder builder(false);
  builder.add(range(model, 0, 250));
  builder.add(range(model, 250, 350));
  const ReportSamples batched = builder.finish();
  CHECK(batched.downtime_per_year == whole.downtime_per_year);
  CHECK(batched.credit_per_year == whole.credit_per_year);
  CHECK(batched.incidents == whole.incidents);
  CHECK(batched.undetected == whole.undetected);
  REQUIRE(whole.ttr.seconds.size() > 1000);
  CHECK(std::accumulate(batched.ttr.counts.begin(), batched.ttr.counts.end(), 0.0) ==
        static_cast<double>(whole.ttr.seconds.size()));
  CHECK(batched.ttr.seconds.size() < whole.ttr.seconds.size());  // bins, not values
  for (const double p : {0.1, 0.5, 0.9, 0.99}) {
    INFO(p);
    CHECK(counted_quantile(batched.ttr, p) ==
          Approx(counted_quantile(whole.ttr, p)).epsilon(0.0051));
  }
}
