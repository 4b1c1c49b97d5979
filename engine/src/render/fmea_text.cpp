#include "fmea_text.hpp"

#include <cmath>
#include <cstdio>

namespace reliasim::fmea_text {
namespace {

// A number for a program to read (CSV): empty when undefined.
std::string plain(double value) {
  return std::isnan(value) ? std::string() : number("%.6g", value);
}

void add_interval(std::vector<std::string>& cells, const Interval& i, double scale, bool split,
                  const char* pattern) {
  if (!split) {
    cells.push_back(bounded(i, scale, pattern));
    return;
  }
  cells.push_back(plain(i.estimate * scale));
  cells.push_back(plain(i.lower * scale));
  cells.push_back(plain(i.upper * scale));
}

// As add_interval, but only the estimate when not split: a narrow column.
void add_estimate(std::vector<std::string>& cells, const Interval& i, double scale, bool split,
                  const char* pattern) {
  if (split)
    add_interval(cells, i, scale, split, pattern);
  else
    cells.push_back(number(pattern, i.estimate * scale));
}

void add_header(std::vector<std::string>& header, const std::string& name, bool split,
                bool interval) {
  header.push_back(name);
  if (split && interval) {
    header.push_back(name + "_lower");
    header.push_back(name + "_upper");
  }
}

}  // namespace

std::string worth(double value) {
  return number("%.4g", value);
}

std::string mode_name(const FailureModeInfo& info) {
  return (info.service.empty() ? std::string("common-cause") : info.service) + "/" + info.name;
}

namespace {

// The header up to the scores: identity, scope and runbook, then what was measured.
void measure_header(std::vector<std::string>& h, const FmeaWorksheet& sheet, bool split) {
  const int level = static_cast<int>(std::lround(100 * sheet.confidence));
  const std::string ci = " [" + std::to_string(level) + "% CI]";
  if (split) {
    h = {"rank", "service", "failure_mode", "cause", "effect", "common_cause", "scope", "runbook"};
    add_header(h, "incidents_per_year", true, true);
    add_header(h, "downtime_min_per_year", true, true);
    h.emplace_back("downtime_share");
    add_header(h, "degraded_min_per_year", true, true);
    add_header(h, "budget_burn", true, true);
    for (const auto& c : sheet.currencies)
      add_header(h, "credit_per_year_" + currency_label(c), true, true);
    for (const auto& sla : sheet.slas) add_header(h, "bad_min_per_year_" + sla, true, true);
    for (const auto& slo : sheet.slos) add_header(h, "budget_burn_" + slo, true, true);
    return;
  }
  h = {"#", "Service", "Failure mode", "Cause", "Effect", "Scope", "Runbook", "Incidents/y"};
  h.push_back("Downtime min/y" + ci);
  h.emplace_back("Share");
  h.emplace_back("Degraded min/y");
  h.push_back("Budget burn %" + ci);
  for (const auto& c : sheet.currencies) h.push_back("Credit " + currency_label(c) + "/y" + ci);
  for (const auto& sla : sheet.slas) h.push_back("Bad min/y " + sla);
  for (const auto& slo : sheet.slos) h.push_back("Burn % " + slo);
}

void measure_cells(std::vector<std::string>& cells, const FmeaRow& row, bool split) {
  cells.push_back(row.scope);
  cells.emplace_back(split ? (row.runbook ? "true" : "false") : (row.runbook ? "yes" : "no"));
  add_estimate(cells, row.incidents_per_year, 1.0, split, "%.3g");
  add_interval(cells, row.downtime_per_year, 1.0 / 60.0, split, "%.1f");
  cells.push_back(split ? plain(row.downtime_share)
                        : number("%.1f", 100.0 * row.downtime_share) + "%");
  add_estimate(cells, row.degraded_per_year, 1.0 / 60.0, split, "%.1f");
  add_interval(cells, row.budget_burn, split ? 1.0 : 100.0, split, "%.1f");
  for (const auto& credit : row.credit_per_year)
    add_interval(cells, credit.amount, 1.0, split, "%.0f");
  for (const Interval& bad : row.sla_bad_time) add_estimate(cells, bad, 1.0 / 60.0, split, "%.1f");
  for (const Interval& burn : row.slo_burn)
    add_estimate(cells, burn, split ? 1.0 : 100.0, split, "%.1f");
}

}  // namespace

std::string ranking_phrase(FmeaRanking ranking) {
  switch (ranking) {
    case FmeaRanking::budget: return "error-budget burn (down and degraded time alike)";
    case FmeaRanking::downtime: return "user-facing downtime";
    case FmeaRanking::bad_minutes: return "bad minutes as the SLAs count them";
    case FmeaRanking::credit: return "SLA credit";
  }
  return "";
}

std::string scope_phrase(const FmeaWorksheet& sheet) {
  if (sheet.scope == all_scopes) return "in every scope (one row per failure mode and scope)";
  return sheet.scope.empty() ? std::string() : "in " + sheet.scope;
}

namespace {

std::string scope_totals(const FmeaScope& scope) {
  const double target = 1.0 - scope.error_budget_per_year / seconds_per_year;
  return scope.name + ": down " + number("%.1f", scope.downtime_per_year.estimate / 60.0) +
         " min/y, degraded " + number("%.1f", scope.degraded_per_year.estimate / 60.0) +
         " min/y, " + number("%.1f", 100.0 * scope.budget_burn.estimate) +
         "% of its error budget at " + number("%.6g", 100.0 * target) + "%";
}

std::string amounts(const std::vector<CurrencyAmount>& list) {
  std::string out;
  for (const auto& a : list)
    out += (out.empty() ? "" : " + ") + number("%.0f", a.amount.estimate) + " " +
           currency_label(a.currency);
  return out.empty() ? std::string("none (no SLA with a credit schedule)") : out;
}

}  // namespace

std::vector<std::string> totals(const FmeaWorksheet& sheet) {
  std::vector<std::string> lines;
  for (const FmeaScope& scope : sheet.scopes) lines.push_back(scope_totals(scope));
  lines.push_back("SLA credit " + amounts(sheet.credit_per_year) + " per year, of which " +
                  amounts(sheet.unattributed_credit) + " no failure mode caused");
  return lines;
}

std::string importance_scope(const FmeaWorksheet& sheet) {
  return sheet.scopes.size() > 1 ? std::string("each row's scope") : sheet.scope;
}

Grid worksheet_grid(const FmeaWorksheet& sheet, bool split) {
  Grid grid;
  auto& h = grid.header;
  measure_header(h, sheet, split);
  if (split) {
    for (const char* name :
         {"detection_probability", "ttd_p50_min", "ttr_p50_min", "impact_fraction",
          "budget_per_incident", "severity", "occurrence", "detection", "rpn", "action_priority",
          "birnbaum", "fussell_vesely", "risk_achievement_worth", "risk_reduction_worth"})
      h.emplace_back(name);
  } else {
    for (const char* name :
         {"Auto-detected", "TTD p50 min", "TTR p50 min", "Impact", "Budget/incident", "S", "O", "D",
          "RPN", "AP", "Birnbaum", "FV", "RAW", "RRW"})
      h.emplace_back(name);
  }
  auto value = [split](const char* pattern, double x) {
    return split ? plain(x) : number(pattern, x);
  };
  std::size_t rank = 0;
  for (const FmeaRow& row : sheet.rows) {
    std::vector<std::string> cells{
        std::to_string(++rank),
        split || !row.info.common_cause ? row.info.service : std::string("common cause"),
        row.info.name, row.info.cause, row.info.effect};
    if (split) cells.emplace_back(row.info.common_cause ? "true" : "false");
    measure_cells(cells, row, split);
    cells.push_back(value("%.3f", row.detection_probability));
    cells.push_back(value("%.1f", row.ttd_median.estimate / 60.0));
    cells.push_back(value("%.1f", row.ttr_median.estimate / 60.0));
    cells.push_back(value("%.3f", row.impact_fraction));
    cells.push_back(value("%.3g", row.budget_per_incident));
    for (const int score : {row.severity, row.occurrence, row.detection, row.rpn})
      cells.push_back(std::to_string(score));
    cells.emplace_back(1, priority_letter(row.priority));
    cells.push_back(value("%.3g", row.importance.birnbaum));
    cells.push_back(value("%.3f", row.importance.fussell_vesely));
    cells.push_back(split ? plain(row.importance.achievement_worth)
                          : worth(row.importance.achievement_worth));
    cells.push_back(split ? plain(row.importance.reduction_worth)
                          : worth(row.importance.reduction_worth));
    grid.rows.push_back(std::move(cells));
  }
  return grid;
}

Grid bands_grid(const FmeaBands& bands) {
  Grid grid;
  grid.header = {"scale", "measures"};
  for (int score = 2; score <= 10; ++score) grid.header.push_back(std::to_string(score));
  auto add = [&](const char* scale, const char* measures, const ScoreBands& b, double unit,
                 const char* pattern) {
    std::vector<std::string> row{scale, measures};
    for (std::size_t i = 0; i < b.edges.size(); ++i) {
      // A falling scale reaches score s at edges[10 - s]: list edges by score.
      const double edge = b.falling ? b.edges[b.edges.size() - 1 - i] : b.edges[i];
      row.push_back(std::isinf(edge) ? std::string("never") : number(pattern, edge / unit));
    }
    grid.rows.push_back(std::move(row));
  };
  add("Occurrence", "incidents per year, at least", bands.occurrence, 1.0, "%g");
  add("Detection", "share detected by alert, canary or probe, below", bands.detection_probability,
      1.0, "%g");
  add("Detection", "median TTD in minutes, at least", bands.detection_delay, 60.0, "%g");
  add("Severity", "end effect: failing share of a scope's requests, at least",
      bands.severity_impact, 1.0, "%g");
  add("Severity", "share of an error budget one occurrence spends, at least", bands.severity_budget,
      1.0, "%g");
  return grid;
}

}  // namespace reliasim::fmea_text
