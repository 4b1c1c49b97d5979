#include <algorithm>
#include <cmath>
#include <set>

#include "page_style.hpp"
#include "reliasim/render/replay.hpp"
#include "reliasim/render/text_safety.hpp"
#include "replay_parts.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

using text_parts::number;

constexpr const char* page_style = RELIASIM_TABLE_PAGE_STYLE
    ".breached{color:#b00;font-weight:bold}"
    ".down{fill:#c0392b}.degraded{fill:#e67e22}.lane{fill:#f4f4f4}"
    "svg text{font-size:11px;fill:#333}";

// One lane per scope an SLA or SLO measures: its failing stretches over the period, red while
// down, orange while degraded (drawn at least a pixel wide, so that short ones show).
std::string timeline(const ReplayReport& r) {
  std::set<std::pair<bool, Index>> scopes;
  for (const auto& sla : r.model.slas) scopes.insert({sla.scope.journey, sla.scope.index});
  for (const auto& slo : r.model.slos) scopes.insert({slo.scope.journey, slo.scope.index});
  if (scopes.empty() || !(r.replay.period > 0.0)) return {};
  const double left = 220, width = 820, lane = 26;
  const double height = lane * static_cast<double>(scopes.size()) + 30;
  std::string out = "<svg role=\"img\" aria-label=\"timeline of the history\" width=\"" +
                    number("%.0f", left + width + 20) + "\" height=\"" + number("%.0f", height) +
                    "\">\n";
  double y = 5;
  for (const auto& [journey, index] : scopes) {
    const auto& segments = journey ? r.replay.journey_segments[static_cast<std::size_t>(index)]
                                   : r.replay.service_segments[static_cast<std::size_t>(index)];
    out += "<text x=\"4\" y=\"" + number("%.1f", y + 15) + "\">" +
           html_escape(replay_parts::scope_name(r.model, {journey, index})) + "</text>";
    out += "<rect class=\"lane\" x=\"" + number("%.1f", left) + "\" y=\"" + number("%.1f", y) +
           "\" width=\"" + number("%.1f", width) + "\" height=\"" + number("%.1f", lane - 6) +
           "\"/>\n";
    for (const auto& s : segments) {
      const double x = left + width * std::clamp(s.start / r.replay.period, 0.0, 1.0);
      const double w = std::max(1.0, width * (s.end - s.start) / r.replay.period);
      out += "<rect class=\"" + std::string(s.down ? "down" : "degraded") + "\" x=\"" +
             number("%.2f", x) + "\" y=\"" + number("%.1f", y) + "\" width=\"" + number("%.2f", w) +
             "\" height=\"" + number("%.1f", lane - 6) + "\"><title>" +
             html_escape(replay_parts::at(r, s.start) + " to " + replay_parts::at(r, s.end) + ", " +
                         number("%.0f", 100.0 * s.error) + " % failing") +
             "</title></rect>\n";
    }
    y += lane;
  }
  out += "<text x=\"" + number("%.1f", left) + "\" y=\"" + number("%.1f", y + 14) + "\">" +
         html_escape(replay_parts::at(r, 0.0)) + "</text><text x=\"" +
         number("%.1f", left + width - 150) + "\" y=\"" + number("%.1f", y + 14) + "\">" +
         html_escape(replay_parts::at(r, r.replay.period)) + "</text>\n</svg>\n";
  return out;
}

std::string sla_table(const ReplayReport& r, std::size_t l) {
  const SlaSpec& sla = r.model.slas[l];
  std::string out =
      "<table><thead><tr><th>window from</th><th>to</th><th>uptime</th>"
      "<th>bad minutes</th><th>breached</th><th>credit</th></tr></thead><tbody>\n";
  for (const auto& w : r.replay.slas[l].windows)
    out += "<tr><td>" + html_escape(replay_parts::at(r, w.start)) + "</td><td>" +
           html_escape(replay_parts::at(r, w.end)) + "</td><td>" +
           number("%.4f", 100.0 * w.uptime) + " %</td><td>" +
           number("%.1f", w.counted * (1.0 - w.uptime) / 60.0) + "</td><td" +
           (w.breached ? " class=\"breached\">yes" : ">no") + "</td><td>" +
           (sla.has_credits() ? html_escape(replay_parts::money(w.credit, sla.currency)) : "-") +
           "</td></tr>\n";
  return out + "</tbody></table>\n";
}

}  // namespace

std::string render_replay_html(const ReplayReport& r) {
  const CompiledModel& m = r.model;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>reliasim replay: " + html_escape(r.history_file) + "</title>\n";
  out += "<style>" + std::string(page_style) + "</style>\n</head>\n<body>\n";
  out += "<h1>History against the contracts</h1>\n<p class=\"record\">" +
         html_escape(replay_parts::source_line(r)) + ". reliasim " RELIASIM_VERSION ".</p>\n";
  for (std::size_t c = 0; c < r.replay.currencies.size(); ++c)
    out +=
        "<p>Credits in all: <strong>" +
        html_escape(replay_parts::money(r.replay.credit_by_currency[c], r.replay.currencies[c])) +
        "</strong>.</p>\n";
  out += "<h2>Timeline</h2>\n" + timeline(r);
  if (r.odds) {
    out += "<h2>Beside the simulation</h2>\n<ul>\n";
    for (std::size_t c = 0; c < r.odds->currencies.size(); ++c)
      out += "<li>Credits " +
             html_escape(
                 replay_parts::money(r.odds->history_credit_per_year[c], r.odds->currencies[c])) +
             " a year: a year like that or worse in " +
             html_escape(replay_parts::odds_text(r.odds->credit_at_least[c], r.odds->trials)) +
             ".</li>\n";
    for (std::size_t l = 0; l < m.slas.size(); ++l)
      out += "<li>SLA " + html_escape(m.slas[l].name) + ": as many breached windows or more in " +
             html_escape(replay_parts::odds_text(r.odds->breaches_at_least[l], r.odds->trials)) +
             ".</li>\n";
    out += "</ul>\n";
  }
  for (std::size_t l = 0; l < m.slas.size(); ++l) {
    const SlaSpec& sla = m.slas[l];
    out += "<h2>SLA " + html_escape(sla.name) + "</h2>\n<p>" +
           html_escape(replay_parts::scope_name(m, sla.scope)) + ", target " +
           number("%.4f", 100.0 * sla.target) + " %: " + std::to_string(r.replay.slas[l].breaches) +
           " breached windows" +
           (sla.has_credits() ? ", credits " + html_escape(replay_parts::money(
                                                   r.replay.slas[l].credit, sla.currency))
                              : std::string()) +
           ".</p>\n" + sla_table(r, l);
  }
  for (std::size_t l = 0; l < m.slos.size(); ++l) {
    const auto& slo = r.replay.slos[l];
    double worst = 0.0;
    for (const double used : slo.used) worst = std::max(worst, used);
    out += "<h2>SLO " + html_escape(m.slos[l].name) + "</h2>\n<p>Error budget spent up to " +
           number("%.1f", 100.0 * worst) + " % in a window; " + std::to_string(slo.exhausted) +
           " of " + std::to_string(slo.used.size()) + " windows exhausted it.</p>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace reliasim
