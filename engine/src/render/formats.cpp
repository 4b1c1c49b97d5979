// Each document's renderers by format name, shared by the CLI and Python.
#include <stdexcept>

#include "reliasim/render/compare.hpp"
#include "reliasim/render/fmea.hpp"
#include "reliasim/render/render.hpp"
#include "reliasim/render/sensitivity.hpp"

namespace reliasim {
namespace {

[[noreturn]] void unknown_format(const std::string& document, const std::string& format,
                                 const char* valid) {
  throw std::invalid_argument("unknown " + document + " format '" + format + "'; valid: " + valid);
}

}  // namespace

std::string render_fmea(const FmeaWorksheet& sheet, const RunRecord& record,
                        const std::string& format) {
  if (format == "table") return render_fmea_table(sheet, record);
  if (format == "csv") return render_fmea_csv(sheet, record);
  if (format == "markdown") return render_fmea_markdown(sheet, record);
  if (format == "html") return render_fmea_html(sheet, record);
  if (format == "json") return render_fmea_json(sheet, record);
  unknown_format("FMEA", format, "json, table, csv, markdown, html");
}

std::string render_compare(const Comparison& comparison, const RunRecord& a, const RunRecord& b,
                           const std::string& format) {
  if (format == "table") return render_compare_table(comparison, a, b);
  if (format == "json") return render_compare_json(comparison, a, b);
  unknown_format("comparison", format, "json, table");
}

std::string render_sensitivity(const Sensitivity& result, const RunRecord& record,
                               const std::string& format) {
  if (format == "table") return render_sensitivity_table(result, record);
  if (format == "csv") return render_sensitivity_csv(result, record);
  if (format == "json") return render_sensitivity_json(result, record);
  unknown_format("sensitivity", format, "json, table, csv");
}

std::string render_summary(const Summary& summary, const RunRecord& record,
                           const std::string& format) {
  if (format == "table") return render_table(summary, record);
  if (format == "json") return render_json(summary, record);
  unknown_format("summary", format, "json, table");
}

}  // namespace reliasim
