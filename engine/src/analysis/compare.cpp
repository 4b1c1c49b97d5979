#include "reliasim/analysis/compare.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <span>
#include <stdexcept>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/analysis/trial_metrics.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "reliasim/stats/critical_values.hpp"
#include "reliasim/stats/cross_moments.hpp"
#include "reliasim/stats/mean.hpp"
#include "reliasim/stats/proportion.hpp"
#include "state_archive.hpp"
#include "verdict_text.hpp"

namespace reliasim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

using Values = std::vector<double>;
using verdict_text::duration_text;
using verdict_text::money_text;
using verdict_text::percent;

bool excludes_zero(const Interval& i) {
  return i.lower > 0.0 || i.upper < 0.0;
}

// One figure's per-trial values in both designs, paired by trial.
struct PairedMeans {
  MeanAccumulator a, b, difference;
  void add(const Values& in_a, const Values& in_b, double scale_a = 1.0, double scale_b = 1.0) {
    for (std::size_t t = 0; t < in_a.size(); ++t) {
      const double x = in_a[t] * scale_a, y = in_b[t] * scale_b;
      a.add(x), b.add(y), difference.add(y - x);
    }
  }
  void merge(const PairedMeans& o) { a.merge(o.a), b.merge(o.b), difference.merge(o.difference); }
  template <typename Archive>
  void transfer(Archive& archive) {
    archive(a, b, difference);
  }
  [[nodiscard]] PairedDifference summary(double confidence) const {
    PairedDifference p{a.summary(confidence).interval, b.summary(confidence).interval,
                       difference.summary(confidence).interval};
    p.distinguishable = excludes_zero(p.difference);
    return p;
  }
};

// A ratio of per-trial sums (a mean over incidents, which trials hold unequal numbers of) in
// both designs: per trial (y_a, x_a, y_b, x_b). Its delta-method residuals
// u_t = (y_t - R x_t) / mean(x) have the ratio's variance / n, and are linear in the values.
struct PairedRatio {
  CrossMoments<4> moments;
  void add(const TrialSums& in_a, const TrialSums& in_b) {
    for (std::size_t t = 0; t < in_a.sum.size(); ++t)
      moments.add({in_a.sum[t], in_a.count[t], in_b.sum[t], in_b.count[t]});
  }
  void merge(const PairedRatio& o) { moments.merge(o.moments); }
  template <typename Archive>
  void transfer(Archive& archive) {
    archive(moments);
  }
  [[nodiscard]] PairedDifference summary(double confidence) const {
    const Interval none{nan, nan, nan, confidence};
    const auto n = static_cast<double>(moments.count());
    const double ya = moments.sum(0), xa = moments.sum(1), yb = moments.sum(2), xb = moments.sum(3);
    const double ra = xa > 0.0 ? ya / xa : nan, rb = xb > 0.0 ? yb / xb : nan;
    // The residual's coefficients on (y_a, x_a, y_b, x_b).
    const double ca = n / xa, cb = n / xb;
    PairedDifference p{none, none, none};
    if (xa > 0.0) p.a = moments.interval(ra, {ca, -ra * ca, 0.0, 0.0}, confidence);
    if (xb > 0.0) p.b = moments.interval(rb, {0.0, 0.0, cb, -rb * cb}, confidence);
    if (xa > 0.0 && xb > 0.0)
      p.difference = moments.interval(rb - ra, {-ca, ra * ca, cb, -rb * cb}, confidence);
    p.distinguishable = excludes_zero(p.difference);
    return p;
  }
};

// A scope both designs have: its indices in each and its figures.
struct ScopeSums {
  std::size_t a = 0, b = 0;
  std::string name;
  PairedMeans availability, downtime, degraded, outages, longest;
  PairedRatio duration, ttd;
  void merge(const ScopeSums& o) {
    availability.merge(o.availability), downtime.merge(o.downtime), degraded.merge(o.degraded);
    outages.merge(o.outages), longest.merge(o.longest), duration.merge(o.duration);
    ttd.merge(o.ttd);
  }
  template <typename Archive>
  void transfer(Archive& archive) {
    archive(a, b, name, availability, downtime, degraded, outages, longest, duration, ttd);
  }
};

