#include <stdexcept>

#include "fit_parts.hpp"
#include "reliasim/render/fit.hpp"
#include "reliasim/render/text_safety.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

using text_parts::number;

std::string interval_text(const Interval& i, bool duration) {
  auto one = [&](double v) {
    return duration ? (v == v ? scenario_duration(v) : std::string("-")) : number("%.3g", v);
  };
  return one(i.estimate) + " [" + one(i.lower) + ", " + one(i.upper) + "]";
}

std::string parameters_text(const fit::DistributionFit& fit) {
  std::string text;
  for (const auto& p : fit.parameters)
    text += (text.empty() ? "" : ", ") + p.name + " " + interval_text(p.value, p.is_duration);
  return text;
}

void stage_lines(const fit::StageFit& stage, std::vector<std::vector<std::string>>& lines) {
  const std::string name(fit::to_string(stage.stage));
  if (!stage.recorded) {
    lines.push_back({name, "not in the export", "", "", "", "", "", "", "", ""});
    return;
  }
  const std::string count =
      std::to_string(stage.sample.size()) +
      (stage.sample.right_censored.empty()
           ? ""
           : " (" + std::to_string(stage.sample.right_censored.size()) + " open)");
  const std::string median = stage.median ? interval_text(*stage.median, true) : "-";
  bool first = true;
  for (const auto& family : stage.families) {
    std::vector<std::string> line{
        first ? name : "", first ? count : "", first ? median : "",
        std::string(fit::to_string(family.family)) + (first && family.outcome.fit ? " *" : "")};
    if (!family.outcome.fit) {
      line.push_back("not fitted: " + family.outcome.problem);
      line.resize(10);
    } else {
      const auto& fit = *family.outcome.fit;
      line.push_back(parameters_text(fit));
      line.push_back(interval_text(fit.summaries[0].value, true));
      line.push_back(interval_text(fit.summaries[1].value, true));
      line.push_back(number("%.1f", family.delta_aic));
      const auto& g = *family.goodness;
      line.push_back(number("%.3f", g.kolmogorov_smirnov) + " p " +
                     number("%.3f", g.kolmogorov_smirnov_p));
      line.push_back(number("%.3f", g.anderson_darling) + " p " +
                     number("%.3f", g.anderson_darling_p));
    }
    lines.push_back(std::move(line));
    first = false;
  }
}

}  // namespace

std::string render_fit_table(const fit::Calibration& c) {
  std::string out = "reliasim fit: " + one_line(fit_parts::source_line(c)) + "\n";
  out +=
      "Stages: detect = T1 - T0 (TTD), engage = T2 - T1 (TTA), mitigate = T3 - T2, repair = "
      "T4 - T3; TTM = T3 - T0, TTR = T4 - T0.\n";
  out += "Intervals are " + number("%g", 100 * c.settings.confidence) +
         " %; * marks the family with the lowest AIC; p-values from " +
         std::to_string(c.settings.resamples) + " parametric bootstrap samples (docs/fit.md).\n";
  for (const auto& group : c.groups) {
    out += "\n" + one_line(group.name) + ": " + std::to_string(group.incidents) + " incidents" +
           (group.open ? " (" + std::to_string(group.open) + " open)" : "") + ", " +
           number("%.3g", group.rate_per_year.estimate) + " a year [" +
           number("%.3g", group.rate_per_year.lower) + ", " +
           number("%.3g", group.rate_per_year.upper) + "]\n";
    std::vector<std::vector<std::string>> lines{
        {"stage", "n", "data median", "family", "parameters", "median", "p95", "dAIC", "KS", "AD"}};
    for (const auto& stage : group.stages) stage_lines(stage, lines);
    out += text_parts::aligned(lines);
    for (const auto& warning : group.warnings) out += "  warning: " + one_line(warning) + "\n";
  }
  return out;
}

std::string render_fit(const fit::Calibration& calibration, const std::string& format,
                       bool blocks_only) {
  if (format == "table") return render_fit_table(calibration);
  if (format == "json") return render_fit_json(calibration);
  if (format == "html") return render_fit_html(calibration);
  if (format == "yaml") return render_fit_scenario(calibration, blocks_only);
  throw std::invalid_argument("unknown format '" + format + "': use table, json, html or yaml");
}

}  // namespace reliasim
