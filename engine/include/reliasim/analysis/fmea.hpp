#pragma once
// The FMEA worksheet (docs/fmea.md): one row per failure mode with the risk the
// simulation measured (user-facing downtime, SLA credit, incidents), the classic 1-10
// Severity, Occurrence and Detection scores derived from it through configurable band tables,
// RPN, the AIAG-VDA 2019 Action Priority, and importance measures from the analytic structure
// function. Rows are ranked by simulated risk, never by RPN. docs/fmea.md explains every
// default and why it was chosen.

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/analytic/structure.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/results.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim {

enum class ActionPriority : std::uint8_t { low, medium, high };

// 'H', 'M' or 'L'.
[[nodiscard]] char priority_letter(ActionPriority priority);

// The AIAG-VDA 2019 Action Priority table (docs/fmea.md): 318 H, 214 M and 468 L
// over the 1000 combinations. Throws std::invalid_argument for a score outside 1-10.
[[nodiscard]] ActionPriority action_priority(int severity, int occurrence, int detection);

inline constexpr double never_reached = std::numeric_limits<double>::infinity();

// Maps a value in real units to a 1-10 score through nine edges in increasing order: a value
// at or above edges[i] (and below edges[i + 1]) scores i + 2; below edges[0] it scores 1. With
// `falling` the scale is reversed (11 minus that): larger values are better. An edge of
// infinity (never_reached) is never reached, which caps the score. NaN (unknown) scores 10.
struct ScoreBands {
  std::array<double, 9> edges{};
  bool falling = false;
  [[nodiscard]] int score(double value) const;
};

// The band tables, with the defaults docs/fmea.md argues for.
struct FmeaBands {
  // Occurrence: incidents of the mode per year (all its sources together). 1 below one in a
  // century; 5 from one a year; 7 from monthly; 10 from about twice a week.
  ScoreBands occurrence{{0.01, 0.1, 0.3, 1.0, 4.0, 12.0, 24.0, 50.0, 100.0}};
  // Detection is the worse of two scores: the share of incidents an alert, canary or probe
  // detects (not a customer, not never) ...
  ScoreBands detection_probability{{0.25, 0.5, 0.65, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999}, true};
  // ... and the median TTD, seconds: 1 under a minute, 5 from 10 minutes, 10 over a day.
  ScoreBands detection_delay{{60, 120, 300, 600, 900, 1800, 3600, 4 * 3600, 86400}};
  // Severity is the worse of two scores: the end effect, the largest share of a scope's
  // requests that fail while one occurrence lasts on its own (a whole journey lost: 7) ...
  ScoreBands severity_impact{
      {1e-6, 0.01, 0.05, 0.2, 0.5, 0.99, never_reached, never_reached, never_reached}};
  // ... and the largest share of a scope's error budget per window one occurrence spends on
  // average (a fifth, the SRE Workbook's postmortem trigger: 8; the whole budget: 10).
  ScoreBands severity_budget{{0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0}};
  // The error budget of a scope no SLO or SLA names: 1 - default_target of default_window.
  double default_target = 0.999;
  double default_window = 30 * 86400.0;  // seconds
};

// Importance of a group of components (a failure mode's sources) for a structure's root; Q is
// the root's unavailability. Birnbaum is the sensitivity to the group's availability (every
// member moving together: the sum of the members' dA/dA_i); the others set the whole group
// perfect or failed at once. Worths are +infinity where a positive number is divided by
// zero; 0/0 gives the neutral value (FV 0, worths 1).
struct Importance {
  double birnbaum = 0.0;           // sum over members of A(i up) - A(i down)
  double fussell_vesely = 0.0;     // (Q - Q(group perfect)) / Q
  double achievement_worth = 1.0;  // RAW = Q(group failed) / Q
  double reduction_worth = 1.0;    // RRW = Q / Q(group perfect)
};

// One Importance per group. Exact (through solve()); zero-probability cases are decided on
// the structure itself, so an infinite worth is exactly that, not a rounding artefact.
[[nodiscard]] std::vector<Importance> importance(const analytic::Structure& structure, int root,
                                                 const std::vector<double>& availabilities,
                                                 const std::vector<std::vector<int>>& groups);

// Per failure mode and scope: the failing fraction of the scope while one occurrence of the
// mode lasts and nothing else is impaired, after failover (the classic FMEA end effect),
// averaged over the mode's sources and their alternatives. [mode][scope], scopes as in
// RunResults (journeys, then SLA / SLO services).
[[nodiscard]] std::vector<std::vector<double>> end_effects(const CompiledModel& model);

struct CurrencyAmount {
  std::string currency;  // empty when the SLA names none
  Interval amount;
};

// What the worksheet ranks its rows by, largest first (docs/fmea.md argues the default).
enum class FmeaRanking : std::uint8_t {
  budget,       // share of the row's scope's error budget the mode spends: down and degraded
  downtime,     // down time in the row's scope
  bad_minutes,  // bad time every SLA counts, under its own rule, all SLAs together
  credit,       // SLA credit, currency by currency
};

// "budget", "downtime", "bad-minutes" or "credit".
[[nodiscard]] const char* ranking_name(FmeaRanking ranking);
// The ranking of that name; throws std::invalid_argument naming the valid ones.
[[nodiscard]] FmeaRanking parse_ranking(const std::string& name);

// The scope name that asks for every scope: one row per failure mode and scope it affects.
inline constexpr const char* all_scopes = "all";

// Where the worksheet measures and how it ranks.
struct FmeaView {
  // A journey, or a service an SLA or SLO names (a journey first when both have the name);
  // all_scopes for every one of them; empty for the first journey (the first scope).
  std::string scope;
  FmeaRanking rank_by = FmeaRanking::budget;
};

// The scopes, as RunResults numbers them, that `scope` names (as FmeaView::scope). Throws
// std::invalid_argument listing the valid names when it names none.
[[nodiscard]] std::vector<Index> fmea_scopes(const CompiledModel& model, const std::string& scope);

// A scope the worksheet measures, and what all causes together cost it.
struct FmeaScope {
  std::string name;
  bool journey = true;
  Index index = 0;                     // as RunResults numbers scopes
  double error_budget_per_year = 0.0;  // seconds: (1 - target) of a year, target as for S
  Interval downtime_per_year;          // seconds
  Interval degraded_per_year;          // seconds: failing, not down
  Interval budget_burn;                // share of the error budget spent per year (1 = all)
};

struct FmeaRow {
  FailureModeInfo info;
  Index index = 0;    // into model.failure_modes
  std::string scope;  // where the measured columns below are measured
  bool runbook = false;
  Interval incidents_per_year;
  Interval downtime_per_year;   // seconds, user-facing, in the row's scope
  double downtime_share = 0.0;  // of all downtime attributed there
  Interval degraded_per_year;   // seconds the scope is degraded (not down) with the mode a cause
  // Share of the scope's error budget per year the mode spends: its share of the failing
  // fraction's integral (down counts its error, 1 for a journey lost), over
  // FmeaScope::error_budget_per_year. Can exceed 1.
  Interval budget_burn;
  std::vector<CurrencyAmount> credit_per_year;  // per currency of the worksheet, in its order
  std::vector<Interval> sla_bad_time;           // [sla]: seconds per year each SLA counts as bad
  std::vector<Interval> slo_burn;  // [slo]: share of its error budget per year the mode spends
  // Share of incidents detected by an alert, canary or probe; NaN when none occurred (the
  // score then comes from the configured detectors).
  double detection_probability = 0.0;
  Interval ttd_median;               // seconds; NaN when nothing was detected
  Interval ttr_median;               // seconds
  double impact_fraction = 0.0;      // largest end effect over the scopes
  double budget_per_incident = 0.0;  // largest share of an error budget one occurrence spends
  int severity = 1;
  int occurrence = 1;
  int detection = 10;
  int rpn = 10;  // S x O x D: shown, never used to rank
  ActionPriority priority = ActionPriority::low;
  Importance importance;  // for the row's scope
};

struct FmeaWorksheet {
  std::string scope;  // the scope's name, or all_scopes
  FmeaRanking rank_by = FmeaRanking::budget;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  std::uint64_t events = 0;
  double confidence = 0.95;
  std::vector<FmeaScope> scopes;                    // measured, in RunResults order
  Interval scope_downtime_per_year;                 // seconds, of the first of them
  std::vector<std::string> slas;                    // the columns of FmeaRow::sla_bad_time
  std::vector<std::string> slos;                    // the columns of FmeaRow::slo_burn
  std::vector<std::string> currencies;              // of the SLAs, in order of first use
  std::vector<CurrencyAmount> credit_per_year;      // all SLAs together, per currency
  std::vector<CurrencyAmount> unattributed_credit;  // per year, caused by no failure mode
  std::vector<std::string> importance_assumptions;  // what the structure function leaves out
  FmeaBands bands;
  // Largest first by rank_by, then budget, downtime and credit (currencies in order); with
  // all_scopes one row per failure mode and scope it affects (a mode affecting none: one row,
  // for the first scope).
  std::vector<FmeaRow> rows;
};

// Builds the worksheet from consecutive batches of trials (as SummaryBuilder does, which it
// uses). The runs must set RunConfig::sla_attribution (add() throws std::invalid_argument
// otherwise, for a model with SLAs) and keep incidents for detection and TTD.
class FmeaBuilder {
 public:
  // Throws std::invalid_argument when view.scope names no scope (fmea_scopes).
  FmeaBuilder(const CompiledModel& model, bool exact_quantiles, FmeaBands bands = {},
              double confidence = 0.95, FmeaView view = {});
  ~FmeaBuilder();
  FmeaBuilder(FmeaBuilder&&) noexcept;
  FmeaBuilder& operator=(FmeaBuilder&&) noexcept;
  void add(const RunResults& batch);
  // Throws std::invalid_argument for fewer than two trials.
  [[nodiscard]] FmeaWorksheet finish() const;
  // The run's summary, which the worksheet is built on: of the same trials.
  [[nodiscard]] const SummaryBuilder& summary() const;
  // Adds the trials of another builder of the same scenario and seed, none of which this one
  // has (ranges run apart, in any order). Throws std::invalid_argument as SummaryBuilder does.
  void merge(const FmeaBuilder& other);
  // The state as bytes (a streamed builder only, as SummaryBuilder::save), and back for the
  // model it was made from; load() throws std::invalid_argument for anything malformed.
  [[nodiscard]] std::string save() const;
  [[nodiscard]] static FmeaBuilder load(std::string_view bytes, const CompiledModel& model,
                                        FmeaBands bands = {}, double confidence = 0.95,
                                        FmeaView view = {});

 private:
  struct State;
  struct Saved;
  std::unique_ptr<State> state_;
};

[[nodiscard]] FmeaWorksheet fmea_worksheet(const RunResults& results, const CompiledModel& model,
                                           const FmeaBands& bands = {}, double confidence = 0.95,
                                           const FmeaView& view = {});

}  // namespace reliasim
