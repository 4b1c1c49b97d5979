#include "reliasim/analysis/compare.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <span>
#include <stdexcept>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/analysis/trial_metrics.hpp"
#include "reliasim/stats/critical_values.hpp"
#include "reliasim/stats/mean.hpp"
#include "reliasim/stats/proportion.hpp"

namespace reliasim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

using Values = std::vector<double>;

Values scaled(Values values, double factor) {
  for (double& v : values) v *= factor;
  return values;
}

Values minus(const Values& b, const Values& a) {
  Values d(b.size());
  for (std::size_t t = 0; t < b.size(); ++t) d[t] = b[t] - a[t];
  return d;
}

bool excludes_zero(const Interval& i) {
  return i.lower > 0.0 || i.upper < 0.0;
}

// Per-trial values of one figure in both designs, paired by trial.
PairedDifference paired(const Values& a, const Values& b, double confidence) {
  PairedDifference p{summarize_mean(a, confidence).interval, summarize_mean(b, confidence).interval,
                     summarize_mean(minus(b, a), confidence).interval};
  p.distinguishable = excludes_zero(p.difference);
  return p;
}

// A ratio of per-trial sums (a mean over incidents, which trials hold unequal numbers of):
// its delta-method residuals u_t = (y_t - R x_t) / mean(x) have the ratio's variance / n.
struct Ratio {
  double estimate = nan;
  Values residuals;
};

Ratio ratio(const TrialSums& sums) {
  double y = 0.0, x = 0.0;
  for (std::size_t t = 0; t < sums.sum.size(); ++t) y += sums.sum[t], x += sums.count[t];
  Ratio r;
  if (x <= 0.0) return r;
  r.estimate = y / x;
  const double mean_x = x / static_cast<double>(sums.count.size());
  for (std::size_t t = 0; t < sums.sum.size(); ++t)
    r.residuals.push_back((sums.sum[t] - r.estimate * sums.count[t]) / mean_x);
  return r;
}

Interval around(double estimate, const Values& residuals, double confidence) {
  if (std::isnan(estimate)) return {nan, nan, nan, confidence};
  const MeanSummary spread = summarize_mean(residuals, confidence);
  const double half = spread.interval.upper - spread.interval.estimate;
  return {estimate, estimate - half, estimate + half, confidence};
}

PairedDifference paired_ratio(const TrialSums& a, const TrialSums& b, double confidence) {
  const Ratio ra = ratio(a), rb = ratio(b);
  PairedDifference p{around(ra.estimate, ra.residuals, confidence),
                     around(rb.estimate, rb.residuals, confidence),
                     {nan, nan, nan, confidence}};
  if (!ra.residuals.empty() && !rb.residuals.empty())
    p.difference = around(rb.estimate - ra.estimate, minus(rb.residuals, ra.residuals), confidence);
  p.distinguishable = excludes_zero(p.difference);
  return p;
}

struct Run {
  const CompiledModel& model;
  const RunResults& results;
  [[nodiscard]] double per_year() const { return seconds_per_year / results.horizon; }
};

ScopeComparison compare_scope(const Run& a, std::size_t sa, const Run& b, std::size_t sb,
                              double c) {
  const auto availability = [](const Run& r, std::size_t s) {
    Values v = trial_downtime(r.results, s);
    for (double& x : v) x = 1.0 - x / r.results.horizon;
    return v;
  };
  const auto yearly = [](const Run& r, Values v) { return scaled(std::move(v), r.per_year()); };
  ScopeComparison row;
  row.name = a.results.scopes[sa].name;
  row.availability = paired(availability(a, sa), availability(b, sb), c);
  row.downtime_per_year =
      paired(yearly(a, trial_downtime(a.results, sa)), yearly(b, trial_downtime(b.results, sb)), c);
  row.degraded_per_year =
      paired(yearly(a, trial_degraded(a.results, sa)), yearly(b, trial_degraded(b.results, sb)), c);
  row.outages_per_year =
      paired(yearly(a, trial_outages(a.results, sa)), yearly(b, trial_outages(b.results, sb)), c);
  row.longest_outage =
      paired(trial_longest_outage(a.results, sa), trial_longest_outage(b.results, sb), c);
  row.outage_duration = paired_ratio(trial_outage_sums(a.results, sa, OutageMeasure::duration),
                                     trial_outage_sums(b.results, sb, OutageMeasure::duration), c);
  row.outage_ttd = paired_ratio(trial_outage_sums(a.results, sa, OutageMeasure::ttd),
                                trial_outage_sums(b.results, sb, OutageMeasure::ttd), c);
  return row;
}

