#include <stdexcept>

#include "reliasim/render/replay.hpp"
#include "reliasim/render/text_safety.hpp"
#include "replay_parts.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

using replay_parts::at;
using text_parts::number;

std::string percent(double share) {
  return number("%.4f", 100.0 * share) + " %";
}

}  // namespace

std::string render_replay_table(const ReplayReport& r) {
  const CompiledModel& m = r.model;
  std::string out = "reliasim replay: " + one_line(replay_parts::source_line(r)) + "\n";
  out += "Each SLA measured on what happened, by its own rule and exclusions (docs/replay.md).\n";
  for (std::size_t l = 0; l < m.slas.size(); ++l) {
    const SlaSpec& sla = m.slas[l];
    const ReplayedSla& replayed = r.replay.slas[l];
    out += "\nSLA " + one_line(sla.name) +
           (sla.customer.empty() ? "" : " (" + one_line(sla.customer) + ")") + ", " +
           one_line(replay_parts::scope_name(m, sla.scope)) + ", target " + percent(sla.target) +
           ": " + std::to_string(replayed.breaches) + " of " +
           std::to_string(replayed.windows.size()) + " windows breached" +
           (sla.has_credits() ? ", credits " + replay_parts::money(replayed.credit, sla.currency)
                              : std::string(", no credit schedule")) +
           "\n";
    std::vector<std::vector<std::string>> lines{
        {"window from", "to", "uptime", "bad time", "counted", "breached", "credit"}};
    for (const auto& w : replayed.windows) {
      const double bad = w.counted * (1.0 - w.uptime);
      lines.push_back({at(r, w.start), at(r, w.end), percent(w.uptime),
                       text_parts::number("%.1f", bad / 60.0) + " min",
                       text_parts::number("%.2f", w.counted / 86400.0) + " d",
                       w.breached ? "yes" : "no",
                       sla.has_credits() ? replay_parts::money(w.credit, sla.currency) : "-"});
    }
    out += text_parts::aligned(lines);
  }
  for (std::size_t c = 0; c < r.replay.currencies.size(); ++c)
    out += "\nCredits in all, " + text_parts::currency_label(r.replay.currencies[c]) + ": " +
           replay_parts::money(r.replay.credit_by_currency[c], r.replay.currencies[c]) + "\n";
  for (std::size_t l = 0; l < m.slos.size(); ++l) {
    const ReplayedSlo& slo = r.replay.slos[l];
    double worst = 0.0;
    for (const double used : slo.used) worst = std::max(worst, used);
    out += "\nSLO " + one_line(m.slos[l].name) + ", " +
           one_line(replay_parts::scope_name(m, m.slos[l].scope)) + ", target " +
           percent(m.slos[l].target) + ": error budget spent up to " +
           number("%.1f", 100.0 * worst) + " % in a window; " + std::to_string(slo.exhausted) +
           " of " + std::to_string(slo.used.size()) + " windows exhausted it\n";
  }
  if (r.odds) {
    out += "\nBeside the simulation (per year, " + std::to_string(r.odds->trials) +
           " trials, seed " + std::to_string(r.seed) + "):\n";
    for (std::size_t c = 0; c < r.odds->currencies.size(); ++c)
      out += "  credits " +
             replay_parts::money(r.odds->history_credit_per_year[c], r.odds->currencies[c]) +
             " a year; a year like that or worse: " +
             replay_parts::odds_text(r.odds->credit_at_least[c], r.odds->trials) + "\n";
    for (std::size_t l = 0; l < m.slas.size(); ++l)
      out += "  SLA " + one_line(m.slas[l].name) + ": as many breached windows or more: " +
             replay_parts::odds_text(r.odds->breaches_at_least[l], r.odds->trials) + "\n";
  }
  if (m.slas.empty() && m.slos.empty()) out += "\nThe scenario has no SLA or SLO to measure.\n";
  return out;
}

std::string render_replay_csv(const ReplayReport& r) {
  std::string out = "# " + one_line(replay_parts::source_line(r)) + "\n";
  out +=
      "sla,customer,scope,window_start,window_end,uptime,counted_seconds,bad_seconds,breached,"
      "credit,currency\n";
  for (std::size_t l = 0; l < r.model.slas.size(); ++l) {
    const SlaSpec& sla = r.model.slas[l];
    for (const auto& w : r.replay.slas[l].windows)
      out += csv_field(sla.name) + "," + csv_field(sla.customer) + "," +
             csv_field(replay_parts::scope_name(r.model, sla.scope)) + "," + at(r, w.start) + "," +
             at(r, w.end) + "," + number("%.9f", w.uptime) + "," + number("%.3f", w.counted) + "," +
             number("%.3f", w.counted * (1.0 - w.uptime)) + "," + (w.breached ? "true" : "false") +
             "," + (sla.has_credits() ? number("%.2f", w.credit) : std::string()) + "," +
             csv_field(sla.currency) + "\n";
  }
  return out;
}

std::string render_replay(const ReplayReport& report, const std::string& format) {
  if (format == "table") return render_replay_table(report);
  if (format == "csv") return render_replay_csv(report);
  if (format == "json") return render_replay_json(report);
  if (format == "html") return render_replay_html(report);
  throw std::invalid_argument("unknown format '" + format + "': use table, csv, json or html");
}

}  // namespace reliasim
