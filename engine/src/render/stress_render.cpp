// A stress report as a terminal table, JSON and an HTML page: per test, its scripted incidents,
// its verdict and every figure under stress beside the baseline's, with the paired difference.
#include <stdexcept>

#include "compare_parts.hpp"
#include "page_style.hpp"
#include "reliasim/render/stress.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

using json_parts::json;

constexpr const char* baseline = "baseline";
constexpr const char* stressed = "stressed";

std::string level(const StressReport& r) {
  return std::to_string(static_cast<int>(std::lround(100 * r.confidence))) + "%";
}

std::string heading(const StressReport& r) {
  return "Stress tests of " + one_line(r.scenario) +
         ", against the baseline on common random numbers (" + level(r) + " intervals)";
}

json injection_json(const InjectionSpec& i) {
  return {{"incident", i.label},
          {"earliest", i.earliest},
          {"latest", i.latest},
          {"duration", i.duration},
          {"choices", i.targets.size()}};
}

std::string html_table(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table><thead><tr>";
  for (const auto& cell : rows.front()) out += "<th>" + html_escape(cell) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const bool section = rows[i][1].empty() && rows[i][2].empty();
    out += section ? "<tr class=\"section\">" : "<tr>";
    for (const auto& cell : rows[i]) out += "<td>" + html_escape(cell) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

}  // namespace

std::string render_stress_table(const StressReport& r, const RunRecord& record) {
  std::string out = heading(r) + "\n";
  for (const StressResult& result : r.results) {
    out += "\nStress test " + one_line(result.test.name) +
           (result.test.description.empty() ? "" : ": " + one_line(result.test.description)) + "\n";
    for (const InjectionSpec& i : result.test.injections)
      out += "  inject " + one_line(i.label) + "\n";
    out += one_line(result.comparison.verdict) + "\n";
    out += text_parts::aligned(compare_parts::figure_rows(result.comparison, baseline, stressed));
  }
  out += compare_parts::distinguishable_note;
  out += "\nrun: " + text_parts::record_line(record) + "\n" + text_parts::command_line(record);
  return out;
}

std::string render_stress_json(const StressReport& r, const RunRecord& record) {
  json doc = {{"run", json_parts::record_json(record)},
              {"scenario", r.scenario},
              {"trials", r.trials},
              {"seed", r.seed},
              {"confidence", r.confidence},
              {"tests", json::array()}};
  for (const StressResult& result : r.results) {
    json injections = json::array();
    for (const InjectionSpec& i : result.test.injections) injections.push_back(injection_json(i));
    doc["tests"].push_back({{"name", result.test.name},
                            {"description", result.test.description},
                            {"injections", injections},
                            {"comparison", compare_parts::comparison_json(result.comparison)}});
  }
  return json_parts::text(doc);
}

std::string render_stress_html(const StressReport& r, const RunRecord& record) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>reliasim stress: " + html_escape(r.scenario) + "</title>\n";
  out += "<style>" RELIASIM_TABLE_PAGE_STYLE
         ".section td{font-weight:bold;background:#fafafa}"
         ".verdict{font-weight:bold}</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(heading(r)) + "</h1>\n<p class=\"record\">" +
         html_escape(text_parts::record_line(record)) + "</p>\n";
  for (const StressResult& result : r.results) {
    out += "<h2>Stress test " + html_escape(result.test.name) + "</h2>\n";
    if (!result.test.description.empty())
      out += "<p>" + html_escape(result.test.description) + "</p>\n";
    out += "<ul>\n";
    for (const InjectionSpec& i : result.test.injections)
      out += "<li>inject " + html_escape(i.label) + "</li>\n";
    out += "</ul>\n<p class=\"verdict\">" + html_escape(result.comparison.verdict) + "</p>\n";
    out += html_table(compare_parts::figure_rows(result.comparison, baseline, stressed));
  }
  out += "<p>* the difference is distinguishable from noise (its interval excludes 0).</p>\n";
  return out + "</body>\n</html>\n";
}

std::string render_stress(const StressReport& report, const RunRecord& record,
                          const std::string& format) {
  if (format == "table") return render_stress_table(report, record);
  if (format == "json") return render_stress_json(report, record);
  if (format == "html") return render_stress_html(report, record);
  throw std::invalid_argument("unknown format '" + format + "'; valid: table, json, html");
}

}  // namespace reliasim
