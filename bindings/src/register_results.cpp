// Results: per-trial arrays as read-only NumPy views (no copies; the views keep the results
// alive), incidents as columns, and the summary as the documented JSON document.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <stdexcept>

#include "python_types.hpp"
#include "registrations.hpp"
#include "reliasim/analysis/fmea.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/analytic/model_estimate.hpp"
#include "reliasim/render/fmea.hpp"
#include "reliasim/render/render.hpp"

namespace py = pybind11;

namespace reliasim::python {
namespace {

// The run record with the keys of the JSON document's `run` (docs/results.md).
py::dict record_dict(const RunRecord& x) {
  py::list inputs;
  for (const InputFile& file : x.inputs)
    inputs.append(py::dict(py::arg("role") = file.role, py::arg("file") = file.path,
                           py::arg("sha256") = file.sha256));
  const Platform& p = x.platform;
  return py::dict(
      py::arg("engine_version") = x.engine_version, py::arg("scenario_file") = x.scenario_file,
      py::arg("scenario_hash") = x.scenario_hash, py::arg("inputs") = inputs,
      py::arg("platform") =
          py::dict(py::arg("os") = p.os, py::arg("arch") = p.arch, py::arg("compiler") = p.compiler,
                   py::arg("build_type") = p.build_type),
      py::arg("seed") = x.seed, py::arg("first_trial") = x.first_trial,
      py::arg("trials") = x.trials, py::arg("precision_run") = x.precision_run,
      py::arg("converged") = x.converged, py::arg("relative_half_width") = x.relative_half_width,
      py::arg("command") = x.command);
}

const Results& results_of(const py::object& self) {
  return self.cast<const Results&>();
}

// A read-only view of `data` with the given shape (C order), owned by `owner`.
py::array view(const py::object& owner, const TrialArray& data, std::vector<py::ssize_t> shape) {
  std::vector<py::ssize_t> strides(shape.size());
  py::ssize_t stride = sizeof(double);
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= shape[i];
  }
  py::array array(py::dtype::of<double>(), shape, strides, data.data(), owner);
  array.attr("flags").attr("writeable") = false;
  return array;
}

// A new one-dimensional array. (Constructing array_t from a bare count can pick an overload
// that gives a zero stride, so the shape is spelled out.)
template <typename T>
py::array_t<T> new_array(std::size_t size) {
  return py::array_t<T>(std::vector<py::ssize_t>{static_cast<py::ssize_t>(size)});
}

template <typename T, typename Get>
py::array_t<T> column(const std::vector<IncidentRecord>& rows, Get get) {
  auto out = new_array<T>(rows.size());
  auto data = out.template mutable_unchecked<1>();
  for (std::size_t i = 0; i < rows.size(); ++i) data(static_cast<py::ssize_t>(i)) = get(rows[i]);
  return out;
}

py::dict incidents(const Results& r) {
  const auto& rows = r.results->incidents;
  py::dict columns;
  columns["trial"] = column<std::uint64_t>(rows, [](const auto& i) { return i.trial; });
  columns["failure_mode"] =
      column<std::int32_t>(rows, [](const auto& i) { return i.failure_mode; });
  columns["source"] = column<std::int32_t>(rows, [](const auto& i) { return i.source; });
  columns["start"] = column<double>(rows, [](const auto& i) { return i.start; });
  columns["detected"] = column<double>(rows, [](const auto& i) { return i.detected; });
  columns["engaged"] = column<double>(rows, [](const auto& i) { return i.engaged; });
  columns["mitigated"] = column<double>(rows, [](const auto& i) { return i.mitigated; });
  columns["repaired"] = column<double>(rows, [](const auto& i) { return i.repaired; });
  columns["detected_by"] = column<std::uint8_t>(
      rows, [](const auto& i) { return static_cast<std::uint8_t>(i.detected_by); });
  columns["user_facing"] = column<bool>(rows, [](const auto& i) { return i.user_facing; });
  return columns;
}

py::dict outages(const Results& r) {
  const auto& rows = r.results->outages;
  auto trial = new_array<std::uint64_t>(rows.size());
  auto scope = new_array<std::int32_t>(rows.size());
  auto start = new_array<double>(rows.size()), end = new_array<double>(rows.size());
  auto detected = new_array<double>(rows.size());
  auto censored = new_array<bool>(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto k = static_cast<py::ssize_t>(i);
    trial.mutable_at(k) = rows[i].trial, scope.mutable_at(k) = rows[i].scope;
    start.mutable_at(k) = rows[i].start, end.mutable_at(k) = rows[i].end;
    detected.mutable_at(k) = rows[i].detected, censored.mutable_at(k) = rows[i].censored;
  }
  py::dict columns;
  columns["trial"] = trial, columns["scope"] = scope, columns["start"] = start;
  columns["end"] = end, columns["detected"] = detected, columns["censored"] = censored;
  return columns;
}

Summary summary_of(const Results& r, double confidence, bool with_analytic) {
  py::gil_scoped_release release;
  Summary summary = summarize(*r.results, *r.model, confidence);
  if (with_analytic) summary.analytic = analytic::estimate(*r.model);
  if (summary.rare_event) summary.rare_event->chosen_by = r.rare_event_chosen_by;
  return summary;
}

py::list failure_modes(const Results& r) {
  py::list rows;
  for (const auto& m : r.results->failure_modes)
    rows.append(py::dict(py::arg("name") = m.name, py::arg("service") = m.service,
                         py::arg("cause") = m.cause, py::arg("effect") = m.effect,
                         py::arg("common_cause") = m.common_cause));
  return rows;
}

Results joined(const Results& a, const Results& b) {
  if (a.model != b.model)
    throw std::invalid_argument("results of different scenarios cannot be joined");
  auto results = std::make_shared<RunResults>(*a.results);
  results->append(*b.results);
  Results out{a.model, results, a.record, a.rare_event_chosen_by};
  out.record.trials = results->trials;
  return out;
}

// The FMEA worksheet in one of the renderers' formats (json, table, csv, markdown, html), for
// a scope (or all of them) and a ranking; their names are checked before the GIL is released.
std::string fmea(const Results& r, const std::string& format, double confidence,
                 const std::string& scope, const std::string& rank_by) {
  const FmeaView view{scope, parse_ranking(rank_by)};
  (void)fmea_scopes(*r.model, view.scope);
  FmeaWorksheet sheet;
  {
    py::gil_scoped_release release;
    sheet = fmea_worksheet(*r.results, *r.model, FmeaBands{}, confidence, view);
  }
  return render_fmea(sheet, r.record, format);
}

// The per-trial arrays of RunResults: each is [trial, ...] with the inner shape given here.
using Shape = std::vector<py::ssize_t>;
struct PerTrialArray {
  const char* name;
  TrialArray RunResults::*member;
  Shape (*inner)(const RunResults&);
};

py::ssize_t count(std::size_t n) {
  return static_cast<py::ssize_t>(n);
}
Shape scope_windows(const RunResults& r) {
  return {count(r.scopes.size()), count(r.windows())};
}
Shape scopes_only(const RunResults& r) {
  return {count(r.scopes.size())};
}
Shape scope_modes(const RunResults& r) {
  return {count(r.scopes.size()), count(r.failure_modes.size())};
}
Shape services_only(const RunResults& r) {
  return {count(r.services.size())};
}
Shape sla_windows(const RunResults& r) {
  return {r.trials == 0 ? 0 : count(r.sla_uptime.size() / r.trials)};
}
Shape slo_windows(const RunResults& r) {
  return {r.trials == 0 ? 0 : count(r.slo_spent.size() / r.trials)};
}

const PerTrialArray per_trial_arrays[] = {
    {"scope_down", &RunResults::scope_down, scope_windows},
    {"scope_degraded", &RunResults::scope_degraded, scope_windows},
    {"scope_error", &RunResults::scope_error, scope_windows},
    {"scope_down_by_cause", &RunResults::scope_down_by_cause,
     [](const RunResults& r) -> Shape {
       return {count(r.scopes.size()), count(r.windows()), cause_count};
     }},
    {"scope_outages", &RunResults::scope_outages, scopes_only},
    {"scope_longest_outage", &RunResults::scope_longest_outage, scopes_only},
    {"scope_first_outage", &RunResults::scope_first_outage, scopes_only},
    {"scope_down_at", &RunResults::scope_down_at,
     [](const RunResults& r) -> Shape {
       return {count(r.scopes.size()), count(horizon_points)};
     }},
    {"attributed_down", &RunResults::attributed_down, scope_modes},
    {"attributed_degraded", &RunResults::attributed_degraded, scope_modes},
    {"attributed_error", &RunResults::attributed_error, scope_modes},
    {"service_down", &RunResults::service_down, services_only},
    {"service_degraded", &RunResults::service_degraded, services_only},
    {"sla_uptime", &RunResults::sla_uptime, sla_windows},
    {"sla_credit", &RunResults::sla_credit, sla_windows},
    {"slo_spent", &RunResults::slo_spent, slo_windows},
    {"weights", &RunResults::weights, [](const RunResults&) -> Shape { return {}; }},
};

}  // namespace

