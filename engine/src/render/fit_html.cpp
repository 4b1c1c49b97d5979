#include <algorithm>

#include "fit_parts.hpp"
#include "page_style.hpp"
#include "reliasim/render/fit.hpp"
#include "reliasim/render/text_safety.hpp"
#include "svg_chart.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

using text_parts::number;

constexpr const char* page_style = RELIASIM_TABLE_PAGE_STYLE
    ".charts{display:flex;flex-wrap:wrap;gap:1em}"
    ".best{font-weight:bold}.warning{color:#a40}";

// The Kaplan-Meier steps against the fitted distribution function, durations in minutes.
std::string cdf_chart(const fit::StageFit& stage, const fit::DistributionFit& best,
                      const std::string& title) {
  svg::LineChart chart;
  chart.frame = {title + ": distribution", 520, 300};
  chart.x = {"duration (minutes)", true, {}, "", NAN, NAN};
  chart.y = {"share ended by then (%)", false, {}, "", 0.0, 100.0};
  svg::LineSeries data, fitted;
  for (const auto& step : fit::kaplan_meier(stage.sample))
    for (const double level : {step.below, step.at}) {
      chart.xs.push_back(step.time / 60.0);
      data.estimate.push_back(100.0 * level);
      fitted.estimate.push_back(100.0 * fit::cdf(best.distribution, step.time));
    }
  data.line_label = "data (Kaplan-Meier)";
  fitted.line_label = "fitted " + std::string(fit::to_string(best.family));
  fitted.style = "second";
  chart.series = {std::move(data), std::move(fitted)};
  return svg::line_chart(chart);
}

// Each ended duration against the fitted quantile at its Kaplan-Meier plotting position.
std::string qq_chart(const fit::StageFit& stage, const fit::DistributionFit& best,
                     const std::string& title) {
  svg::LineChart chart;
  chart.frame = {title + ": QQ plot", 520, 300};
  chart.x = {"fitted quantile (minutes)", true, {}, "", NAN, NAN};
  chart.y = {"data (minutes)", true, {}, "", NAN, NAN};
  svg::LineSeries data, diagonal;
  for (const auto& step : fit::kaplan_meier(stage.sample)) {
    const double p = 0.5 * (step.below + step.at);
    const double q = fit::quantile(best.distribution, p) / 60.0;
    chart.xs.push_back(q);
    data.estimate.push_back(step.time / 60.0);
    diagonal.estimate.push_back(q);
  }
  data.line_label = "data";
  diagonal.line_label = "y = x (a perfect fit)";
  diagonal.style = "second";
  chart.series = {std::move(data), std::move(diagonal)};
  return svg::line_chart(chart);
}

std::string cell(const std::string& text, bool best = false) {
  return std::string(best ? "<td class=\"best\">" : "<td>") + html_escape(text) + "</td>";
}

std::string interval_cell(const Interval& i, bool duration) {
  auto one = [&](double v) { return duration ? scenario_duration(v) : number("%.3g", v); };
  return cell(one(i.estimate) + " [" + one(i.lower) + ", " + one(i.upper) + "]");
}

std::string stage_section(const fit::GroupFit& group, const fit::StageFit& stage) {
  const std::string name(fit::to_string(stage.stage));
  std::string out =
      "<h3>" + html_escape(name) + ": " + html_escape(fit::description(stage.stage)) + "</h3>\n";
  if (!stage.recorded) return out + "<p>Not in the export.</p>\n";
  out += "<p>" + html_escape(fit_parts::quality_text(stage)) + "; median of the data " +
         (stage.median ? html_escape(scenario_duration(stage.median->estimate)) : "-") + ".</p>\n";
  out +=
      "<table><thead><tr><th>family</th><th>parameters</th><th>median</th><th>p95</th>"
      "<th>&Delta;AIC</th><th>KS (p)</th><th>AD (p)</th></tr></thead><tbody>\n";
  for (const auto& family : stage.families) {
    const bool best = &family == stage.best();
    out += "<tr>" + cell(std::string(fit::to_string(family.family)), best);
    if (!family.outcome.fit) {
      out +=
          "<td colspan=\"6\">not fitted: " + html_escape(family.outcome.problem) + "</td></tr>\n";
      continue;
    }
    const auto& fit = *family.outcome.fit;
    std::string parameters;
    for (const auto& p : fit.parameters)
      parameters +=
          (parameters.empty() ? "" : ", ") + p.name + " " +
          (p.is_duration ? scenario_duration(p.value.estimate) : number("%.3g", p.value.estimate));
    const auto& g = *family.goodness;
    out += cell(parameters) + interval_cell(fit.summaries[0].value, true) +
           interval_cell(fit.summaries[1].value, true) + cell(number("%.1f", family.delta_aic)) +
           cell(number("%.3f", g.kolmogorov_smirnov) + " (" +
                number("%.3f", g.kolmogorov_smirnov_p) + ")") +
           cell(number("%.3f", g.anderson_darling) + " (" + number("%.3f", g.anderson_darling_p) +
                ")") +
           "</tr>\n";
  }
  out += "</tbody></table>\n";
  if (const auto* best = stage.best()) {
    const std::string title = group.name + " " + name;
    out += "<div class=\"charts\">" + cdf_chart(stage, *best->outcome.fit, title) +
           qq_chart(stage, *best->outcome.fit, title) + "</div>\n";
  }
  return out;
}

}  // namespace

std::string render_fit_html(const fit::Calibration& c) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>reliasim fit: " + html_escape(c.source) + "</title>\n";
  out += "<style>" + std::string(page_style) + svg::style() + "</style>\n</head>\n<body>\n";
  out += "<h1>Fitted incident durations</h1>\n<p class=\"record\">" +
         html_escape(fit_parts::source_line(c)) + ". reliasim " RELIASIM_VERSION ", seed " +
         std::to_string(c.settings.seed) + ".</p>\n";
  out +=
      "<p>Each stage is fitted by maximum likelihood (open incidents censored) with four "
      "families; the one with the lowest AIC is in bold. Intervals are " +
      number("%g", 100 * c.settings.confidence) +
      " %. KS and AD compare the data's "
      "Kaplan-Meier curve with the fit; their p-values come from " +
      std::to_string(c.settings.resamples) +
      " parametric bootstrap samples, each refitted: a small p-value says the family does "
      "not describe the data.</p>\n";
  for (const auto& group : c.groups) {
    out += "<h2>" + html_escape(group.name) + "</h2>\n<p>" + std::to_string(group.incidents) +
           " incidents (" + std::to_string(group.open) + " open), " +
           html_escape(number("%.3g", group.rate_per_year.estimate)) + " a year [" +
           html_escape(number("%.3g", group.rate_per_year.lower)) + ", " +
           html_escape(number("%.3g", group.rate_per_year.upper)) + "].</p>\n";
    for (const auto& warning : group.warnings)
      out += "<p class=\"warning\">Warning: " + html_escape(warning) + "</p>\n";
    for (const auto& stage : group.stages) out += stage_section(group, stage);
  }
  return out + "</body>\n</html>\n";
}

}  // namespace reliasim
