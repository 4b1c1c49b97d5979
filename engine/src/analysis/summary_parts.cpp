#include "summary_parts.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "reliasim/stats/proportion.hpp"
#include "reliasim/stats/quantile.hpp"

namespace reliasim::summary {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

}  // namespace

Interval positive_mean(const MeanAccumulator& values, double confidence, double factor) {
  return mean_interval(values, confidence, factor, 0.0);
}

Interval fraction_mean(const MeanAccumulator& values, double confidence) {
  return mean_interval(values, confidence, 1.0, 0.0, 1.0);
}

void Durations::add(double value, double weight) {
  if (weighted_) {
    mean_.add(value, weight);
    weighted_values_.push_back({value, weight});
    return;
  }
  mean_.add(value);
  if (exact_)
    values_.push_back(value);
  else
    binned_.add(value);
}

void Durations::merge(const Durations& other) {
  mean_.merge(other.mean_);
  values_.insert(values_.end(), other.values_.begin(), other.values_.end());
  weighted_values_.insert(weighted_values_.end(), other.weighted_values_.begin(),
                          other.weighted_values_.end());
  binned_.merge(other.binned_);
}

bool Durations::consistent(bool exact, bool weighted) const {
  if (exact_ != exact || weighted_ != weighted) return false;
  const std::uint64_t kept = weighted_ ? weighted_values_.size()
                             : exact_  ? values_.size()
                                       : binned_.size();
  return kept == mean_.count() && binned_.consistent();
}

DurationSummary Durations::summary(double confidence) const {
  DurationSummary d;
  d.count = mean_.count();
  if (d.count == 0) {
    d.mean = d.p50 = d.p90 = d.p99 = {nan, nan, nan, confidence};
    return d;
  }
  d.mean = d.count > 1 ? mean_.summary(confidence).interval
                       : Interval{mean_.mean(), nan, nan, confidence};
  if (weighted_) {
    d.p50 = weighted_quantile(weighted_values_, 0.50, 0, confidence);
    d.p90 = weighted_quantile(weighted_values_, 0.90, 0, confidence);
    d.p99 = weighted_quantile(weighted_values_, 0.99, 0, confidence);
  } else if (exact_) {
    constexpr std::array<double, 3> levels{0.50, 0.90, 0.99};
    const std::vector<Interval> q = quantile_intervals(values_, levels, confidence);
    d.p50 = q[0], d.p90 = q[1], d.p99 = q[2];
  } else {
    d.p50 = binned_.quantile_interval(0.50, confidence);
    d.p90 = binned_.quantile_interval(0.90, confidence);
    d.p99 = binned_.quantile_interval(0.99, confidence);
  }
  return d;
}

Interval Durations::censored_quantile(double p, std::uint64_t total, double confidence) const {
  if (total < 2) return {nan, nan, nan, confidence};
  if (weighted_) return weighted_quantile(weighted_values_, p, total, confidence);
  std::vector<double> sorted;
  if (exact_) {
    sorted = values_;
    std::sort(sorted.begin(), sorted.end());
  }
  const std::uint64_t kept = mean_.count();
  const auto at_rank = [&](std::uint64_t rank) {  // 1-based; 0 stands for 0, beyond for +inf
    if (rank == 0) return 0.0;
    if (rank > kept) return infinity;
    return exact_ ? sorted[rank - 1] : binned_.value_at_rank(rank);
  };
  // Hyndman and Fan's type 7, as SortedSample::quantile.
  const double h = static_cast<double>(total - 1) * p;
  const auto below = static_cast<std::uint64_t>(std::floor(h));
  const double low = at_rank(below + 1), high = at_rank(std::min(below + 2, total));
  const double fraction = h - static_cast<double>(below);
  const double estimate = fraction == 0.0        ? low
                          : !std::isfinite(high) ? infinity
                                                 : low + fraction * (high - low);
  const OrderStatisticRanks ranks = order_statistic_ranks(total, p, confidence);
  return {estimate, at_rank(ranks.lower), ranks.upper > total ? infinity : at_rank(ranks.upper),
          confidence};
}

void Share::add(std::uint64_t hits, std::uint64_t count, double weight) {
  hits_ += hits, count_ += count;
  if (weighted_ && count > 0)
    mass_.add(weight * static_cast<double>(hits) / static_cast<double>(count));
}

Interval Share::probability(double confidence) const {
  return weighted_ ? fraction_mean(mass_, confidence) : wilson_interval(hits_, count_, confidence);
}

Interval Share::complement(double confidence) const {
  if (!weighted_) return wilson_interval(count_ - hits_, count_, confidence);
  const Interval p = probability(confidence);
  return {1.0 - p.estimate, 1.0 - p.upper, 1.0 - p.lower, confidence};
}

Interval Fraction::interval(double confidence) const {
  const Interval m = mean_interval(mean_, confidence, 1.0, 0.0, top_);
  if (!weighted_) return m;
  return {top_ - m.estimate, top_ - m.upper, top_ - m.lower, confidence};
}

}  // namespace reliasim::summary
