// The FMEA worksheet as CSV (RFC 4180) that is safe to open in a spreadsheet: no field can be
// read as a formula, and the run record is a single comment field on the first line.
#include "fmea_text.hpp"
#include "reliasim/render/fmea.hpp"

namespace reliasim {
namespace {

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csv_field(fields[i]);
  return line + "\r\n";
}

// The comment stays one field on one line: commas in file names or the command become
// semicolons.
std::string comment(std::string_view text) {
  std::string line = one_line(text);
  for (char& c : line)
    if (c == ',') c = ';';
  return "# " + line + "\r\n";
}

}  // namespace

std::string render_fmea_csv(const FmeaWorksheet& sheet, const RunRecord& record) {
  std::string out =
      comment("run: " + fmea_text::record_line(record) + "; command: " + record.command +
              "; scope: " + sheet.scope + "; ranked by: " + ranking_name(sheet.rank_by));
  const fmea_text::Grid grid = fmea_text::worksheet_grid(sheet, true);
  out += csv_line(grid.header);
  for (const auto& row : grid.rows) out += csv_line(row);
  return out;
}

}  // namespace reliasim
