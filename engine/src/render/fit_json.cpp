#include "fit_parts.hpp"
#include "json_parts.hpp"
#include "reliasim/render/fit.hpp"

namespace reliasim {
namespace {

using json_parts::json;
using json_parts::number;

json parameters_json(const std::vector<fit::Parameter>& parameters) {
  json list = json::object();
  for (const auto& p : parameters)
    list[p.name] = json_parts::interval(p.value, p.is_duration ? "seconds" : "1");
  return list;
}

json family_json(const fit::FamilyResult& family) {
  json out = {{"family", fit::to_string(family.family)}};
  if (!family.outcome.fit) {
    out["problem"] = family.outcome.problem;
    return out;
  }
  const auto& fit = *family.outcome.fit;
  out["parameters"] = parameters_json(fit.parameters);
  out["summaries"] = parameters_json(fit.summaries);
  out["log_likelihood"] = number(fit.log_likelihood);
  out["aic"] = number(fit.aic);
  out["delta_aic"] = number(family.delta_aic);
  const auto& g = *family.goodness;
  out["kolmogorov_smirnov"] = {{"statistic", number(g.kolmogorov_smirnov)},
                               {"p_value", number(g.kolmogorov_smirnov_p)}};
  out["anderson_darling"] = {{"statistic", number(g.anderson_darling)},
                             {"p_value", number(g.anderson_darling_p)}};
  out["resamples"] = g.resamples;
  return out;
}

json stage_json(const fit::StageFit& stage) {
  json out = {{"stage", fit::to_string(stage.stage)},
              {"definition", fit::description(stage.stage)},
              {"recorded", stage.recorded}};
  if (!stage.recorded) return out;
  out["durations"] = stage.sample.size();
  out["ended"] = stage.sample.observed.size();
  out["open"] = stage.sample.right_censored.size();
  out["at_most_resolution"] = stage.sample.left_censored.size();
  out["missing"] = stage.missing;
  out["median"] = stage.median ? json_parts::interval(*stage.median, "seconds") : json(nullptr);
  json families = json::array();
  for (const auto& family : stage.families) families.push_back(family_json(family));
  out["families"] = std::move(families);
  out["best"] = stage.best() ? json(fit::to_string(stage.best()->family)) : json(nullptr);
  return out;
}

}  // namespace

std::string render_fit_json(const fit::Calibration& c) {
  json groups = json::array();
  for (const auto& group : c.groups) {
    json stages = json::array();
    for (const auto& stage : group.stages) stages.push_back(stage_json(stage));
    groups.push_back({{"name", group.name},
                      {"incidents", group.incidents},
                      {"open", group.open},
                      {"rate", json_parts::interval(group.rate_per_year, "per year")},
                      {"stages", std::move(stages)},
                      {"warnings", group.warnings}});
  }
  json document = {{"engine_version", RELIASIM_VERSION},
                   {"source", {{"file", c.source}, {"sha256", c.sha256}}},
                   {"period",
                    {{"start", fit_parts::utc_time(c.period_start)},
                     {"end", fit_parts::utc_time(c.period_end)},
                     {"days", number((c.period_end - c.period_start) / 86400.0)}}},
                   {"group_by", c.group_by},
                   {"confidence", c.settings.confidence},
                   {"resamples", c.settings.resamples},
                   {"seed", c.settings.seed},
                   {"groups", std::move(groups)}};
  return json_parts::text(document);
}

}  // namespace reliasim
