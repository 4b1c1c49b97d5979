#include "reliasim/stats/binned_sample.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "reliasim/stats/quantile.hpp"

namespace reliasim {

BinnedSample::BinnedSample(double resolution) : log_base_(std::log1p(resolution)) {
  if (!(resolution > 0.0 && resolution < 1.0))
    throw std::invalid_argument("BinnedSample: resolution must be in (0, 1), got " +
                                std::to_string(resolution));
}

void BinnedSample::add(double value) {
  if (!(value >= 0.0) || !std::isfinite(value)) return;
  ++count_;
  if (value == 0.0) {
    ++zeros_;
    return;
  }
  const auto index = static_cast<std::int64_t>(std::floor(std::log(value) / log_base_));
  const auto at = std::ranges::lower_bound(bins_, index, {}, &Bin::index);
  if (at != bins_.end() && at->index == index)
    ++at->count;
  else
    bins_.insert(at, {index, 1});
}

void BinnedSample::merge(const BinnedSample& other) {
  if (other.log_base_ != log_base_)
    throw std::invalid_argument("BinnedSample: merging different resolutions");
  std::vector<Bin> merged;
  merged.reserve(bins_.size() + other.bins_.size());
  auto a = bins_.cbegin();
  auto b = other.bins_.cbegin();
  while (a != bins_.end() || b != other.bins_.end()) {
    if (b == other.bins_.end() || (a != bins_.end() && a->index < b->index))
      merged.push_back(*a++);
    else if (a == bins_.end() || b->index < a->index)
      merged.push_back(*b++);
    else
      merged.push_back({a->index, a->count + b->count}), ++a, ++b;
  }
  bins_ = std::move(merged);
  zeros_ += other.zeros_;
  count_ += other.count_;
}

bool BinnedSample::consistent() const {
  if (log_base_ != BinnedSample().log_base_) return false;
  std::uint64_t total = zeros_;
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    const std::uint64_t n = bins_[i].count;
    if (n == 0 || total + n < total || (i > 0 && bins_[i - 1].index >= bins_[i].index))
      return false;
    total += n;
  }
  return total == count_;
}

double BinnedSample::middle(std::int64_t bin) const {
  return std::exp((static_cast<double>(bin) + 0.5) * log_base_);
}

std::vector<BinnedSample::Counted> BinnedSample::counted() const {
  std::vector<Counted> out;
  if (zeros_ > 0) out.push_back({0.0, zeros_});
  for (const auto& [bin, n] : bins_) out.push_back({middle(bin), n});
  return out;
}

double BinnedSample::value_at_rank(std::uint64_t rank) const {
  if (rank == 0 || rank > count_) throw std::out_of_range("BinnedSample: rank out of range");
  if (rank <= zeros_) return 0.0;
  std::uint64_t seen = zeros_;
  for (const auto& [bin, n] : bins_) {
    seen += n;
    if (rank <= seen) return middle(bin);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double BinnedSample::quantile(double p) const {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument("quantile needs 0 <= p <= 1, got " + std::to_string(p));
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double h = p * static_cast<double>(count_ - 1);
  const auto below = static_cast<std::uint64_t>(h);
  const double low = value_at_rank(below + 1);
  if (below + 1 >= count_) return low;
  return low + (h - static_cast<double>(below)) * (value_at_rank(below + 2) - low);
}

Interval BinnedSample::quantile_interval(double p, double confidence) const {
  const OrderStatisticRanks ranks =
      order_statistic_ranks(static_cast<std::size_t>(count_), p, confidence);
  constexpr double infinity = std::numeric_limits<double>::infinity();
  const double lower = ranks.lower == 0 ? -infinity : value_at_rank(ranks.lower);
  const double upper = ranks.upper > count_ ? infinity : value_at_rank(ranks.upper);
  return {quantile(p), lower, upper, confidence};
}

}  // namespace reliasim
