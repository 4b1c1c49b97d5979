// A real incident history replayed against a scenario's SLAs and SLOs (docs/replay.md), with a
// run of the scenario beside it when one is given.
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "python_types.hpp"
#include "registrations.hpp"
#include "reliasim/analysis/replay.hpp"
#include "reliasim/incidents/read_history.hpp"
#include "reliasim/incidents/replay_input.hpp"
#include "reliasim/render/replay.hpp"

namespace py = pybind11;

namespace reliasim::python {
namespace {

struct ReplayRun {
  incidents::ReplayInput input;
  Replay replay;
  std::optional<ReplayOdds> odds;
  std::string history_file;
  std::string scenario_file;
  std::uint64_t seed = 0;

  [[nodiscard]] ReplayReport report() const {
    return {input.model,
            replay,
            odds ? &*odds : nullptr,
            history_file,
            input.history.sha256,
            scenario_file,
            input.history.period_start,
            input.history.incidents.size(),
            seed};
  }
};

ReplayRun replay_run(const std::string& path, const Model& model, const std::string& mapping,
                     const std::vector<std::string>& columns, const std::string& utc_offset,
                     const std::string& since, const std::string& until, const Results* results) {
  incidents::ReadSettings read;
  read.mapping = mapping;
  read.columns = columns;
  read.one_group = true;
  read.whole_months = true;
  read.keep_overlapping = true;
  read.utc_offset = utc_offset;
  read.since = since;
  read.until = until;
  if (results) {
    const auto& ran = results->model->slas;
    const auto& asked = model.compiled->slas;
    const bool same =
        ran.size() == asked.size() &&
        std::equal(ran.begin(), ran.end(), asked.begin(),
                   [](const SlaSpec& a, const SlaSpec& b) { return a.name == b.name; });
    if (!same)
      throw std::invalid_argument(
          "results are of a run of another scenario (other SLAs): run this scenario");
  }
  ReplayRun run{
      incidents::replay_input(*model.compiled, incidents::read_incident_history(path, read)),
      {},
      std::nullopt,
      path,
      model.file,
      0};
  py::gil_scoped_release release;
  run.replay = replay_history(run.input.model, run.input.impacts);
  if (results) {
    run.odds = replay_odds(*results->model, run.replay, *results->results);
    run.seed = results->results->seed;
  }
  return run;
}

}  // namespace

void register_replay(py::module_& m) {
  py::class_<ReplayRun>(m, "ReplayRun")
      .def("render", [](const ReplayRun& r,
                        const std::string& format) { return render_replay(r.report(), format); })
      .def_property_readonly("period_start",
                             [](const ReplayRun& r) { return r.input.history.period_start; })
      .def("windows",
           [](const ReplayRun& r) {
             py::list rows;
             const auto& model = r.input.model;
             for (std::size_t l = 0; l < model.slas.size(); ++l)
               for (const auto& w : r.replay.slas[l].windows) {
                 py::dict row;
                 row["sla"] = model.slas[l].name;
                 row["customer"] = model.slas[l].customer;
                 row["start"] = r.input.history.period_start + w.start;
                 row["end"] = r.input.history.period_start + w.end;
                 row["uptime"] = w.uptime;
                 row["counted"] = w.counted;
                 row["bad"] = w.counted * (1.0 - w.uptime);
                 row["breached"] = w.breached;
                 row["credit"] = model.slas[l].has_credits() ? py::object(py::float_(w.credit))
                                                             : py::object(py::none());
                 row["currency"] = model.slas[l].currency;
                 rows.append(row);
               }
             return rows;
           })
      .def("slos",
           [](const ReplayRun& r) {
             py::list rows;
             for (std::size_t l = 0; l < r.input.model.slos.size(); ++l) {
               const auto& slo = r.replay.slos[l];
               for (std::size_t w = 0; w < slo.used.size(); ++w) {
                 py::dict row;
                 row["slo"] = r.input.model.slos[l].name;
                 row["start"] = r.input.history.period_start + slo.bounds[w];
                 row["budget_spent"] = slo.used[w];
                 rows.append(row);
               }
             }
             return rows;
           })
      .def("odds", [](const ReplayRun& r) -> py::object {
        if (!r.odds) return py::none();
        py::dict d;
        d["trials"] = r.odds->trials;
        d["currencies"] = r.odds->currencies;
        d["history_credit_per_year"] = r.odds->history_credit_per_year;
        d["credit_at_least"] = r.odds->credit_at_least;
        d["breaches_at_least"] = r.odds->breaches_at_least;
        return d;
      });
  m.def(
      "replay",
      [](const std::string& path, const Model& model, const std::string& mapping,
         const std::vector<std::string>& columns, const std::string& utc_offset,
         const std::string& since, const std::string& until, const Results* results) {
        return replay_run(path, model, mapping, columns, utc_offset, since, until, results);
      },
      py::arg("path"), py::arg("model"), py::arg("mapping"), py::arg("columns"),
      py::arg("utc_offset"), py::arg("since"), py::arg("until"), py::arg("results").none(true));
}

}  // namespace reliasim::python
