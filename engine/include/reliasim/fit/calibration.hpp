#pragma once
// From an incident history to fitted scenario figures (docs/fit.md): per group, the incident
// rate with its exact Poisson interval, and for each stage of the lifecycle the censored
// durations, every family's maximum-likelihood fit ranked by AIC, and its goodness of fit.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/fit/duration_sample.hpp"
#include "reliasim/fit/goodness_of_fit.hpp"
#include "reliasim/fit/incident_history.hpp"
#include "reliasim/fit/maximum_likelihood.hpp"
#include "reliasim/stats/interval.hpp"

namespace reliasim::fit {

// Stages the scenario format simulates (detect = TTD, engage = TTA, mitigate = T3 - T2,
// repair = T4 - T3) and the two totals people quote (TTM = T3 - T0, TTR = T4 - T0).
enum class Stage { detect, engage, mitigate, repair, ttm, ttr };
inline constexpr std::array<Stage, 6> all_stages{Stage::detect, Stage::engage, Stage::mitigate,
                                                 Stage::repair, Stage::ttm,    Stage::ttr};
[[nodiscard]] std::string_view to_string(Stage stage);    // "detect", ..., "TTM", "TTR"
[[nodiscard]] std::string_view description(Stage stage);  // "T1 - T0: time to detect"

struct FamilyResult {
  Family family = Family::exponential;
  FitOutcome outcome;
  std::optional<GoodnessOfFit> goodness;  // with the fit
  double delta_aic = 0.0;                 // AIC minus the best family's
};

struct StageFit {
  Stage stage = Stage::detect;
  bool recorded = true;  // false: the export lacks a time this stage needs
  DurationSample sample;
  std::size_t missing = 0;             // incidents without this stage's timestamps
  std::optional<Interval> median;      // of the data (Kaplan-Meier when censored)
  std::vector<FamilyResult> families;  // in order of AIC, fitted ones first
  [[nodiscard]] const FamilyResult* best() const;
};

struct GroupFit {
  std::string name;  // the group's value ("all" for one group)
  std::size_t incidents = 0;
  std::size_t open = 0;
  Interval rate_per_year;  // exact Poisson interval
  std::vector<StageFit> stages;
  std::vector<std::string> warnings;
  [[nodiscard]] const StageFit& stage(Stage stage) const;
};

struct FitSettings {
  std::vector<Family> families{all_families.begin(), all_families.end()};
  int resamples = 999;  // bootstrap samples per goodness-of-fit test
  std::uint64_t seed = 1;
  double confidence = 0.95;
  std::size_t few = 10;  // fewer ended durations than this get a warning
};

struct Calibration {
  std::string source;
  std::string sha256;
  std::string group_by;
  double period_start = 0.0;
  double period_end = 0.0;
  bool has_column[stamp_count] = {};
  FitSettings settings;
  std::vector<GroupFit> groups;
};

// Every family of `settings` fitted to `sample`, with its goodness of fit from `seed`'s
// bootstrap, in order of AIC (fitted ones first) with each one's AIC less the best one's.
// Throws std::invalid_argument for settings out of range, as calibrate does.
[[nodiscard]] std::vector<FamilyResult> fit_families(const DurationSample& sample,
                                                     const FitSettings& settings,
                                                     std::uint64_t seed);

// The durations of one stage over a group's incidents, censored as docs/fit.md says.
[[nodiscard]] DurationSample stage_sample(const IncidentHistory& history,
                                          const std::vector<const IncidentRecord*>& incidents,
                                          Stage stage, std::size_t* missing = nullptr);

// Whether the export has the times `stage` needs (docs/fit.md, Which times an export has).
[[nodiscard]] bool recorded(const IncidentHistory& history, Stage stage);

// Throws std::invalid_argument for settings out of range (no family, resamples < 0,
// confidence outside (0, 1)).
[[nodiscard]] Calibration calibrate(const IncidentHistory& history, const FitSettings& settings);

}  // namespace reliasim::fit
