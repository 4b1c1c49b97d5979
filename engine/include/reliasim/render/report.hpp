#pragma once
// The run report: one self-contained HTML page for readers who are not engineers. The headline
// numbers, availability per month, downtime per year and incident times as distributions, the
// SLA exposure tail, the FMEA ranking and (when given) the sensitivity tornado, as inline SVG
// charts each with a title, axes with units and a one-sentence caption. No scripts, no
// external resources; every string from the scenario or the command line is escaped. The run
// record heads the page.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "reliasim/analysis/fmea.hpp"
#include "reliasim/analysis/sensitivity.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/render/run_record.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim {

// What the report's distributions are drawn from. Built from a whole run every value is
// kept; built batch by batch (streaming) the per-trial values are kept (8 bytes a trial for
// each series) and the incident times are binned to 1 %, as a streamed summary's quantiles.
struct ReportSamples {
  std::vector<double> downtime_per_year;             // [trial]: the first scope's, seconds
  std::vector<std::vector<double>> credit_per_year;  // [sla][trial], money
  // Seconds from start to the stage, of every incident that reached it, each with how many
  // incidents took it (1 each when kept; a bin's count when binned).
  struct Times {
    std::vector<double> seconds;
    std::vector<double> counts;
  };
  Times ttd, ttr;
  std::uint64_t incidents = 0;
  std::uint64_t undetected = 0;  // incidents that ended before anyone noticed them
};

class ReportSamplesBuilder {
 public:
  // `exact`: keep every incident time; otherwise bin them.
  explicit ReportSamplesBuilder(bool exact);
  ~ReportSamplesBuilder();
  ReportSamplesBuilder(ReportSamplesBuilder&&) noexcept;
  ReportSamplesBuilder& operator=(ReportSamplesBuilder&&) noexcept;
  // Batches in trial order, each keeping its incidents.
  void add(const RunResults& batch);
  [[nodiscard]] ReportSamples finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The samples of a whole run, every value kept.
[[nodiscard]] ReportSamples report_samples(const RunResults& results);

// The bytes a ReportSamplesBuilder keeps per trial: the first scope's downtime and every SLA's
// credit, 8 bytes each.
[[nodiscard]] double report_trial_bytes(const CompiledModel& model);

// What the report is drawn from: the summary of a run, the samples of its distributions, and
// optionally the FMEA worksheet of the same trials and a sensitivity analysis of the same
// model. Sections whose input is null are left out.
struct ReportInputs {
  const CompiledModel& model;
  const Summary& summary;
  const ReportSamples& samples;
  const FmeaWorksheet* fmea = nullptr;
  const Sensitivity* sensitivity = nullptr;
  const RunRecord& record;
};

[[nodiscard]] std::string render_report_html(const ReportInputs& inputs);

}  // namespace reliasim
