#pragma once
// Renderers of the FMEA worksheet: a terminal table, CSV for spreadsheets, Markdown, a
// self-contained HTML page and JSON (docs/fmea.md). Every output carries the run record.

#include <string>

#include "reliasim/analysis/fmea.hpp"
#include "reliasim/render/run_record.hpp"
#include "reliasim/render/text_safety.hpp"  // csv_field, html_escape

namespace reliasim {

[[nodiscard]] std::string render_fmea_table(const FmeaWorksheet& sheet, const RunRecord& record);
// RFC 4180 with a first comment line ("# run: ...") holding the run record.
[[nodiscard]] std::string render_fmea_csv(const FmeaWorksheet& sheet, const RunRecord& record);
[[nodiscard]] std::string render_fmea_markdown(const FmeaWorksheet& sheet, const RunRecord& record);
// One page with its style inline: no scripts, no external resources.
[[nodiscard]] std::string render_fmea_html(const FmeaWorksheet& sheet, const RunRecord& record);
[[nodiscard]] std::string render_fmea_json(const FmeaWorksheet& sheet, const RunRecord& record);
// By name: table, csv, markdown, html or json; throws std::invalid_argument for another.
[[nodiscard]] std::string render_fmea(const FmeaWorksheet& sheet, const RunRecord& record,
                                      const std::string& format);

}  // namespace reliasim
