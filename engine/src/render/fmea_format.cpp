#include <stdexcept>

#include "reliasim/render/fmea.hpp"

namespace reliasim {

std::string render_fmea(const FmeaWorksheet& sheet, const RunRecord& record,
                        const std::string& format) {
  if (format == "table") return render_fmea_table(sheet, record);
  if (format == "csv") return render_fmea_csv(sheet, record);
  if (format == "markdown") return render_fmea_markdown(sheet, record);
  if (format == "html") return render_fmea_html(sheet, record);
  if (format == "json") return render_fmea_json(sheet, record);
  throw std::invalid_argument("unknown FMEA format '" + format +
                              "'; valid: json, table, csv, markdown, html");
}

}  // namespace reliasim