Values breach_share(const Run& r, std::size_t l) {
  Values v = trial_breaches(r.results, r.model.slas[l], l);
  return scaled(std::move(v), 1.0 / static_cast<double>(r.results.sla_windows(l)));
}

SlaComparison compare_sla(const Run& a, std::size_t la, const Run& b, std::size_t lb, double c) {
  SlaComparison row{a.model.slas[la].name, a.model.slas[la].currency, {}, {}, {}};
  row.breach_probability = paired(breach_share(a, la), breach_share(b, lb), c);
  // A window is a Bernoulli trial: each design's own probability gets a Wilson interval.
  const auto wilson = [c](const Run& r, std::size_t l) {
    double breaches = 0.0;
    for (const double k : trial_breaches(r.results, r.model.slas[l], l)) breaches += k;
    const auto windows = r.results.trials * r.results.sla_windows(l);
    return wilson_interval(static_cast<std::uint64_t>(breaches), windows, c);
  };
  row.breach_probability.a = wilson(a, la);
  row.breach_probability.b = wilson(b, lb);
  row.breaches_per_year =
      paired(scaled(trial_breaches(a.results, a.model.slas[la], la), a.per_year()),
             scaled(trial_breaches(b.results, b.model.slas[lb], lb), b.per_year()), c);
  row.credit_per_year = paired(scaled(trial_credit(a.results, la), a.per_year()),
                               scaled(trial_credit(b.results, lb), b.per_year()), c);
  row.credit_schedule = a.model.slas[la].has_credits() && b.model.slas[lb].has_credits();
  return row;
}

std::map<std::string, double> monthly_costs(const CompiledModel& model) {
  std::map<std::string, double> costs;
  for (const ServiceSpec& s : model.services)
    if (s.monthly_cost > 0.0) costs[s.currency] += s.monthly_cost;
  return costs;
}

// Per currency: credits A pays minus credits B pays, per trial and year, over shared SLAs.
std::vector<CostComparison> compare_costs(
    const Run& a, const Run& b, const std::vector<std::pair<std::size_t, std::size_t>>& slas,
    double c) {
  const std::map<std::string, double> cost_a = monthly_costs(a.model),
                                      cost_b = monthly_costs(b.model);
  std::map<std::string, double> currencies(cost_a);
  for (const auto& [currency, cost] : cost_b) currencies.emplace(currency, 0.0);
  std::vector<CostComparison> rows;
  for (const auto& [currency, unused] : currencies) {
    CostComparison row;
    row.currency = currency;
    row.monthly_cost_a = cost_a.contains(currency) ? cost_a.at(currency) : 0.0;
    row.monthly_cost_b = cost_b.contains(currency) ? cost_b.at(currency) : 0.0;
    row.extra_cost_per_year = 12.0 * (row.monthly_cost_b - row.monthly_cost_a);
    Values saved(a.results.trials, 0.0);
    for (const auto& [la, lb] : slas) {
      if (a.model.slas[la].currency != currency || !a.model.slas[la].has_credits() ||
          !b.model.slas[lb].has_credits())
        continue;
      row.credit_schedule = true;
      const Values credit_a = scaled(trial_credit(a.results, la), a.per_year());
      const Values credit_b = scaled(trial_credit(b.results, lb), b.per_year());
      for (std::size_t t = 0; t < saved.size(); ++t) saved[t] += credit_a[t] - credit_b[t];
    }
    row.credits_saved_per_year = summarize_mean(saved, c).interval;
    row.net_saving_per_year = row.credits_saved_per_year;
    row.net_saving_per_year.estimate -= row.extra_cost_per_year;
    row.net_saving_per_year.lower -= row.extra_cost_per_year;
    row.net_saving_per_year.upper -= row.extra_cost_per_year;
    rows.push_back(row);
  }
  return rows;
}

std::string duration_text(double seconds) {
  char text[64];
  const double minutes = std::abs(seconds) / 60.0;
  if (minutes >= 120.0)
    std::snprintf(text, sizeof text, "%.1f h", minutes / 60.0);
  else
    std::snprintf(text, sizeof text, "%.1f min", minutes);
  return text;
}

std::string money_text(double amount, const std::string& currency) {
  char text[64];
  std::snprintf(text, sizeof text, "%.0f %s", amount, currency.c_str());
  return text;
}

