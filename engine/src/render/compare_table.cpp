// A design comparison as a terminal table: the verdict first, then each shared scope and SLA
// with A, B and the paired difference B - A, then costs against credits, then the records.
#include <cmath>

#include "compare_parts.hpp"
#include "reliasim/render/compare.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

using text_parts::bounded;
using text_parts::number;
using Lines = std::vector<std::vector<std::string>>;

// One figure: A, B and B - A; a '*' marks a difference distinguishable from noise.
void add_figure(Lines& lines, const char* name, const PairedDifference& p, double scale,
                const char* pattern) {
  lines.push_back({std::string("    ") + name, bounded(p.a, scale, pattern),
                   bounded(p.b, scale, pattern),
                   bounded(p.difference, scale, pattern) + (p.distinguishable ? " *" : "")});
}

void add_scope(Lines& lines, const ScopeComparison& s) {
  lines.push_back({"  " + s.name, "", "", ""});
  add_figure(lines, "availability %", s.availability, 100.0, "%.4f");
  add_figure(lines, "down min/y", s.downtime_per_year, 1.0 / 60.0, "%.1f");
  add_figure(lines, "degraded min/y", s.degraded_per_year, 1.0 / 60.0, "%.1f");
  add_figure(lines, "outages/y", s.outages_per_year, 1.0, "%.2f");
  add_figure(lines, "longest outage min", s.longest_outage, 1.0 / 60.0, "%.1f");
  add_figure(lines, "outage duration min", s.outage_duration, 1.0 / 60.0, "%.1f");
  add_figure(lines, "outage TTD min", s.outage_ttd, 1.0 / 60.0, "%.1f");
}

void add_sla(Lines& lines, const SlaComparison& s) {
  lines.push_back(
      {"  " + s.name +
           (s.credit_schedule ? " (" + text_parts::currency_label(s.currency) + ")" : ""),
       "", "", ""});
  add_figure(lines, "breach % per window", s.breach_probability, 100.0, "%.2f");
  add_figure(lines, "breaches/y", s.breaches_per_year, 1.0, "%.2f");
  if (s.credit_schedule)
    add_figure(lines, "credit/y", s.credit_per_year, 1.0, "%.0f");
  else
    lines.push_back({"    credit/y", text_parts::no_credit_schedule, "", ""});
}

std::string cost_lines(const std::vector<CostComparison>& costs) {
  std::string out;
  for (const CostComparison& c : costs) {
    const std::string currency = " " + text_parts::currency_label(c.currency);
    out += "  " + text_parts::currency_label(c.currency) + ": running cost A " +
           number("%.0f", 12.0 * c.monthly_cost_a) + ", B " +
           number("%.0f", 12.0 * c.monthly_cost_b) + " a year (B - A " +
           number("%+.0f", c.extra_cost_per_year) + "); credits B saves " +
           (c.credit_schedule ? bounded(c.credits_saved_per_year, 1.0, "%.0f") + " a year"
                              : std::string("none (no credit schedule)")) +
           "; net saving " + bounded(c.net_saving_per_year, 1.0, "%.0f") + currency + " a year\n";
  }
  return out;
}

std::string names(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& n : list) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> compare_parts::figure_rows(const Comparison& c,
                                                                 const std::string& a,
                                                                 const std::string& b) {
  Lines lines{{"scope", a, b, b + " - " + a}};
  for (const ScopeComparison& s : c.scopes) add_scope(lines, s);
  if (!c.slas.empty()) lines.push_back({"SLAs", "", "", ""});
  for (const SlaComparison& s : c.slas) add_sla(lines, s);
  return lines;
}

std::string render_compare_table(const Comparison& c, const RunRecord& a, const RunRecord& b) {
  const int level = static_cast<int>(std::lround(100 * c.confidence));
  std::string out = "Design comparison, paired on common random numbers (" + std::to_string(level) +
                    "% intervals)\n  A: " + one_line(c.name_a) + "\n  B: " + one_line(c.name_b) +
                    "\n\nVerdict: " + one_line(c.verdict) + "\n\n";
  out += text_parts::aligned(compare_parts::figure_rows(c, "A", "B"));
  out += compare_parts::distinguishable_note;
  if (!c.costs.empty()) out += "\nRunning cost against SLA credits\n" + cost_lines(c.costs);
  if (!c.only_in_a.empty()) out += "\nOnly in A (not compared): " + names(c.only_in_a) + "\n";
  if (!c.only_in_b.empty()) out += "Only in B (not compared): " + names(c.only_in_b) + "\n";
  out += "\nrun A: " + text_parts::record_line(a) + "\nrun B: " + text_parts::record_line(b) + "\n";
  out += text_parts::command_line(a);
  return out;
}

}  // namespace reliasim