// An SLA both designs have: its indices and labels, and its figures.
struct SlaSums {
  std::size_t a = 0, b = 0;
  std::string name, currency;
  bool credit_schedule = false;  // in both designs
  PairedMeans breach_share, breaches, credit;
  std::uint64_t breaches_a = 0, breaches_b = 0, windows_a = 0, windows_b = 0;
  void merge(const SlaSums& o) {
    breach_share.merge(o.breach_share), breaches.merge(o.breaches), credit.merge(o.credit);
    breaches_a += o.breaches_a, breaches_b += o.breaches_b;
    windows_a += o.windows_a, windows_b += o.windows_b;
  }
  template <typename Archive>
  void transfer(Archive& archive) {
    archive(a, b, name, currency, credit_schedule, breach_share, breaches, credit, breaches_a,
            breaches_b, windows_a, windows_b);
  }
};

// A currency of the services' running costs: A's credits minus B's, per trial and year,
// over the shared SLAs with credit schedules in that currency.
struct CostSums {
  std::string currency;
  double monthly_a = 0.0, monthly_b = 0.0;
  bool credit_schedule = false;
  MeanAccumulator saved;
  template <typename Archive>
  void transfer(Archive& archive) {
    archive(currency, monthly_a, monthly_b, credit_schedule, saved);
  }
};

double per_year(const RunResults& r) {
  return seconds_per_year / r.horizon;
}

void add_scope(ScopeSums& sums, const RunResults& a, const RunResults& b) {
  Values down_a = trial_downtime(a, sums.a), down_b = trial_downtime(b, sums.b);
  sums.downtime.add(down_a, down_b, per_year(a), per_year(b));
  for (double& x : down_a) x = 1.0 - x / a.horizon;
  for (double& x : down_b) x = 1.0 - x / b.horizon;
  sums.availability.add(down_a, down_b);
  sums.degraded.add(trial_degraded(a, sums.a), trial_degraded(b, sums.b), per_year(a), per_year(b));
  sums.outages.add(trial_outages(a, sums.a), trial_outages(b, sums.b), per_year(a), per_year(b));
  sums.longest.add(trial_longest_outage(a, sums.a), trial_longest_outage(b, sums.b));
  sums.duration.add(trial_outage_sums(a, sums.a, OutageMeasure::duration),
                    trial_outage_sums(b, sums.b, OutageMeasure::duration));
  sums.ttd.add(trial_outage_sums(a, sums.a, OutageMeasure::ttd),
               trial_outage_sums(b, sums.b, OutageMeasure::ttd));
}

std::uint64_t total(const Values& values) {
  double sum = 0.0;
  for (const double v : values) sum += v;
  return static_cast<std::uint64_t>(sum);
}

void add_sla(SlaSums& sums, const CompiledModel& model_a, const RunResults& a,
             const CompiledModel& model_b, const RunResults& b) {
  const Values breaches_a = trial_breaches(a, model_a.slas[sums.a], sums.a);
  const Values breaches_b = trial_breaches(b, model_b.slas[sums.b], sums.b);
  const auto windows_a = static_cast<double>(a.sla_windows(sums.a));
  const auto windows_b = static_cast<double>(b.sla_windows(sums.b));
  sums.breach_share.add(breaches_a, breaches_b, 1.0 / windows_a, 1.0 / windows_b);
  sums.breaches.add(breaches_a, breaches_b, per_year(a), per_year(b));
  sums.credit.add(trial_credit(a, sums.a), trial_credit(b, sums.b), per_year(a), per_year(b));
  sums.breaches_a += total(breaches_a), sums.breaches_b += total(breaches_b);
  sums.windows_a += a.trials * a.sla_windows(sums.a);
  sums.windows_b += b.trials * b.sla_windows(sums.b);
}

SlaComparison sla_comparison(const SlaSums& sums, double c) {
  SlaComparison row{sums.name, sums.currency, {}, {}, {}};
  row.breach_probability = sums.breach_share.summary(c);
  // A window is a Bernoulli trial: each design's own probability gets a Wilson interval.
  row.breach_probability.a = wilson_interval(sums.breaches_a, sums.windows_a, c);
  row.breach_probability.b = wilson_interval(sums.breaches_b, sums.windows_b, c);
  row.breaches_per_year = sums.breaches.summary(c);
  row.credit_per_year = sums.credit.summary(c);
  row.credit_schedule = sums.credit_schedule;
  return row;
}

