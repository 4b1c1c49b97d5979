#pragma once
// The sections of the HTML report (private to the engine), each an HTML fragment headed by an
// <h2> inside <section id="...">: the charts with their captions, or a sentence saying why
// there is nothing to draw (no incidents, no SLA, no credit ever paid).

#include <string>

#include "reliasim/render/report.hpp"

namespace reliasim::report {

// A chart in a <figure> under its title, with its one-sentence caption (both plain text,
// escaped here).
[[nodiscard]] std::string figure(const std::string& title, const std::string& svg,
                                 const std::string& caption);
// A paragraph of plain text, escaped.
[[nodiscard]] std::string paragraph(const std::string& text);
// The scope's name as a reader says it: "the checkout journey", "the orders-db service".
[[nodiscard]] std::string scope_phrase(const ScopeInfo& scope);

// Availability per window of each journey, with its interval and the SLA and SLO targets.
[[nodiscard]] std::string availability_section(const ReportInputs& in);
// The first journey's downtime per simulated year, as a histogram over trials.
[[nodiscard]] std::string downtime_section(const ReportInputs& in);
// Time to detect and time to repair over all incidents.
[[nodiscard]] std::string incident_times_section(const ReportInputs& in);
// Per SLA: how likely each annual credit is to be exceeded, with VaR 95 % and 99 % marked.
[[nodiscard]] std::string sla_section(const ReportInputs& in);
// Per journey: R(t) and A(t) over the horizon, with the MTTF, B10 and outages expected.
[[nodiscard]] std::string reliability_section(const ReportInputs& in);
// The failure modes by their share of downtime, and the worksheet's scores when given.
[[nodiscard]] std::string fmea_section(const ReportInputs& in);
// The parameters that move downtime most when halved and doubled.
// Every abbreviation and measure the page uses, in a sentence each.
[[nodiscard]] std::string glossary_section();

// `baseline`: the downtime a year of the sensitivity's scope that the page reports (its run),
// from which the changes are read.
[[nodiscard]] std::string tornado_section(const Sensitivity& sensitivity, double baseline);

}  // namespace reliasim::report
