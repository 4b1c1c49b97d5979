#include "reliasim/stats/mean.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "reliasim/stats/critical_values.hpp"

namespace reliasim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

void MeanAccumulator::Moments::add(double x, double w) noexcept {
  if (w == 0.0) return;
  weight += w;
  const double delta = x - mean;
  mean += (w / weight) * delta;
  m2 += w * delta * (x - mean);
}

void MeanAccumulator::Moments::merge(const Moments& other) noexcept {
  if (other.weight == 0.0) return;
  if (weight == 0.0) {
    *this = other;
    return;
  }
  // Chan, Golub and LeVeque's pairwise update.
  const double total = weight + other.weight;
  const double delta = other.mean - mean;
  mean += delta * (other.weight / total);
  m2 += other.m2 + delta * delta * (weight * other.weight / total);
  weight = total;
}

void MeanAccumulator::add(double value, double weight) noexcept {
  ++count_;
  by_weight_.add(value, weight);
  by_squared_weight_.add(value, weight * weight);
}

void MeanAccumulator::merge(const MeanAccumulator& other) noexcept {
  count_ += other.count_;
  by_weight_.merge(other.by_weight_);
  by_squared_weight_.merge(other.by_squared_weight_);
}

double MeanAccumulator::mean() const noexcept {
  return by_weight_.weight > 0.0 ? by_weight_.mean : kNaN;
}

double MeanAccumulator::effective_sample_size() const noexcept {
  const double sum_w = by_weight_.weight, sum_w2 = by_squared_weight_.weight;
  return sum_w2 > 0.0 ? sum_w * sum_w / sum_w2 : 0.0;
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
  // reduce to the textbook s^2 and s^2 / n.
  const double correction = n_eff / (n_eff - 1.0);
  const double sum_w = by_weight_.weight;
  s.std_dev = std::sqrt(by_weight_.m2 / sum_w * correction);
  // Delta-method variance of sum(w x) / sum(w): sum w^2 (x - mean)^2 / (sum w)^2, with the
  // squared deviations re-centred from the w^2-weighted mean onto the estimate.
  const Moments& q = by_squared_weight_;
  const double shift = q.mean - by_weight_.mean;
  const double spread = q.m2 + q.weight * shift * shift;
  s.std_error = std::sqrt(spread / (sum_w * sum_w) * correction);

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
