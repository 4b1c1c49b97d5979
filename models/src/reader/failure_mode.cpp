// Failure modes and common causes: occurrence, impact and the incident lifecycle.
#include "sections.hpp"

namespace reliasim::scenario::reader {

std::optional<double> read_deploy_rate(const Value& value) {
  if (value.is_scalar()) return value.rate();
  auto f = value.fields({"per_week", "per_day"});
  if (!f) return std::nullopt;
  const auto which = f->one_of({"per_week", "per_day"});
  if (!which) return std::nullopt;
  const auto count = f->get(*which)->positive_number();
  if (!count) return std::nullopt;
  return *count / ((*which == "per_week" ? 7.0 : 1.0) * 86400.0);
}

namespace {

std::optional<Detector> read_detector(DetectionChannel channel, const Value& value) {
  auto f = value.fields({"probability", "delay"});
  if (!f) return std::nullopt;
  // Both keys are read before giving up, so that both can be reported.
  const auto p = f->get("probability");
  const auto probability = p ? p->probability() : std::optional<double>(1.0);
  const auto delay = f->required("delay");
  auto spec = delay ? delay->distribution() : std::nullopt;
  if (!probability || !spec) return std::nullopt;
  return Detector{channel, *probability, std::move(*spec)};
}

std::optional<Detection> read_detection(const Value& value) {
  auto f = value.fields({"alert", "canary", "probe", "fallback"});
  if (!f) return std::nullopt;
  Detection detection;
  detection.given = true;
  const std::pair<const char*, DetectionChannel> channels[] = {{"alert", DetectionChannel::alert},
                                                               {"canary", DetectionChannel::canary},
                                                               {"probe", DetectionChannel::probe}};
  for (const auto& [key, channel] : channels)
    if (auto v = f->get(key))
      if (auto detector = read_detector(channel, *v)) detection.detectors.push_back(*detector);
  if (auto fallback = f->get("fallback")) {
    if (auto g = fallback->fields({"customer_report"}))
      if (auto report = g->required("customer_report"))
        detection.customer_report = report->distribution();
  }
  return detection;
}

std::optional<Mitigation> read_mitigation(const Value& value) {
  auto f = value.fields({"rollback", "failover", "restart", "manual", "wait", "by"});
  if (!f) return std::nullopt;
  const auto which = f->one_of({"rollback", "failover", "restart", "manual", "wait"});
  if (!which) return std::nullopt;
  const std::pair<const char*, MitigationKind> kinds[] = {{"rollback", MitigationKind::rollback},
                                                          {"failover", MitigationKind::failover},
                                                          {"restart", MitigationKind::restart},
                                                          {"manual", MitigationKind::manual},
                                                          {"wait", MitigationKind::wait}};
  Mitigation mitigation;
  for (const auto& [key, kind] : kinds)
    if (*which == key) mitigation.kind = kind;
  auto duration = f->get(*which)->distribution();
  if (!duration) return std::nullopt;
  mitigation.duration = std::move(*duration);
  if (auto by = f->get("by")) {
    if (mitigation.kind == MitigationKind::wait)
      by->error("waiting for a third party occupies no crew; remove 'by'");
    else if (auto crew = by->name())
      mitigation.crew = Name{*crew, by->place()};
  }
  return mitigation;
}

std::optional<Repair> read_repair(const Value& value) {
  if (value.is_scalar()) {
    if (value.text() == "none") return Repair{.never = true, .duration = {}, .crew = {}};
    value.expected("none, {self_heal: DIST} or {manual: DIST, by: crew}");
    return std::nullopt;
  }
  auto f = value.fields({"self_heal", "manual", "by"});
  if (!f) return std::nullopt;
  const auto which = f->one_of({"self_heal", "manual"});
  if (!which) return std::nullopt;
  Repair repair;
  repair.self_heal = *which == "self_heal";
  auto duration = f->get(*which)->distribution();
  if (!duration) return std::nullopt;
  repair.duration = std::move(*duration);
  if (auto by = f->get("by")) {
    if (repair.self_heal)
      by->error("a self-healing repair needs no crew; remove 'by'");
    else if (auto crew = by->name())
      repair.crew = Name{*crew, by->place()};
  }
  return repair;
}

}  // namespace

std::optional<Occurrence> read_occurrence(const Value& value) {
  auto f =
      value.fields({"rate", "mtbf", "per_deploy", "deploys", "exponential", "weibull", "lognormal",
                    "gamma", "normal", "uniform", "triangular", "fixed", "empirical"});
  if (!f) return std::nullopt;
  Occurrence occurrence;
  occurrence.place = value.place();
  if (f->has("per_deploy")) {
    occurrence.per_deploy_probability = f->get("per_deploy")->probability();
    if (auto deploys = f->get("deploys"))
      occurrence.deploys_per_second = read_deploy_rate(*deploys);
    if (f->size() > (f->has("deploys") ? 2u : 1u))
      value.error("'per_deploy' goes with 'deploys' only; remove the other keys");
    return occurrence;
  }
  if (auto deploys = f->get("deploys")) deploys->error("'deploys' needs 'per_deploy' beside it");
  if (f->size() != 1) {
    if (f->size() == 0 && f->had_unknown()) return std::nullopt;  // reported with a suggestion
    std::string got;
    for (const auto& [key, v] : f->entries()) got += (got.empty() ? "" : ", ") + key;
    value.error(
        "takes one way of occurring: {rate: 4/y}, {mtbf: 90d}, a distribution such as "
        "{weibull: {shape: 1.5, scale: 30d}}, or {per_deploy: 5%, deploys: 10/w}; got " +
        (got.empty() ? std::string("none") : got));
    return std::nullopt;
  }
  const auto& [key, v] = f->entries().front();
  if (key == "rate") {
    if (auto rate = v.rate())
      occurrence.time_to_failure = DistributionSpec::exponential_mean(1 / *rate);
  } else if (key == "mtbf") {
    if (auto mtbf = v.positive_duration())
      occurrence.time_to_failure = DistributionSpec::exponential_mean(*mtbf);
  } else {
    occurrence.time_to_failure = value.distribution();  // the map is {kind: parameters}
  }
  if (!occurrence.time_to_failure) return std::nullopt;
  return occurrence;
}

std::optional<Impact> read_impact(const Value& value) {
  if (value.is_scalar()) {
    const auto text = value.text();
    if (text == "down") return Impact{};
    value.expected("'down' or {degrade: fraction}");
    return std::nullopt;
  }
  auto f = value.fields({"degrade"});
  if (!f) return std::nullopt;
  const auto degrade = f->required("degrade");
  const auto fraction = degrade ? degrade->probability() : std::nullopt;
  if (!fraction) return std::nullopt;
  if (*fraction <= 0) {
    degrade->expected("a fraction of failing requests greater than zero");
    return std::nullopt;
  }
  return Impact{*fraction >= 1.0, *fraction};
}

std::optional<Attribution> read_attribution(const Value& value) {
  const auto text = value.text();
  if (text == "internal") return Attribution::internal;
  if (text == "third_party") return Attribution::third_party;
  if (text == "customer") return Attribution::customer;
  if (text) value.expected("internal, third_party or customer");
  return std::nullopt;
}

void read_lifecycle(const Fields& f, Lifecycle& lifecycle) {
  if (auto v = f.get("detect"))
    if (auto detection = read_detection(*v)) lifecycle.detect = std::move(*detection);
  if (auto v = f.get("engage")) lifecycle.engage = v->distribution();
  if (auto v = f.get("mitigate")) lifecycle.mitigate = read_mitigation(*v);
  if (auto v = f.get("repair")) lifecycle.repair = read_repair(*v);
  if (auto v = f.get("runbook")) lifecycle.runbook = v->boolean().value_or(false);
}

namespace {

// A failure's own lifecycle, read as `defaults` is; but a self-healing failure ends when it
// heals, so a `mitigate` beside it would never be used.
void read_own_lifecycle(const Fields& f, Lifecycle& lifecycle) {
  read_lifecycle(f, lifecycle);
  if (lifecycle.mitigate && lifecycle.repair && lifecycle.repair->self_heal)
    if (auto v = f.get("mitigate"))
      v->error(
          "a self-healing failure ends when it heals, so 'mitigate' would never be used; remove "
          "it, or repair with {manual: ...}");
}

}  // namespace

std::optional<FailureMode> read_failure_mode(const Value& value) {
  auto f = value.fields({"name", "cause", "effect", "scope", "occurs", "impact", "detect", "engage",
                         "mitigate", "repair", "runbook", "attributable_to"});
  if (!f) return std::nullopt;
  FailureMode mode;
  mode.place = value.place();
  if (auto v = f->required("name"))
    if (auto name = v->name()) mode.name = Name{*name, v->place()};
  if (auto v = f->get("cause")) mode.cause = v->text().value_or("");
  if (auto v = f->get("effect")) mode.effect = v->text().value_or("");
  if (auto v = f->get("scope")) {
    const auto scope = v->text();
    if (scope == "replica")
      mode.scope = Scope::replica;
    else if (scope != "service")
      v->expected("replica or service");
  }
  if (auto v = f->required("occurs"))
    if (auto occurs = read_occurrence(*v)) mode.occurs = std::move(*occurs);
  if (auto v = f->get("impact"))
    if (auto impact = read_impact(*v)) mode.impact = *impact;
  if (auto v = f->get("attributable_to")) mode.attributable_to = read_attribution(*v);
  read_own_lifecycle(*f, mode.lifecycle);
  return mode;
}

std::optional<CommonCause> read_common_cause(const Value& value) {
  auto f = value.fields({"name", "cause", "effect", "hits", "occurs", "impact", "detect", "engage",
                         "mitigate", "repair", "runbook", "attributable_to"});
  if (!f) return std::nullopt;
  CommonCause cause;
  if (auto v = f->required("name"))
    if (auto name = v->name()) cause.name = Name{*name, v->place()};
  if (auto v = f->get("cause")) cause.cause = v->text().value_or("");
  if (auto v = f->get("effect")) cause.effect = v->text().value_or("");
  if (auto v = f->required("hits")) {
    cause.hits.place = v->place();
    if (auto hits = v->fields({"zone", "zones", "services"})) {
      const auto which = hits->one_of({"zone", "zones", "services"});
      if (which == "zone") {
        const Value zone = *hits->get("zone");
        if (auto text = zone.name()) {
          if (*text == "any")
            cause.hits.any_zone = true;
          else
            cause.hits.zones.push_back({*text, zone.place()});
        }
      } else if (which) {
        auto names = hits->get(*which)->names();
        (*which == "zones" ? cause.hits.zones : cause.hits.services) = std::move(names);
      }
    }
  }
  if (auto v = f->required("occurs"))
    if (auto occurs = read_occurrence(*v)) cause.occurs = std::move(*occurs);
  if (auto v = f->get("impact"))
    if (auto impact = read_impact(*v)) cause.impact = *impact;
  if (auto v = f->get("attributable_to")) cause.attributable_to = read_attribution(*v);
  read_own_lifecycle(*f, cause.lifecycle);
  return cause;
}

}  // namespace reliasim::scenario::reader