std::map<std::string, double> monthly_costs(const CompiledModel& model) {
  std::map<std::string, double> costs;
  for (const ServiceSpec& s : model.services)
    if (s.monthly_cost > 0.0) costs[s.currency] += s.monthly_cost;
  return costs;
}

std::vector<CostSums> cost_sums(const CompiledModel& a, const CompiledModel& b) {
  const std::map<std::string, double> cost_a = monthly_costs(a), cost_b = monthly_costs(b);
  std::map<std::string, double> currencies(cost_a);
  for (const auto& [currency, cost] : cost_b) currencies.emplace(currency, 0.0);
  std::vector<CostSums> out;
  for (const auto& [currency, unused] : currencies) {
    CostSums sums;
    sums.currency = currency;
    sums.monthly_a = cost_a.contains(currency) ? cost_a.at(currency) : 0.0;
    sums.monthly_b = cost_b.contains(currency) ? cost_b.at(currency) : 0.0;
    out.push_back(std::move(sums));
  }
  return out;
}

// Whether an SLA pair's credits count towards a currency's saving.
bool saves_in(const std::string& currency, const SlaSpec& a, const SlaSpec& b) {
  return a.currency == currency && a.has_credits() && b.has_credits();
}

void add_cost(CostSums& sums, const std::vector<SlaSums>& slas, const CompiledModel& model_a,
              const RunResults& a, const CompiledModel& model_b, const RunResults& b) {
  Values saved(a.trials, 0.0);
  for (const SlaSums& sla : slas) {
    if (!saves_in(sums.currency, model_a.slas[sla.a], model_b.slas[sla.b])) continue;
    const Values credit_a = trial_credit(a, sla.a), credit_b = trial_credit(b, sla.b);
    for (std::size_t t = 0; t < saved.size(); ++t)
      saved[t] += credit_a[t] * per_year(a) - credit_b[t] * per_year(b);
  }
  for (const double s : saved) sums.saved.add(s);
}

CostComparison cost_comparison(const CostSums& sums, double c) {
  CostComparison row;
  row.currency = sums.currency;
  row.monthly_cost_a = sums.monthly_a;
  row.monthly_cost_b = sums.monthly_b;
  row.extra_cost_per_year = 12.0 * (row.monthly_cost_b - row.monthly_cost_a);
  row.credit_schedule = sums.credit_schedule;
  row.credits_saved_per_year = sums.saved.summary(c).interval;
  row.net_saving_per_year = row.credits_saved_per_year;
  row.net_saving_per_year.estimate -= row.extra_cost_per_year;
  row.net_saving_per_year.lower -= row.extra_cost_per_year;
  row.net_saving_per_year.upper -= row.extra_cost_per_year;
  return row;
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

const std::string& name_of(const std::string& name) {
  return name;
}
const std::string& name_of(const SlaSpec& sla) {
  return sla.name;
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
      if (name_of(a[i]) == name_of(b[j])) pairs.emplace_back(i, j), matched[j] = found = true;
    if (!found) only_a.push_back(name_of(a[i]));
  }
  for (std::size_t j = 0; j < b.size(); ++j)
    if (!matched[j]) only_b.push_back(name_of(b[j]));
  return pairs;
}

void check_confidence_of(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw std::invalid_argument("compare: the confidence must lie in (0, 1)");
}

}  // namespace

struct CompareBuilder::State {
  const CompiledModel* model_a = nullptr;  // null for a builder loaded from bytes
  const CompiledModel* model_b = nullptr;
  double confidence = 0.95;
  Comparison head;                 // names, unmatched scopes and SLAs; trials and seed
  std::string inputs;              // the SHA-256 of every file both designs were read from
  std::vector<TrialRange> ranges;  // the trials compared, in order, disjoint
  std::vector<ScopeSums> scopes;
  std::vector<SlaSums> slas;
  std::vector<CostSums> costs;

  template <typename Archive>
  void transfer(Archive& a) {
    a(confidence, head.name_a, head.name_b, head.trials, head.seed, head.confidence, head.only_in_a,
      head.only_in_b, inputs, ranges, scopes, slas, costs);
  }
};

