#pragma once
// The run report: one self-contained HTML page for readers who are not engineers. The headline
// numbers, availability per month, downtime per year and incident times as distributions, the
// SLA exposure tail, the FMEA ranking and (when given) the sensitivity tornado, as inline SVG
// charts each with a title, axes with units and a one-sentence caption. No scripts, no
// external resources; every string from the scenario or the command line is escaped. The run
// record heads the page.

#include <string>

#include "reliasim/analysis/fmea.hpp"
#include "reliasim/analysis/sensitivity.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/render/run_record.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim {

// What the report is drawn from: the summary of `results` (kept: the distributions need the
// per-trial values and the incidents), optionally the FMEA worksheet of the same results and a
// sensitivity analysis of the same model. Sections whose input is null are left out.
struct ReportInputs {
  const CompiledModel& model;
  const Summary& summary;
  const RunResults& results;
  const FmeaWorksheet* fmea = nullptr;
  const Sensitivity* sensitivity = nullptr;
  const RunRecord& record;
};

[[nodiscard]] std::string render_report_html(const ReportInputs& inputs);

}  // namespace reliasim
