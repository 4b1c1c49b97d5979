// Windows, SLOs and SLAs.
#include <string>

#include "reliasim/scenario/units.hpp"
#include "sections.hpp"

namespace reliasim::scenario::reader {
namespace {

const char* const window_help =
    "calendar-month, a fixed length such as 30d, or a rolling "
    "window such as 30d-rolling";

void read_scope(const Fields& f, Target& scope) {
  const auto which = f.one_of({"journey", "service"});
  if (!which) return;
  const Value v = *f.get(*which);
  if (auto name = v.name())
    (*which == "journey" ? scope.journey : scope.service) = Name{*name, v.place()};
}

std::optional<Measure> read_measure(const Value& value) {
  Measure measure;
  if (value.is_scalar()) {
    const auto text = value.text();
    if (text == "bad_minutes") return measure;
    if (text == "interval_error_rate")
      measure.rule = MeasureRule::interval_error_rate;
    else if (text == "weighted_outage")
      measure.rule = MeasureRule::weighted_outage;
    else {
      value.expected("bad_minutes, interval_error_rate or weighted_outage");
      return std::nullopt;
    }
    return measure;
  }
  auto f = value.fields({"bad_minutes", "interval_error_rate", "weighted_outage"});
  if (!f) return std::nullopt;
  const auto which = f->one_of({"bad_minutes", "interval_error_rate", "weighted_outage"});
  if (!which) return std::nullopt;
  const Value v = *f->get(*which);
  if (*which == "weighted_outage") {
    measure.rule = MeasureRule::weighted_outage;
    if (!v.node().IsNull() && !(v.is_map() && v.node().size() == 0))
      v.expected("no parameters ({} or nothing)");
    return measure;
  }
  if (v.node().IsNull()) {
    if (*which == "interval_error_rate") measure.rule = MeasureRule::interval_error_rate;
    return measure;
  }
  if (*which == "bad_minutes") {
    auto g = v.fields({"granularity", "min_run", "error_threshold"});
    if (!g) return std::nullopt;
    if (auto x = g->get("granularity")) measure.granularity = x->positive_duration().value_or(60.0);
    if (auto x = g->get("min_run")) measure.min_run = x->duration().value_or(0.0);
    if (auto x = g->get("error_threshold")) measure.error_threshold = x->positive_share();
    return measure;
  }
  measure.rule = MeasureRule::interval_error_rate;
  auto g = v.fields({"interval"});
  if (!g) return std::nullopt;
  if (auto x = g->get("interval")) measure.interval = x->positive_duration().value_or(300.0);
  return measure;
}

std::optional<CreditTier> read_tier(const Value& value) {
  auto f = value.fields({"below", "credit"});
  if (!f) return std::nullopt;
  const auto below = f->required("below");
  const auto credit = f->required("credit");
  const auto below_value = below ? below->probability() : std::nullopt;
  const auto credit_value = credit ? credit->probability() : std::nullopt;
  if (!below_value || !credit_value) return std::nullopt;
  return CreditTier{{*below_value, below->place()}, {*credit_value, credit->place()}};
}

void read_fee(const Value& value, Sla& sla) {
  auto f = value.fields({"monthly", "currency"});
  if (!f) return;
  if (auto v = f->required("monthly")) {
    const auto amount = v->number();
    if (amount && *amount < 0)
      v->expected("an amount >= 0");
    else
      sla.monthly_fee = amount.value_or(0.0);
  }
  if (auto v = f->required("currency")) sla.currency = v->text().value_or("");
}

const char* const breach_only_hint = "an SLA without credits and fee reports breaches only";

// `cap` and `min_payout` shape a credit schedule; without one they have nothing to act on.
void refuse_without_schedule(const Fields& f) {
  for (const char* key : {"cap", "min_payout"})
    if (auto v = f.get(key))
      v->error(std::string(key) + " shapes a credit schedule, and this SLA has none; give " +
               "credits and fee, or remove " + key + " (" + breach_only_hint + ")");
}

// `credits` and `fee` come together (each tier is a percentage of the fee) or not at all: an
// SLA without money reports breach probability, breach windows and uptime, and no credit.
void read_credit_schedule(const Fields& f, Sla& sla) {
  const auto credits = f.get("credits");
  const auto fee = f.get("fee");
  if (!credits && !fee) {
    refuse_without_schedule(f);
    return;
  }
  if (!fee)
    credits->error(std::string("credits without fee: each tier is a percentage of the fee; add ") +
                   "fee: {monthly: AMOUNT, currency: EUR}, or remove credits (" + breach_only_hint +
                   ")");
  if (!credits)
    fee->error(std::string("fee without credits: the fee is what credit tiers are a percentage ") +
               "of; add credits: [{below: 99.9%, credit: 10%}], or remove fee (" +
               breach_only_hint + ")");
  if (credits) {
    for (const auto& item : credits->items())
      if (auto tier = read_tier(item)) sla.credits.push_back(*tier);
    if (credits->is_list() && credits->node().size() == 0)
      credits->error(std::string("credits lists no tier; give at least one {below, credit}, ") +
                     "or remove credits and fee (" + breach_only_hint + ")");
  }
  if (fee) read_fee(*fee, sla);
  if (auto v = f.get("cap")) sla.cap = v->probability().value_or(1.0);
  if (auto v = f.get("min_payout")) {
    const auto amount = v->number();
    if (amount && *amount < 0)
      v->expected("an amount >= 0");
    else
      sla.min_payout = amount.value_or(0.0);
  }
}

std::optional<Exclusion> read_exclusion(const Value& value) {
  const auto text = value.text();
  if (text == "maintenance") return Exclusion::maintenance;
  if (text == "third_party") return Exclusion::third_party;
  if (text == "customer") return Exclusion::customer;
  if (text) value.expected("maintenance, third_party or customer");
  return std::nullopt;
}

}  // namespace

std::optional<Window> read_window(const Value& value) {
  const auto text = value.text();
  if (!text) return std::nullopt;
  if (*text == "calendar-month") return Window{WindowKind::calendar_month, 0.0, value.place()};
  const std::string suffix = "-rolling";
  const bool rolling = text->size() > suffix.size() &&
                       text->compare(text->size() - suffix.size(), suffix.size(), suffix) == 0;
  const std::string length_text = rolling ? text->substr(0, text->size() - suffix.size()) : *text;
  auto parsed = parse_duration(length_text);
  const double* length = std::get_if<double>(&parsed);
  if (!length || *length < 3600.0) {
    value.expected(window_help);
    return std::nullopt;
  }
  return Window{rolling ? WindowKind::rolling : WindowKind::fixed, *length, value.place()};
}

std::optional<Slo> read_slo(const Value& value) {
  auto f = value.fields({"name", "journey", "service", "target", "window"});
  if (!f) return std::nullopt;
  Slo slo;
  slo.name.place = value.place();
  if (auto v = f->get("name"))
    if (auto name = v->name()) slo.name = {*name, v->place()};
  read_scope(*f, slo.scope);
  if (auto v = f->required("target"))
    if (auto target = v->probability()) slo.target = {*target, v->place()};
  if (auto v = f->get("window")) slo.window = read_window(*v);
  return slo;
}

std::optional<Sla> read_sla(const Value& value) {
  auto f = value.fields({"name", "customer", "journey", "service", "target", "window", "measure",
                         "credits", "fee", "cap", "min_payout", "exclusions"});
  if (!f) return std::nullopt;
  Sla sla;
  sla.name.place = value.place();
  if (auto v = f->required("name"))
    if (auto name = v->name()) sla.name = {*name, v->place()};
  if (auto v = f->get("customer")) sla.customer = v->text().value_or("");
  read_scope(*f, sla.scope);
  if (auto v = f->required("target"))
    if (auto target = v->probability()) sla.target = {*target, v->place()};
  if (auto v = f->get("window")) sla.window = read_window(*v);
  if (auto v = f->required("measure"))
    if (auto measure = read_measure(*v)) sla.measure = *measure;
  read_credit_schedule(*f, sla);
  if (auto v = f->get("exclusions"))
    for (const auto& item : v->items())
      if (auto exclusion = read_exclusion(item)) sla.exclusions.push_back(*exclusion);
  return sla;
}

}  // namespace reliasim::scenario::reader