namespace {

// Why two builders cannot be merged, or empty.
std::string compare_conflict(const CompareBuilder::State& a, const CompareBuilder::State& b) {
  if (a.inputs != b.inputs || a.head.name_a != b.head.name_a || a.head.name_b != b.head.name_b ||
      a.scopes.size() != b.scopes.size() || a.slas.size() != b.slas.size() ||
      a.costs.size() != b.costs.size() || a.head.only_in_a != b.head.only_in_a ||
      a.head.only_in_b != b.head.only_in_b)
    return "they compare different designs";
  for (std::size_t i = 0; i < a.scopes.size(); ++i)
    if (a.scopes[i].name != b.scopes[i].name) return "they compare different designs";
  for (std::size_t i = 0; i < a.slas.size(); ++i)
    if (a.slas[i].name != b.slas[i].name || a.slas[i].currency != b.slas[i].currency)
      return "they compare different designs";
  for (std::size_t i = 0; i < a.costs.size(); ++i)
    if (a.costs[i].currency != b.costs[i].currency) return "they compare different designs";
  if (a.confidence != b.confidence) return "their confidence levels differ";
  if (a.head.trials > 0 && b.head.trials > 0 && a.head.seed != b.head.seed)
    return "their seeds differ";
  return {};
}

}  // namespace

CompareBuilder::CompareBuilder(const CompiledModel& model_a, const CompiledModel& model_b,
                               double confidence)
    : state_(std::make_unique<State>()) {
  check_confidence_of(confidence);
  State& s = *state_;
  s.model_a = &model_a, s.model_b = &model_b, s.confidence = confidence;
  s.inputs = input_hashes(model_a.inputs) + "| " + input_hashes(model_b.inputs);
  Comparison& c = s.head;
  c.name_a = model_a.name, c.name_b = model_b.name, c.confidence = confidence;
  const std::vector<std::string> names_a = scope_names(model_a), names_b = scope_names(model_b);
  for (const auto& [sa, sb] : match(names_a, names_b, c.only_in_a, c.only_in_b)) {
    ScopeSums& sums = s.scopes.emplace_back();
    sums.a = sa, sums.b = sb, sums.name = names_a[sa];
  }
  for (const auto& [la, lb] : match(model_a.slas, model_b.slas, c.only_in_a, c.only_in_b)) {
    SlaSums& sums = s.slas.emplace_back();
    sums.a = la, sums.b = lb;
    sums.name = model_a.slas[la].name, sums.currency = model_a.slas[la].currency;
    sums.credit_schedule = model_a.slas[la].has_credits() && model_b.slas[lb].has_credits();
  }
  s.costs = cost_sums(model_a, model_b);
  for (CostSums& cost : s.costs)
    for (const SlaSums& sla : s.slas)
      cost.credit_schedule =
          cost.credit_schedule || (sla.credit_schedule && sla.currency == cost.currency);
}

CompareBuilder::CompareBuilder(std::unique_ptr<State> state) : state_(std::move(state)) {}
CompareBuilder::~CompareBuilder() = default;
CompareBuilder::CompareBuilder(CompareBuilder&&) noexcept = default;
CompareBuilder& CompareBuilder::operator=(CompareBuilder&&) noexcept = default;

void CompareBuilder::add(const RunResults& a, const RunResults& b) {
  State& s = *state_;
  Comparison& head = s.head;
  if (!s.model_a) throw std::invalid_argument("compare: a loaded comparison cannot add trials");
  if (a.trials != b.trials || a.first_trial != b.first_trial || a.seed != b.seed)
    throw std::invalid_argument(
        "compare: both designs must run the same trials with the same seed");
  if (head.trials > 0 && (a.seed != head.seed || a.first_trial != s.ranges.back().end()))
    throw std::invalid_argument("compare: batches must follow each other with the same seed");
  if (head.trials == 0) head.seed = a.seed, s.ranges.push_back({a.first_trial, 0});
  head.trials += a.trials;
  s.ranges.back().count += a.trials;
  for (ScopeSums& scope : s.scopes) add_scope(scope, a, b);
  for (SlaSums& sla : s.slas) add_sla(sla, *s.model_a, a, *s.model_b, b);
  for (CostSums& cost : s.costs) add_cost(cost, s.slas, *s.model_a, a, *s.model_b, b);
}

