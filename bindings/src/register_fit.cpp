// Fitting incident durations (docs/fit.md): an export's calibration, kept whole for the Python
// layer's tables, plots and scenario YAML, and fits of plain duration arrays.
#include <pybind11/stl.h>

#include <cmath>
#include <stdexcept>

#include "registrations.hpp"
#include "reliasim/fit/calibration.hpp"
#include "reliasim/incidents/read_history.hpp"
#include "reliasim/render/fit.hpp"

namespace py = pybind11;

namespace reliasim::python {
namespace {

using fit::Calibration;

std::vector<fit::Family> families_of(const std::vector<std::string>& names) {
  std::vector<fit::Family> families;
  for (const auto& name : names) {
    const auto family = fit::family_named(name);
    if (!family)
      throw std::invalid_argument("unknown family '" + name +
                                  "': use exponential, lognormal, weibull or gamma");
    families.push_back(*family);
  }
  if (families.empty()) return {fit::all_families.begin(), fit::all_families.end()};
  return families;
}

py::dict interval_dict(const Interval& i) {
  py::dict d;
  d["estimate"] = i.estimate;
  d["lower"] = i.lower;
  d["upper"] = i.upper;
  return d;
}

py::dict family_dict(const fit::FamilyResult& family) {
  py::dict row;
  row["family"] = std::string(fit::to_string(family.family));
  if (!family.outcome.fit) {
    row["problem"] = family.outcome.problem;
    return row;
  }
  const auto& f = *family.outcome.fit;
  py::dict parameters;
  for (const auto& p : f.parameters) parameters[p.name.c_str()] = interval_dict(p.value);
  for (const auto& p : f.summaries) parameters[p.name.c_str()] = interval_dict(p.value);
  row["parameters"] = parameters;
  row["log_likelihood"] = f.log_likelihood;
  row["aic"] = f.aic;
  row["delta_aic"] = family.delta_aic;
  if (family.goodness) {
    row["ks"] = family.goodness->kolmogorov_smirnov;
    row["ks_p"] = family.goodness->kolmogorov_smirnov_p;
    row["ad"] = family.goodness->anderson_darling;
    row["ad_p"] = family.goodness->anderson_darling_p;
  }
  return row;
}

const fit::StageFit& stage_of(const Calibration& c, const std::string& group,
                              const std::string& stage) {
  for (const auto& g : c.groups)
    if (g.name == group)
      for (const auto& s : g.stages)
        if (fit::to_string(s.stage) == stage) return s;
  throw py::key_error("no group '" + group + "' with a stage '" + stage + "'");
}

const fit::DistributionFit& fitted(const fit::StageFit& stage, const std::string& family) {
  for (const auto& f : stage.families)
    if (fit::to_string(f.family) == family && f.outcome.fit) return *f.outcome.fit;
  throw py::key_error("no " + family + " fit for this stage");
}

Calibration fit_export(const std::string& path, const incidents::ReadSettings& read,
                       const fit::FitSettings& settings) {
  const auto history = incidents::read_incident_history(path, read);
  py::gil_scoped_release release;
  return fit::calibrate(history, settings);
}

}  // namespace

void register_fit(py::module_& m) {
  py::class_<Calibration>(m, "Calibration")
      .def(
          "render",
          [](const Calibration& c, const std::string& format, bool blocks) {
            return render_fit(c, format, blocks);
          },
          py::arg("format"), py::arg("blocks") = false)
      .def("groups",
           [](const Calibration& c) {
             py::list groups;
             for (const auto& g : c.groups) {
               py::dict d;
               d["group"] = g.name;
               d["incidents"] = g.incidents;
               d["open"] = g.open;
               d["rate_per_year"] = interval_dict(g.rate_per_year);
               d["warnings"] = g.warnings;
               groups.append(d);
             }
             return groups;
           })
      .def("rows",
           [](const Calibration& c) {
             py::list rows;
             for (const auto& g : c.groups)
               for (const auto& s : g.stages)
                 for (const auto& f : s.families) {
                   py::dict row = family_dict(f);
                   row["group"] = g.name;
                   row["stage"] = std::string(fit::to_string(s.stage));
                   row["n"] = s.sample.size();
                   row["open"] = s.sample.right_censored.size();
                   row["best"] = &f == s.best();
                   rows.append(row);
                 }
             return rows;
           })
      .def("sample",
           [](const Calibration& c, const std::string& group, const std::string& stage) {
             const auto& s = stage_of(c, group, stage).sample;
             py::dict d;
             d["observed"] = s.observed;
             d["right_censored"] = s.right_censored;
             d["left_censored"] = s.left_censored;
             return d;
           })
      .def("kaplan_meier",
           [](const Calibration& c, const std::string& group, const std::string& stage) {
             std::vector<double> times, below, at;
             for (const auto& step : fit::kaplan_meier(stage_of(c, group, stage).sample)) {
               times.push_back(step.time);
               below.push_back(step.below);
               at.push_back(step.at);
             }
             return py::make_tuple(times, below, at);
           })
      .def("cdf",
           [](const Calibration& c, const std::string& group, const std::string& stage,
              const std::string& family, const std::vector<double>& xs) {
             const auto& f = fitted(stage_of(c, group, stage), family);
             std::vector<double> out;
             for (const double x : xs) out.push_back(fit::cdf(f.distribution, x));
             return out;
           })
      .def("quantile", [](const Calibration& c, const std::string& group, const std::string& stage,
                          const std::string& family, const std::vector<double>& ps) {
        const auto& f = fitted(stage_of(c, group, stage), family);
        std::vector<double> out;
        for (const double p : ps) out.push_back(fit::quantile(f.distribution, p));
        return out;
      });

  m.def("fit_export",
        [](const std::string& path, const std::string& mapping,
           const std::vector<std::string>& columns, const std::vector<std::string>& group_by,
           bool one_group, const std::string& utc_offset, const std::string& since,
           const std::string& until, double resolution, const std::vector<std::string>& families,
           int resamples, std::uint64_t seed, double confidence) {
          incidents::ReadSettings read;
          read.mapping = mapping;
          read.columns = columns;
          read.group_by = group_by;
          read.one_group = one_group;
          read.utc_offset = utc_offset;
          read.since = since;
          read.until = until;
          read.resolution = resolution;
          fit::FitSettings settings;
          settings.families = families_of(families);
          settings.resamples = resamples;
          settings.seed = seed;
          settings.confidence = confidence;
          return fit_export(path, read, settings);
        });

  m.def("fit_durations", [](const std::vector<double>& observed,
                            const std::vector<double>& right_censored,
                            const std::vector<double>& left_censored, double resolution,
                            const std::vector<std::string>& families, int resamples,
                            std::uint64_t seed, double confidence) {
    fit::DurationSample sample{observed, right_censored, left_censored, resolution};
    for (const auto* part : {&observed, &right_censored, &left_censored})
      for (const double x : *part)
        if (!(x > 0.0) || !std::isfinite(x))
          throw std::invalid_argument("durations must be finite and > 0; got " + std::to_string(x));
    fit::FitSettings settings;
    settings.families = families_of(families);
    settings.resamples = resamples;
    settings.seed = seed;
    settings.confidence = confidence;
    std::vector<fit::FamilyResult> fitted;
    {
      py::gil_scoped_release release;
      fitted = fit::fit_families(sample, settings, seed);
    }
    py::list rows;
    for (const auto& f : fitted) rows.append(family_dict(f));
    return rows;
  });
}

}  // namespace reliasim::python
