// The FMEA worksheet as one self-contained HTML page: inline style, no scripts, no external
// resources; every string from the scenario or the command line is escaped.
#include "fmea_text.hpp"
#include "reliasim/render/fmea.hpp"

namespace reliasim {
namespace {

constexpr const char* style = R"(
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 0.85em; margin-bottom: 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #f0f0f0; text-align: left; }
td.number { text-align: right; white-space: nowrap; }
td.ap-H { background: #f8c4c4; font-weight: bold; }
td.ap-M { background: #fbe3b0; }
td.ap-L { background: #d8efd8; }
.record { color: #555; font-size: 0.85em; }
)";

std::string table(const fmea_text::Grid& grid, std::size_t text_columns, std::size_t ap_column) {
  std::string out = "<table>\n<thead><tr>";
  for (const auto& h : grid.header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : grid.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string cls = c < text_columns ? "" : "number";
      if (c == ap_column) cls = "ap-" + html_escape(row[c]);
      out += (cls.empty() ? std::string("<td>") : "<td class=\"" + cls + "\">") +
             html_escape(row[c]) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string render_fmea_html(const FmeaWorksheet& sheet, const RunRecord& record) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>FMEA worksheet: " + html_escape(record.scenario_file) + "</title>\n";
  out += "<style>" + std::string(style) + "</style>\n</head>\n<body>\n";
  out += "<h1>FMEA worksheet</h1>\n<p class=\"record\">Run: " +
         html_escape(fmea_text::record_line(record)) + ", " + std::to_string(sheet.events) +
         " events.<br>Command: <code>" + html_escape(record.command) + "</code></p>\n";
  out += "<p>Failure modes ranked by " + fmea_text::ranking_phrase(sheet.rank_by) + " " +
         html_escape(fmea_text::scope_phrase(sheet)) +
         ". S, O and D are 1-10 scores from the band tables below; RPN = S &times; O &times; D "
         "is shown but not ranked on; AP is the AIAG-VDA 2019 action priority. Budget burn is "
         "the share of the scope's error budget per year the mode spends.</p>\n";
  fmea_text::Grid grid = fmea_text::worksheet_grid(sheet, false);
  grid.header[0] = "Rank";
  const std::size_t ap_column = grid.header.size() - 5;
  out += table(grid, 7, ap_column);
  out += "<p>Total, all causes:</p>\n<ul>\n";
  for (const std::string& line : fmea_text::totals(sheet))
    out += "<li>" + html_escape(line) + "</li>\n";
  out += "</ul>\n";
  if (!sheet.scopes.empty()) {
    out += "<p>Importance measures are for " + html_escape(fmea_text::importance_scope(sheet)) +
           ", from the analytic structure function";
    if (sheet.importance_assumptions.empty()) {
      out += " (exact for this model).</p>\n";
    } else {
      out += ", which assumes that:</p>\n<ul>\n";
      for (const auto& note : sheet.importance_assumptions)
        out += "<li>" + html_escape(note) + "</li>\n";
      out += "</ul>\n";
    }
  }
  out += "<h2>Score bands</h2>\n<p>The value at which each score starts.</p>\n";
  out += table(fmea_text::bands_grid(sheet.bands), 2, static_cast<std::size_t>(-1));
  return out + "</body>\n</html>\n";
}

}  // namespace reliasim