std::string percent(double confidence) {
  char text[16];
  std::snprintf(text, sizeof text, "%g %%", 100.0 * confidence);
  return text;
}

std::string downtime_verdict(const ScopeComparison& scope, double confidence) {
  const Interval& d = scope.downtime_per_year.difference;
  const std::string range = "(B - A " + std::string(d.estimate < 0 ? "-" : "+") +
                            duration_text(d.estimate) + " a year, " + percent(confidence) + " CI " +
                            (d.lower < 0 ? "-" : "+") + duration_text(d.lower) + " to " +
                            (d.upper < 0 ? "-" : "+") + duration_text(d.upper) + ")";
  if (!scope.downtime_per_year.distinguishable)
    return "no difference in " + scope.name + " downtime is distinguishable from noise at " +
           percent(confidence) + " " + range;
  return std::string(d.estimate < 0 ? "B has less " : "B has more ") + scope.name +
         " downtime than A " + range;
}

std::string cost_verdict(const CostComparison& cost) {
  const Interval& net = cost.net_saving_per_year;
  const std::string extra = money_text(cost.extra_cost_per_year, cost.currency) + " a year";
  if (!cost.credit_schedule)
    return "B's running cost differs by " + extra + ", and no SLA in " + cost.currency +
           " has a credit schedule to set against it";
  const std::string saved =
      money_text(cost.credits_saved_per_year.estimate, cost.currency) + " a year in credits";
  if (cost.extra_cost_per_year <= 0.0) return "B costs no more to run and saves " + saved;
  if (net.lower > 0.0) return "B's extra " + extra + " is outweighed by the " + saved + " it saves";
  if (net.upper < 0.0) return "B's extra " + extra + " exceeds the " + saved + " it saves";
  return "whether the " + saved + " B saves covers its extra " + extra +
         " is not distinguishable from noise";
}

std::string verdict(const Comparison& c) {
  if (c.scopes.empty()) return "the designs share no journey or SLA scope to compare";
  std::string line = downtime_verdict(c.scopes.front(), c.confidence);
  line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
  for (const CostComparison& cost : c.costs)
    if (cost.extra_cost_per_year != 0.0 || cost.credits_saved_per_year.estimate != 0.0) {
      line += "; " + cost_verdict(cost);
      break;
    }
  return line + ".";
}

template <typename Names>
std::vector<std::pair<std::size_t, std::size_t>> match(const Names& a, const Names& b,
                                                       std::vector<std::string>& only_a,
                                                       std::vector<std::string>& only_b) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<bool> matched(b.size(), false);
  for (std::size_t i = 0; i < a.size(); ++i) {
    bool found = false;
    for (std::size_t j = 0; j < b.size() && !found; ++j)
      if (a[i].name == b[j].name) pairs.emplace_back(i, j), matched[j] = found = true;
    if (!found) only_a.push_back(a[i].name);
  }
  for (std::size_t j = 0; j < b.size(); ++j)
    if (!matched[j]) only_b.push_back(b[j].name);
  return pairs;
}

void check_paired(const RunResults& a, const RunResults& b, double confidence) {
  if (a.trials != b.trials || a.first_trial != b.first_trial || a.seed != b.seed)
    throw std::invalid_argument(
        "compare: both designs must run the same trials with the same seed");
  if (a.trials < 2) throw std::invalid_argument("compare: at least two trials are needed");
  if (!(confidence > 0.0 && confidence < 1.0))
    throw std::invalid_argument("compare: the confidence must lie in (0, 1)");
}

}  // namespace

Comparison compare(const CompiledModel& model_a, const RunResults& a, const CompiledModel& model_b,
                   const RunResults& b, double confidence) {
  check_paired(a, b, confidence);
  const Run run_a{model_a, a}, run_b{model_b, b};
  Comparison c;
  c.name_a = model_a.name, c.name_b = model_b.name;
  c.trials = a.trials, c.seed = a.seed, c.confidence = confidence;
  for (const auto& [sa, sb] : match(a.scopes, b.scopes, c.only_in_a, c.only_in_b))
    c.scopes.push_back(compare_scope(run_a, sa, run_b, sb, confidence));
  const auto slas = match(model_a.slas, model_b.slas, c.only_in_a, c.only_in_b);
  for (const auto& [la, lb] : slas) c.slas.push_back(compare_sla(run_a, la, run_b, lb, confidence));
  c.costs = compare_costs(run_a, run_b, slas, confidence);
  c.verdict = verdict(c);
  return c;
}

}  // namespace reliasim
