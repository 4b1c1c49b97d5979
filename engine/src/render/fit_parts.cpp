#include "fit_parts.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "reliasim/render/fit.hpp"
#include "text_parts.hpp"

namespace reliasim {

std::string scenario_duration(double seconds) {
  if (std::isnan(seconds)) return "-";
  if (std::isinf(seconds)) return seconds > 0 ? "inf" : "-inf";
  struct Unit {
    const char* name;
    double seconds;
    double below;
  };
  static constexpr Unit units[] = {
      {"s", 1.0, 120.0}, {"m", 60.0, 7200.0}, {"h", 3600.0, 172800.0}, {"d", 86400.0, INFINITY}};
  for (const auto& unit : units)
    if (seconds < unit.below) {
      const double value = seconds / unit.seconds;
      char text[48];
      std::snprintf(text, sizeof text, value >= 1e4 ? "%.0f%s" : "%.4g%s", value, unit.name);
      return text;
    }
  return "0s";
}

namespace fit_parts {

std::string utc_time(double epoch_seconds) {
  const auto t = static_cast<std::time_t>(std::floor(epoch_seconds));
  std::tm parts{};
  gmtime_r(&t, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &parts);
  return text;
}

std::string source_line(const fit::Calibration& c) {
  std::size_t incidents = 0;
  for (const auto& group : c.groups) incidents += group.incidents;
  const double days = (c.period_end - c.period_start) / 86400.0;
  return c.source + " (sha256:" + c.sha256 + "), " + std::to_string(incidents) +
         " incidents from " + utc_time(c.period_start) + " to " + utc_time(c.period_end) + " (" +
         text_parts::number("%.1f", days) + " days)" +
         (c.group_by.empty() ? std::string(", one group") : ", grouped by " + c.group_by);
}

std::string distribution_text(const fit::DistributionFit& fit) {
  std::string text = std::string(fit::to_string(fit.family)) + ": {";
  bool first = true;
  for (const auto& parameter : fit.parameters) {
    if (fit.family == fit::Family::gamma && parameter.name == "mean") continue;
    text += (first ? "" : ", ") + parameter.name + ": " +
            (parameter.is_duration ? scenario_duration(parameter.value.estimate)
                                   : text_parts::number("%.4g", parameter.value.estimate));
    first = false;
  }
  return text + "}";
}

std::string quality_text(const fit::StageFit& stage) {
  const auto& s = stage.sample;
  std::string text = "n " + std::to_string(s.size());
  std::string notes;
  if (!s.right_censored.empty()) notes += std::to_string(s.right_censored.size()) + " open";
  if (!s.left_censored.empty())
    notes += (notes.empty() ? "" : ", ") + std::to_string(s.left_censored.size()) + " at most " +
             scenario_duration(s.resolution);
  if (!notes.empty()) text += " (" + notes + ")";
  if (const auto* best = stage.best(); best && best->goodness && best->goodness->resamples > 0)
    text += ", KS p " + text_parts::number("%.2f", best->goodness->kolmogorov_smirnov_p) +
            ", AD p " + text_parts::number("%.2f", best->goodness->anderson_darling_p);
  return text;
}

}  // namespace fit_parts
}  // namespace reliasim
