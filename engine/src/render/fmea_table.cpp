// The FMEA worksheet as a terminal table: one line per failure mode (cause and effect on the
// line below), the totals, how the scores were made, and the run record.
#include <algorithm>
#include <cmath>

#include "fmea_text.hpp"
#include "reliasim/render/fmea.hpp"

namespace reliasim {
namespace {

std::string pad(std::string text, std::size_t width) {
  const std::size_t shown = text_parts::display_width(text);
  if (shown < width) text.append(width - shown, ' ');
  return text;
}

}  // namespace

std::string render_fmea_table(const FmeaWorksheet& sheet, const RunRecord& record) {
  const fmea_text::Grid full = fmea_text::worksheet_grid(sheet, false);
  // Service and mode in one column; cause and effect go below the row; the impact and
  // budget columns that explain S are left to the other formats, and so is the scope when
  // there is only one.
  std::vector<bool> shown(full.header.size(), true);
  for (std::size_t c = 1; c < full.header.size(); ++c) {
    const std::string& name = full.header[c];
    shown[c] = !(c < 5 || name == "Impact" || name == "Budget/incident" ||
                 (name == "Scope" && sheet.scopes.size() <= 1));
  }
  std::vector<std::vector<std::string>> lines;
  auto columns = [&](const std::vector<std::string>& cells, std::string name) {
    std::vector<std::string> line{cells[0], std::move(name)};
    for (std::size_t c = 1; c < cells.size(); ++c)
      if (shown[c]) line.push_back(cells[c]);
    return line;
  };
  lines.push_back(columns(full.header, "failure mode"));
  for (std::size_t r = 0; r < sheet.rows.size(); ++r)
    lines.push_back(columns(full.rows[r], fmea_text::mode_name(sheet.rows[r].info)));
  std::vector<std::size_t> widths(lines.front().size(), 0);
  for (const auto& line : lines)
    for (std::size_t c = 0; c < line.size(); ++c)
      widths[c] = std::max(widths[c], text_parts::display_width(line[c]));

  std::string out = "FMEA worksheet: failure modes ranked by " +
                    fmea_text::ranking_phrase(sheet.rank_by) + " " +
                    fmea_text::scope_phrase(sheet) + "\n";
  for (std::size_t l = 0; l < lines.size(); ++l) {
    std::string text = " ";
    for (std::size_t c = 0; c < lines[l].size(); ++c)
      text += " " + (c + 1 == lines[l].size() ? lines[l][c] : pad(lines[l][c], widths[c]));
    out += text + "\n";
    if (l == 0) continue;
    const FailureModeInfo& info = sheet.rows[l - 1].info;
    if (!info.cause.empty() || !info.effect.empty())
      out += std::string(widths[0] + 3, ' ') +
             "cause: " + (info.cause.empty() ? "-" : one_line(info.cause)) +
             "; effect: " + (info.effect.empty() ? "-" : one_line(info.effect)) + "\n";
  }
  out += "\nTotal, all causes:\n";
  for (const std::string& line : fmea_text::totals(sheet)) out += "  " + line + "\n";
  out +=
      "S, O, D: severity, occurrence, detection scores 1-10 from the band tables (docs/fmea.md);\n"
      "RPN = S x O x D, shown but not ranked on; AP: AIAG-VDA 2019 action priority (H/M/L).\n"
      "Auto-detected: share of incidents an alert, canary or probe detected. Budget burn: share\n"
      "of the scope's error budget per year the mode spends; Burn %: of each SLO's budget.\n";
  if (!sheet.scopes.empty()) {
    out += "Importance for " + fmea_text::importance_scope(sheet) +
           " (Birnbaum, Fussell-Vesely, risk achievement and reduction worth) from the analytic "
           "structure function";
    out += sheet.importance_assumptions.empty() ? std::string(", exact for this model.\n")
                                                : std::string(", which assumes that\n");
    for (const auto& note : sheet.importance_assumptions) out += "    - " + note + "\n";
  }
  out += "\nrun: " + fmea_text::record_line(record) + ", " + std::to_string(sheet.events) +
         " events\n";
  out += text_parts::command_line(record);
  return out;
}

}  // namespace reliasim
