#include "reliasim/stats/mean.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "reliasim/stats/critical_values.hpp"

namespace reliasim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The values' products with their weights, rounded once each (exact for unit weights, so that
// a value of weight 1 adds the same bits whichever sums it goes to).
void add_products(MeanAccumulator::WeightedSums& s, double x, double w) noexcept {
  s.w.add(w);
  s.ww.add(w * w);
  if (w == 1.0) {
    s.wx.add(x), s.wwx.add(x);
    add_square(s.wxx, x), add_square(s.wwxx, x);
    return;
  }
  const double wx = w * x, wwx = (w * w) * x;
  s.wx.add(wx), s.wxx.add(wx * x);
  s.wwx.add(wwx), s.wwxx.add(wwx * x);
}

}  // namespace

MeanAccumulator::MeanAccumulator(const MeanAccumulator& other)
    : count_(other.count_),
      x_(other.x_),
      xx_(other.xx_),
      weighted_(other.weighted_ ? std::make_unique<WeightedSums>(*other.weighted_) : nullptr) {}

MeanAccumulator& MeanAccumulator::operator=(const MeanAccumulator& other) {
  if (this != &other) *this = MeanAccumulator(other);
  return *this;
}

void MeanAccumulator::add_weighted(double value, double weight) {
  if (!weighted_) {
    weighted_ = std::make_unique<WeightedSums>(weighted_view());
    weighted_->w = weighted_->ww = {};
    weighted_->w.add(static_cast<double>(count_ - 1));
    weighted_->ww.add(static_cast<double>(count_ - 1));
  }
  add_products(*weighted_, value, weight);
}

MeanAccumulator::WeightedSums MeanAccumulator::weighted_view() const {
  if (weighted_) return *weighted_;
  WeightedSums s{.w = {}, .wx = x_, .wxx = xx_, .ww = {}, .wwx = x_, .wwxx = xx_};
  s.w.add(static_cast<double>(count_));
  s.ww.add(static_cast<double>(count_));
  return s;
}

void MeanAccumulator::merge(const MeanAccumulator& other) {
  if (!weighted_ && !other.weighted_) {
    count_ += other.count_;
    x_.merge(other.x_);
    xx_.merge(other.xx_);
    return;
  }
  WeightedSums sums = weighted_view();
  const WeightedSums more = other.weighted_view();
  sums.w.merge(more.w), sums.wx.merge(more.wx), sums.wxx.merge(more.wxx);
  sums.ww.merge(more.ww), sums.wwx.merge(more.wwx), sums.wwxx.merge(more.wwxx);
  count_ += other.count_;
  weighted_ = std::make_unique<WeightedSums>(sums);
}

void MeanAccumulator::restore(std::uint64_t count, const ExactSum& x, const ExactSum& xx,
                              const WeightedSums* weighted) {
  count_ = count, x_ = x, xx_ = xx;
  weighted_ = weighted ? std::make_unique<WeightedSums>(*weighted) : nullptr;
}

double MeanAccumulator::mean() const noexcept {
  if (!weighted_)
    return count_ > 0 ? (x_.value() / exactly(static_cast<double>(count_))).value() : kNaN;
  const DoubleDouble w = weighted_->w.value();
  return w.hi > 0.0 ? (weighted_->wx.value() / w).value() : kNaN;
}

double MeanAccumulator::effective_sample_size() const noexcept {
  if (!weighted_) return static_cast<double>(count_);
  const DoubleDouble w = weighted_->w.value(), ww = weighted_->ww.value();
  return ww.hi > 0.0 ? (w * w / ww).value() : 0.0;
}

MeanSummary MeanAccumulator::summary(double confidence) const {
  check_confidence(confidence);
  MeanSummary s;
  s.count = count_;
  s.effective_sample_size = effective_sample_size();
  s.interval = {mean(), kNaN, kNaN, confidence};
  s.std_dev = s.std_error = kNaN;
  const double n_eff = s.effective_sample_size;
  if (!(n_eff > 1.0)) return s;

  // n_eff / (n_eff - 1) is the usual n / (n - 1) correction; with unit weights the formulas
  // reduce to the textbook s^2 and s^2 / n. In double-double from the exact sums, the
  // cancellation in sum(w x^2) - sum(w x)^2 / sum(w) loses nothing a double would notice.
  const WeightedSums sums = weighted_view();
  const double correction = n_eff / (n_eff - 1.0);
  const DoubleDouble w = sums.w.value(), wx = sums.wx.value();
  const DoubleDouble m = wx / w;
  const double m2 = std::max(0.0, (sums.wxx.value() - wx * wx / w).value());
  s.std_dev = std::sqrt(m2 / w.value() * correction);
  // Delta-method variance of sum(w x) / sum(w): sum w^2 (x - mean)^2 / (sum w)^2.
  const DoubleDouble spread_dd =
      sums.wwxx.value() - exactly(2.0) * m * sums.wwx.value() + m * m * sums.ww.value();
  const double spread = std::max(0.0, spread_dd.value());
  s.std_error = std::sqrt(spread / (w * w).value() * correction);

  const double half = student_t_critical_value(confidence, n_eff - 1.0) * s.std_error;
  s.interval.lower = s.interval.estimate - half;
  s.interval.upper = s.interval.estimate + half;
  return s;
}

MeanSummary summarize_mean(std::span<const double> values, double confidence) {
  MeanAccumulator accumulator;
  for (const double v : values) accumulator.add(v);
  return accumulator.summary(confidence);
}

MeanSummary summarize_mean(std::span<const double> values, std::span<const double> weights,
                           double confidence) {
  if (weights.size() != values.size()) {
    throw std::invalid_argument("summarize_mean: " + std::to_string(weights.size()) +
                                " weights for " + std::to_string(values.size()) + " values");
  }
  MeanAccumulator accumulator;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(weights[i] >= 0.0 && std::isfinite(weights[i]))) {
      throw std::invalid_argument("summarize_mean: weight " + std::to_string(i) +
                                  " must be finite and >= 0, got " + std::to_string(weights[i]));
    }
    accumulator.add(values[i], weights[i]);
  }
  return accumulator.summary(confidence);
}

double effective_sample_size(std::span<const double> weights) noexcept {
  double sum_w = 0.0, sum_w2 = 0.0;
  for (const double w : weights) sum_w += w, sum_w2 += w * w;
  return sum_w2 > 0.0 ? sum_w * sum_w / sum_w2 : 0.0;
}

Interval mean_interval(const MeanAccumulator& values, double confidence, double factor,
                       double lowest, double highest) {
  Interval i = values.summary(confidence).interval;
  i.estimate *= factor, i.lower *= factor, i.upper *= factor;
  // std::clamp would turn an undefined (NaN) bound into a number.
  if (i.lower < lowest) i.lower = lowest;
  if (i.upper > highest) i.upper = highest;
  return i;
}

}  // namespace reliasim
