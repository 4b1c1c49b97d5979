// The FMEA worksheet as Markdown (GitHub tables): the worksheet, totals, the band tables the
// scores came from, and the run record. Every cell is escaped, so names cannot break the
// table or inject markup.
#include "fmea_text.hpp"
#include "reliasim/render/fmea.hpp"

namespace reliasim {
namespace {

// HTML-like text becomes entities; table pipes and emphasis characters are backslashed; a
// "](" loses its meaning as a link, so a name cannot smuggle one in.
std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '(' && !out.empty() && out.back() == ']') out += '\\';
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n':
      case '\r': out += ' '; break;
      case '\\':
      case '|':
      case '`':
      case '*':
      case '_':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string table(const fmea_text::Grid& grid, std::size_t left_columns) {
  std::string out = "|";
  for (const auto& h : grid.header) out += " " + escape(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < grid.header.size(); ++c) out += c < left_columns ? "---|" : "---:|";
  out += "\n";
  for (const auto& row : grid.rows) {
    out += "|";
    for (const auto& cell : row) out += " " + escape(cell) + " |";
    out += "\n";
  }
  return out;
}

std::string amounts(const std::vector<CurrencyAmount>& list) {
  std::string out;
  for (const auto& a : list)
    out += (out.empty() ? "" : " + ") + fmea_text::number("%.0f", a.amount.estimate) + " " +
           escape(fmea_text::currency_label(a.currency));
  return out.empty() ? std::string("none (no SLA with a credit schedule)") : out;
}

}  // namespace

std::string render_fmea_markdown(const FmeaWorksheet& sheet, const RunRecord& record) {
  std::string out = "# FMEA worksheet\n\n";
  out += "Failure modes ranked by simulated risk: user-facing downtime";
  out += sheet.scope.empty() ? "" : " in **" + escape(sheet.scope) + "**";
  out +=
      ", then SLA credit. S, O and D are 1-10 scores from the band tables below; RPN = S x O x "
      "D is shown but not ranked on; AP is the AIAG-VDA 2019 action priority.\n\n";
  fmea_text::Grid grid = fmea_text::worksheet_grid(sheet, false);
  grid.header[0] = "Rank";
  out += table(grid, 5) + "\n";
  out += "Total: " + escape(sheet.scope.empty() ? std::string("no journey") : sheet.scope) +
         " down " + fmea_text::number("%.1f", sheet.scope_downtime_per_year.estimate / 60.0) +
         " min/y; SLA credit " + amounts(sheet.credit_per_year) + " per year, of which " +
         amounts(sheet.unattributed_credit) + " no failure mode caused.\n\n";
  if (!sheet.scope.empty()) {
    out += "Importance measures are for " + escape(sheet.scope) +
           ", from the analytic structure function";
    if (sheet.importance_assumptions.empty())
      out += " (exact for this model).\n\n";
    else {
      out += ", which assumes that:\n\n";
      for (const auto& note : sheet.importance_assumptions) out += "- " + escape(note) + "\n";
      out += "\n";
    }
  }
  out += "## Score bands\n\nThe value at which each score starts (docs/fmea.md).\n\n";
  out += table(fmea_text::bands_grid(sheet.bands), 2) + "\n";
  out += "---\n\nRun: " + escape(fmea_text::record_line(record)) + ", " +
         std::to_string(sheet.events) + " events.";
  if (!record.command.empty()) out += " Command: " + escape(record.command) + ".";
  return out + "\n";
}

}  // namespace reliasim
