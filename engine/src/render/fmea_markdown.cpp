// The FMEA worksheet as Markdown (GitHub tables): the worksheet, totals, the band tables the
// scores came from, and the run record. Every cell is escaped, so names cannot break the
// table or inject markup.
#include "fmea_text.hpp"
#include "reliasim/render/fmea.hpp"

namespace reliasim {
namespace {

// One line (one_line), HTML-like text becomes entities; table pipes and emphasis characters
// are backslashed; a "](" loses its meaning as a link, so a name cannot smuggle one in.
std::string escape(const std::string& text) {
  std::string out;
  for (const char c : one_line(text)) {
    if (c == '(' && !out.empty() && out.back() == ']') out += '\\';
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
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

}  // namespace

std::string render_fmea_markdown(const FmeaWorksheet& sheet, const RunRecord& record) {
  std::string out = "# FMEA worksheet\n\n";
  out += "Failure modes ranked by " + fmea_text::ranking_phrase(sheet.rank_by) + " " +
         escape(fmea_text::scope_phrase(sheet)) +
         ". S, O and D are 1-10 scores from the band tables below; RPN = S x O x D is shown but "
         "not ranked on; AP is the AIAG-VDA 2019 action priority. Budget burn is the share of "
         "the scope's error budget per year the mode spends.\n\n";
  fmea_text::Grid grid = fmea_text::worksheet_grid(sheet, false);
  grid.header[0] = "Rank";
  out += table(grid, 7) + "\n";
  out += "Total, all causes:\n\n";
  for (const std::string& line : fmea_text::totals(sheet)) out += "- " + escape(line) + "\n";
  out += "\n";
  if (!sheet.scopes.empty()) {
    out += "Importance measures are for " + escape(fmea_text::importance_scope(sheet)) +
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
