// A sensitivity analysis as a terminal tornado table and as CSV: one row per parameter,
// largest swing first, with the effect of setting it low and high.
#include <cmath>

#include "reliasim/render/fmea.hpp"
#include "reliasim/render/sensitivity.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

using text_parts::bounded;
using text_parts::number;

// A parameter's value in the unit people read it in: per year, minutes, or a probability.
std::string value_text(const Parameter& p, double value) {
  switch (p.kind) {
    case ParameterKind::rate: return number("%.3g", value) + "/y";
    case ParameterKind::duration: return number("%.3g", value / 60.0) + " min";
    case ParameterKind::probability: return number("%.3g", value);
  }
  return "";
}

std::string factor_text(double factor) {
  return "x" + number("%g", factor);
}

}  // namespace

std::string best_improvement(const Sensitivity& s) {
  const ParameterEffect* best = nullptr;
  for (const ParameterEffect& e : s.effects)
    if (e.downtime_low.upper < 0.0 &&
        (!best || e.downtime_low.estimate < best->downtime_low.estimate))
      best = &e;
  if (!best || !(s.low_factor < 1.0))
    return "No single improvement (x" + number("%g", s.low_factor) + ") cuts " + s.scope +
           " downtime distinguishably from noise.";
  const Interval& d = best->downtime_low;
  return "An improvement buys the most at " + best->parameter.label() + ": " +
         factor_text(s.low_factor) + " (" + value_text(best->parameter, best->parameter.baseline) +
         " -> " + value_text(best->parameter, best->low_value) + ") cuts " + s.scope +
         " downtime by " + number("%.1f", -d.estimate / 60.0) + " min/y [" +
         number("%.1f", -d.upper / 60.0) + ", " + number("%.1f", -d.lower / 60.0) + "].";
}

std::string render_sensitivity_table(const Sensitivity& s, const RunRecord& record) {
  const std::string credit = "credit/y " + text_parts::currency_label(s.currency);
  std::string out = "Sensitivity of " + s.scope + " downtime and SLA credit: each parameter " +
                    factor_text(s.low_factor) + " and " + factor_text(s.high_factor) +
                    " on common random numbers, largest swing first\n";
  out += "  baseline: " + s.scope + " down " + bounded(s.baseline_downtime, 1.0 / 60.0, "%.1f") +
         " min/y";
  if (!s.currency.empty()) out += ", " + credit + " " + bounded(s.baseline_credit, 1.0, "%.0f");
  out += "\n\n";
  std::vector<std::vector<std::string>> lines{{"#", "parameter", "baseline",
                                               "down min/y " + factor_text(s.low_factor),
                                               "down min/y " + factor_text(s.high_factor)}};
  if (!s.currency.empty()) {
    lines[0].push_back(credit + " " + factor_text(s.low_factor));
    lines[0].push_back(credit + " " + factor_text(s.high_factor));
  }
  for (std::size_t r = 0; r < s.effects.size(); ++r) {
    const ParameterEffect& e = s.effects[r];
    std::vector<std::string> line{std::to_string(r + 1), e.parameter.label(),
                                  value_text(e.parameter, e.parameter.baseline),
                                  bounded(e.downtime_low, 1.0 / 60.0, "%+.1f"),
                                  bounded(e.downtime_high, 1.0 / 60.0, "%+.1f")};
    if (!s.currency.empty()) {
      line.push_back(bounded(e.credit_low, 1.0, "%+.0f"));
      line.push_back(bounded(e.credit_high, 1.0, "%+.0f"));
    }
    lines.push_back(std::move(line));
  }
  out += text_parts::aligned(lines);
  out += "  Changes from the baseline with " +
         std::to_string(static_cast<int>(std::lround(100 * s.baseline_downtime.confidence))) +
         "% intervals. Probabilities are of the bad outcome (a missed detection, a failed\n"
         "  failover), capped at 1.\n\n" +
         best_improvement(s) + "\n\nrun: " + text_parts::record_line(record) + "\n";
  out += text_parts::command_line(record);
  return out;
}

std::string render_sensitivity_csv(const Sensitivity& s, const RunRecord& record) {
  std::string out = "# run: " + text_parts::record_line(record) + "\n";
  out +=
      "rank,owner,quantity,kind,baseline,low_value,high_value,downtime_low_s_per_year,"
      "downtime_low_lower,downtime_low_upper,downtime_high_s_per_year,downtime_high_lower,"
      "downtime_high_upper,credit_low_per_year,credit_low_lower,credit_low_upper,"
      "credit_high_per_year,credit_high_lower,credit_high_upper,currency\n";
  const auto plain = [](double v) { return std::isnan(v) ? std::string() : number("%.6g", v); };
  const auto bounds = [&](const Interval& i) {
    return plain(i.estimate) + "," + plain(i.lower) + "," + plain(i.upper);
  };
  for (std::size_t r = 0; r < s.effects.size(); ++r) {
    const ParameterEffect& e = s.effects[r];
    out += std::to_string(r + 1) + "," + csv_field(e.parameter.owner) + "," +
           csv_field(e.parameter.quantity) + "," + std::string(to_string(e.parameter.kind)) + "," +
           plain(e.parameter.baseline) + "," + plain(e.low_value) + "," + plain(e.high_value) +
           "," + bounds(e.downtime_low) + "," + bounds(e.downtime_high) + "," +
           bounds(e.credit_low) + "," + bounds(e.credit_high) + "," + csv_field(s.currency) + "\n";
  }
  return out;
}

}  // namespace reliasim