void register_results(py::module_& m) {
  py::class_<Results> results(m, "Results", "The results of a run: per-trial arrays and incidents");
  results.def_property_readonly("trials", [](const Results& r) { return r.results->trials; })
      .def_property_readonly("seed", [](const Results& r) { return r.results->seed; })
      .def_property_readonly("first_trial", [](const Results& r) { return r.results->first_trial; })
      .def_property_readonly("horizon", [](const Results& r) { return r.results->horizon; })
      .def_property_readonly("events", [](const Results& r) { return r.results->events; })
      .def_property_readonly(
          "scopes",
          [](const Results& r) {
            py::list out;
            for (const auto& s : r.results->scopes)
              out.append(py::make_tuple(s.name, s.journey ? "journey" : "service"));
            return out;
          })
      .def_property_readonly("services", [](const Results& r) { return r.results->services; })
      .def_property_readonly("slas", [](const Results& r) { return r.results->slas; })
      .def_property_readonly("slos", [](const Results& r) { return r.results->slos; })
      .def_property_readonly("failure_modes", &failure_modes)
      .def_property_readonly("window_bounds",
                             [](const Results& r) { return r.results->window_bounds; })
      .def_property_readonly("sla_window_bounds",
                             [](const Results& r) { return r.results->sla_window_bounds; })
      .def_property_readonly("slo_window_bounds",
                             [](const Results& r) { return r.results->slo_window_bounds; })
      .def_property_readonly("slo_span", [](const Results& r) { return r.results->slo_span; })
      .def_property_readonly("record", [](const Results& r) { return record_dict(r.record); })
      .def("incidents", &incidents)
      .def("outages", &outages)
      .def(
          "summary_json",
          [](const Results& r, double confidence, bool with_analytic) {
            return render_json(summary_of(r, confidence, with_analytic), r.record);
          },
          py::arg("confidence") = 0.95, py::arg("analytic") = false)
      .def(
          "table",
          [](const Results& r, double confidence, bool with_analytic) {
            return render_table(summary_of(r, confidence, with_analytic), r.record);
          },
          py::arg("confidence") = 0.95, py::arg("analytic") = false)
      .def("joined", &joined, py::arg("other"))
      .def("fmea", &fmea, py::arg("format"), py::arg("confidence") = 0.95, py::arg("scope") = "",
           py::arg("rank_by") = "budget");
  for (const PerTrialArray& array : per_trial_arrays) {
    results.def_property_readonly(array.name, [array](py::object self) {
      const RunResults& r = *results_of(self).results;
      Shape shape = array.inner(r);
      shape.insert(shape.begin(), count(r.trials));
      return view(self, r.*array.member, shape);
    });
  }
}

}  // namespace reliasim::python
