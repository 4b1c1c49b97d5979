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

struct FmeaRow {
  FailureModeInfo info;
  Index index = 0;  // into model.failure_modes
  Interval incidents_per_year;
  Interval downtime_per_year;                   // seconds, user-facing, in the worksheet's scope
  double downtime_share = 0.0;                  // of all downtime attributed there
  std::vector<CurrencyAmount> credit_per_year;  // per currency of the worksheet, in its order
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
  Importance importance;  // for the worksheet's scope
};

struct FmeaWorksheet {
  std::string scope;  // where downtime and importance are measured: the first journey
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  std::uint64_t events = 0;
  double confidence = 0.95;
  Interval scope_downtime_per_year;                 // seconds
  std::vector<std::string> currencies;              // of the SLAs, in order of first use
  std::vector<CurrencyAmount> credit_per_year;      // all SLAs together, per currency
  std::vector<CurrencyAmount> unattributed_credit;  // per year, caused by no failure mode
  std::vector<std::string> importance_assumptions;  // what the structure function leaves out
  FmeaBands bands;
  std::vector<FmeaRow> rows;  // by downtime, then by credit (currencies in order), largest first
};

// Builds the worksheet from consecutive batches of trials (as SummaryBuilder does, which it
// uses). The runs must set RunConfig::sla_attribution (add() throws std::invalid_argument
// otherwise, for a model with SLAs) and keep incidents for detection and TTD.
class FmeaBuilder {
 public:
  FmeaBuilder(const CompiledModel& model, bool exact_quantiles, FmeaBands bands = {},
              double confidence = 0.95);
  ~FmeaBuilder();
  FmeaBuilder(FmeaBuilder&&) noexcept;
  FmeaBuilder& operator=(FmeaBuilder&&) noexcept;
  void add(const RunResults& batch);
  // Throws std::invalid_argument for fewer than two trials.
  [[nodiscard]] FmeaWorksheet finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

[[nodiscard]] FmeaWorksheet fmea_worksheet(const RunResults& results, const CompiledModel& model,
                                           const FmeaBands& bands = {}, double confidence = 0.95);

}  // namespace reliasim