void CompareBuilder::merge(const CompareBuilder& other) {
  State& s = *state_;
  const State& o = *other.state_;
  if (o.head.trials == 0) return;
  if (const std::string why = compare_conflict(s, o); !why.empty())
    throw std::invalid_argument("comparisons cannot be merged: " + why);
  if (s.head.trials == 0) s.head.seed = o.head.seed;
  std::vector<TrialRange> all = s.ranges;
  all.insert(all.end(), o.ranges.begin(), o.ranges.end());
  s.ranges = join_ranges(std::move(all));
  s.head.trials += o.head.trials;
  for (std::size_t i = 0; i < s.scopes.size(); ++i) s.scopes[i].merge(o.scopes[i]);
  for (std::size_t i = 0; i < s.slas.size(); ++i) s.slas[i].merge(o.slas[i]);
  for (std::size_t i = 0; i < s.costs.size(); ++i) s.costs[i].saved.merge(o.costs[i].saved);
}

const std::vector<TrialRange>& CompareBuilder::ranges() const {
  return state_->ranges;
}

std::string CompareBuilder::save() const {
  return archive::save_state(*state_);
}

CompareBuilder CompareBuilder::load(std::string_view bytes) {
  auto state = archive::load_state<State>(bytes, "comparison");
  const State& s = *state;
  const std::optional<std::uint64_t> trials = trials_in(s.ranges);
  if (!trials) throw std::invalid_argument("malformed comparison state: trial ranges overlap");
  if (*trials != s.head.trials || !(s.confidence > 0.0 && s.confidence < 1.0))
    throw std::invalid_argument("malformed comparison state: the trials do not add up");
  return CompareBuilder(std::move(state));
}

Comparison CompareBuilder::finish() const {
  const State& s = *state_;
  if (s.head.trials < 2) throw std::invalid_argument("compare: at least two trials are needed");
  Comparison c = s.head;
  const double confidence = s.confidence;
  for (const ScopeSums& sums : s.scopes) {
    ScopeComparison& row = c.scopes.emplace_back();
    row.name = sums.name;
    row.availability = sums.availability.summary(confidence);
    row.downtime_per_year = sums.downtime.summary(confidence);
    row.degraded_per_year = sums.degraded.summary(confidence);
    row.outages_per_year = sums.outages.summary(confidence);
    row.longest_outage = sums.longest.summary(confidence);
    row.outage_duration = sums.duration.summary(confidence);
    row.outage_ttd = sums.ttd.summary(confidence);
  }
  for (const SlaSums& sums : s.slas) c.slas.push_back(sla_comparison(sums, confidence));
  for (const CostSums& sums : s.costs) c.costs.push_back(cost_comparison(sums, confidence));
  c.verdict = verdict(c);
  return c;
}

Comparison compare(const CompiledModel& model_a, const RunResults& a, const CompiledModel& model_b,
                   const RunResults& b, double confidence) {
  CompareBuilder builder(model_a, model_b, confidence);
  builder.add(a, b);
  return builder.finish();
}

Comparison compare_designs(const CompiledModel& model_a, const CompiledModel& model_b,
                           const RunConfig& config, double confidence) {
  return compare_in_batches(model_a, model_b, config, confidence).finish();
}

CompareBuilder compare_in_batches(const CompiledModel& model_a, const CompiledModel& model_b,
                                  const RunConfig& config, double confidence) {
  CompareBuilder builder(model_a, model_b, confidence);
  RunConfig run = config;
  const std::uint64_t batch =
      std::min(streaming_batch(model_a, run), streaming_batch(model_b, run));
  const auto report = config.on_progress;
  for (std::uint64_t done = 0; done < config.trials; done += run.trials) {
    run.first_trial = config.first_trial + done;
    run.trials = std::min(batch, config.trials - done);
    // Progress counts both designs' trials: A's batch, then B's.
    const auto progress = [&report](std::uint64_t before) {
      return [&report, before](std::uint64_t n) { report(before + n); };
    };
    if (report) run.on_progress = progress(2 * done);
    const RunResults a = simulate(model_a, run);
    if (report) run.on_progress = progress(2 * done + run.trials);
    const RunResults b = simulate(model_b, run);
    builder.add(a, b);
  }
  return builder;
}

}  // namespace reliasim
