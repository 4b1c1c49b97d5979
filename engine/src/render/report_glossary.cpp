// The report's glossary: every abbreviation and measure the page uses, in a sentence each, for
// readers who meet FMEA or SLA arithmetic for the first time. docs/fmea.md and
// docs/simulation.md give the full definitions.
#include <array>
#include <utility>

#include "reliasim/render/text_safety.hpp"
#include "report_sections.hpp"

namespace reliasim::report {
namespace {

constexpr std::array<std::pair<const char*, const char*>, 20> terms{{
    {"Availability", "The share of time a journey or service is not down."},
    {"Degraded time", "Time when some requests fail but the scope is not down."},
    {"Error time",
     "Every second weighted by the share of requests failing in it: what an SLO's "
     "error budget spends."},
    {"R(t), F(t)",
     "Reliability: the chance of no outage from the start up to time t; F = 1 - R, the "
     "unreliability."},
    {"A(t)", "Point availability: the chance of being up at the moment t."},
    {"MTTF, B10",
     "Mean time to the first outage; B10 (B1): the time by which 10 % (1 %) of simulated "
     "systems had their first outage."},
    {"TTD, TTA, TTM, TTR",
     "Time to detect, to acknowledge (an engineer engaged), to mitigate "
     "(impact ends) and to repair, each counted from when the incident "
     "began."},
    {"SLA",
     "A contract: a target per window, and credits (a share of the fee) owed when a "
     "window misses it."},
    {"SLO",
     "An internal objective: a target per window whose error budget, (1 - target) x the "
     "window, failures spend."},
    {"VaR 95 %",
     "Value at risk: the annual credit that only 1 simulated year in 20 exceeds "
     "(VaR 99 %: 1 in 100)."},
    {"CVaR 95 %", "Conditional value at risk: the average credit of the worst 1 year in 20."},
    {"S (severity)",
     "1 to 10: how bad one occurrence is, from the share of requests it fails "
     "and the error budget it spends."},
    {"O (occurrence)", "1 to 10: how often the failure mode occurs, from its incidents a year."},
    {"D (detection)",
     "1 to 10: how poorly it is detected (10: rarely, or late), from the share "
     "of incidents an alert, canary or probe catches and the time to detect."},
    {"RPN", "Risk priority number, S x O x D (1 to 1000): shown, but not ranked on."},
    {"AP",
     "Action priority, H(igh), M(edium) or L(ow), from S, O and D by the AIAG-VDA 2019 "
     "table: high means act now."},
    {"Birnbaum",
     "How much the scope's availability depends on the failure mode's parts: the "
     "availability gained were they perfect."},
    {"Fussell-Vesely",
     "The share of the scope's unavailability that would go if the failure "
     "mode never occurred."},
    {"RAW",
     "Risk achievement worth: how many times more unavailable the scope would be were "
     "the failure mode always present."},
    {"RRW",
     "Risk reduction worth: how many times less unavailable the scope would be were the "
     "failure mode gone."},
}};

}  // namespace

std::string glossary_section() {
  std::string out = "<section id=\"glossary\">\n<h2>Glossary</h2>\n<dl class=\"glossary\">\n";
  for (const auto& [term, meaning] : terms)
    out += "<dt>" + html_escape(term) + "</dt><dd>" + html_escape(meaning) + "</dd>\n";
  return out + "</dl>\n</section>\n";
}

}  // namespace reliasim::report
