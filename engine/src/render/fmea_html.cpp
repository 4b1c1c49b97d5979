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

std::string amounts(const std::vector<CurrencyAmount>& list) {
  std::string out;
  for (const auto& a : list)
    out += (out.empty() ? "" : " + ") + fmea_text::number("%.0f", a.amount.estimate) + " " +
           html_escape(fmea_text::currency_label(a.currency));
  return out.empty() ? std::string("none (no SLA with a credit schedule)") : out;
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_fmea_html(const FmeaWorksheet& sheet, const RunRecord& record) {
  const std::string scope = html_escape(sheet.scope);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>FMEA worksheet: " + html_escape(record.scenario_file) + "</title>\n";
  out += "<style>" + std::string(style) + "</style>\n</head>\n<body>\n";
  out += "<h1>FMEA worksheet</h1>\n<p class=\"record\">Run: " +
         html_escape(fmea_text::record_line(record)) + ", " + std::to_string(sheet.events) +
         " events.<br>Command: <code>" + html_escape(record.command) + "</code></p>\n";
  out += "<p>Failure modes ranked by simulated risk: user-facing downtime" +
         (scope.empty() ? std::string() : " in <strong>" + scope + "</strong>") +
         ", then SLA credit. S, O and D are 1-10 scores from the band tables below; RPN = S "
         "&times; O &times; D is shown but not ranked on; AP is the AIAG-VDA 2019 action "
         "priority.</p>\n";
  fmea_text::Grid grid = fmea_text::worksheet_grid(sheet, false);
  grid.header[0] = "Rank";
  const std::size_t ap_column = grid.header.size() - 5;
  out += table(grid, 5, ap_column);
  out += "<p>Total: " + (scope.empty() ? std::string("no journey") : scope) + " down " +
         fmea_text::number("%.1f", sheet.scope_downtime_per_year.estimate / 60.0) +
         " min/y; SLA credit " + amounts(sheet.credit_per_year) + " per year, of which " +
         amounts(sheet.unattributed_credit) + " no failure mode caused.</p>\n";
  if (!scope.empty()) {
    out += "<p>Importance measures are for " + scope + ", from the analytic structure function";
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
