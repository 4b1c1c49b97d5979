// The HTML report: every section in a well-formed page, the run record, nothing loaded from
// outside, hostile names escaped everywhere, no NaN or infinity in any SVG coordinate whatever
// the data (no incidents, no SLA, identical trials, undefined intervals), and the tornado only
// when a sensitivity analysis is given.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <regex>
#include <vector>

#include "../simulate/model_builder.hpp"
#include "reliasim/analysis/fmea.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/render/report.hpp"
#include "reliasim/simulate/simulate.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

const std::string hostile = "<script>alert(1)</script>";
constexpr double undefined = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// One service on one journey with an SLA, every name hostile. `mttf` sets how often it fails.
CompiledModel hostile_model(double mttf) {
  ModelBuilder b;
  b.windows(30 * 86400.0);
  const Index api = b.service(hostile + " api");
  b.source(hostile + " crash", {{}, {api}}, mttf, 4 * hour);
  b.journey(hostile, {api});
  b.sla(0.999, 1000.0).name = hostile + " sla";
  CompiledModel model = b.build();
  model.name = hostile;
  return model;
}

// The same, but every trial the same history: failures and repairs at fixed times.
CompiledModel identical_trials_model() {
  ModelBuilder b;
  const Index api = b.service("api");
  b.source("fixed", {{}, {api}}, 1.0, 1.0);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(1000 * hour);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(2 * hour);
  b.journey("use", {api});
  return b.build();
}

// Every trial the same history of degradation only: from day 10, every 10 days after the
// last repair, half the requests fail for exactly one hour. 30-day windows over 90 days hold
// 2, 3 and 3 such hours; the journey has an SLA (bad minutes) and an SLO.
CompiledModel degraded_model() {
  const double day = 86400.0;
  ModelBuilder b(90 * day);
  b.windows(30 * day);
  const Index api = b.service("api");
  b.source("slow", {{}, {api}}, 1.0, 1.0);
  b.last_source().time_to_failure = DistributionSpec::fixed_value(10 * day);
  b.last_source().lifecycle.repair = DistributionSpec::fixed_value(hour);
  b.last_source().down = false;
  b.last_source().degrade = 0.5;
  b.journey("use", {api});
  b.sla(0.999, 1000.0);
  CompiledModel model = b.build();
  model.slos.push_back({"fast", {true, 0}, 0.9995, model.windows});
  return model;
}

RunRecord hostile_record() {
  RunRecord r;
  r.scenario_file = hostile + ".yaml";
  r.scenario_hash = "sha256:0123456789abcdef";
  r.seed = 11;
  r.trials = 60;
  r.precision_run = true;
  r.converged = false;
  r.relative_half_width = 0.083;
  r.command = "reliasim run '" + hostile + "' --seed 11";
  return r;
}

// A run and everything the report is drawn from, kept together for the references.
struct Report {
  CompiledModel model;
  RunResults results;
  Summary summary;
  FmeaWorksheet sheet;
  RunRecord record = hostile_record();

  explicit Report(CompiledModel m, std::uint64_t trials = 60) : model(std::move(m)) {
    RunConfig config;
    config.seed = 11;
    config.trials = trials;
    config.sla_attribution = true;
    results = simulate(model, config);
    summary = summarize(results, model);
    sheet = fmea_worksheet(results, model);
  }
  [[nodiscard]] std::string html(const Sensitivity* sensitivity = nullptr) const {
    const ReportSamples samples = report_samples(results);
    return render_report_html({model, summary, samples, &sheet, sensitivity, record});
  }
};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Every element closed in order (void elements aside): a page whose names broke out of their
// text would not be.
void check_well_formed(const std::string& html) {
  static const std::regex tag(R"(<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>)");
  static const std::vector<std::string> void_elements{"meta", "br", "hr", "img", "input", "link"};
  std::vector<std::string> open;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    const std::string name = (*it)[2];
    if ((*it)[3] == "/" ||
        std::find(void_elements.begin(), void_elements.end(), name) != void_elements.end())
      continue;
    if ((*it)[1] == "") {
      open.push_back(name);
      continue;
    }
    INFO("closing </" << name << "> with <" << (open.empty() ? "" : open.back()) << "> open");
    REQUIRE(!open.empty());
    REQUIRE(open.back() == name);
    open.pop_back();
  }
  CHECK(open.empty());
}

// Every numeric attribute of every SVG element is a finite number (points: a list of them).
void check_finite_coordinates(const std::string& html) {
  static const std::regex attribute(
      R"re(\s(x|y|x1|y1|x2|y2|cx|cy|r|width|height|points|viewBox)="([^"]*)")re");
  static const std::regex number(R"(-?[0-9]+(\.[0-9]+)?)");
  std::size_t checked = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos;
       at = html.find("<svg", at + 1)) {
    const std::string svg = html.substr(at, html.find("</svg>", at) - at);
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), attribute);
         it != std::sregex_iterator(); ++it) {
      std::string value = (*it)[2];
      for (char& c : value)
        if (c == ',') c = ' ';
      std::istringstream words(value);
      for (std::string word; words >> word; ++checked) {
        INFO((*it)[1] << "=\"" << (*it)[2] << "\"");
        CHECK(std::regex_match(word, number));
      }
    }
  }
  CHECK(checked > 0);
}

std::string section(const std::string& html, const std::string& id) {
  const std::size_t start = html.find("<section id=\"" + id + "\">");
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</section>", start) - start);
}

Sensitivity tornado_input() {
  Sensitivity s;
  s.scope = hostile;
  s.currency = "EUR";
  s.trials = 60;
  s.baseline_downtime = {3600, 3000, 4200, 0.95};
  Parameter rate{hostile + " mode", "rate", ParameterKind::rate, 2.0};
  Parameter repair{"db/disk-full", "repair", ParameterKind::duration, 7200};
  s.effects.push_back({rate,
                       1.0,
                       4.0,
                       {-1800, -2000, -1600, 0.95},
                       {3600, 3000, 4200, 0.95},
                       {0, 0, 0, 0.95},
                       {10, 5, 15, 0.95}});
  s.effects.push_back({repair,
                       3600,
                       14400,
                       {undefined, undefined, undefined, 0.95},
                       {600, -infinity, infinity, 0.95},
                       {undefined, undefined, undefined, 0.95},
                       {undefined, undefined, undefined, 0.95}});
  return s;
}

}  // namespace

TEST_CASE("the report is one well-formed page with every section and the run record") {
  const Report report(hostile_model(20 * 86400.0));
  const std::string html = report.html();
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, Catch::EndsWith("</html>\n"));
  check_well_formed(html);
  for (const char* id : {"summary", "availability", "downtime", "reliability", "incident-times",
                         "sla-exposure", "fmea"}) {
    INFO(id);
    CHECK(!section(html, id).empty());
  }
  for (const char* id : {"availability", "downtime", "reliability", "sla-exposure", "fmea"}) {
    INFO(id);
    CHECK(count(section(html, id), "<svg") == 1);
  }
  CHECK(count(section(html, "incident-times"), "<svg") == 2);  // detect and repair
  CHECK(count(html, "<figcaption>") == count(html, "<svg"));
  CHECK_THAT(section(html, "fmea"), Catch::Contains("<th>AP</th>"));
  const std::string record = html.substr(html.find("id=\"run-record\""));
  CHECK_THAT(record, Catch::Contains("reliasim " RELIASIM_VERSION));
  CHECK_THAT(record, Catch::Contains("sha256:0123456789abcdef"));
  CHECK_THAT(record, Catch::Contains("<dd>11</dd>"));
  CHECK_THAT(record, Catch::Contains("<dd>60</dd>"));
  CHECK_THAT(record, Catch::Contains("NOT converged"));
  CHECK_THAT(record, Catch::Contains("--seed 11"));
}

TEST_CASE("the report escapes every name and loads nothing from outside") {
  const std::string html = Report(hostile_model(20 * 86400.0)).html();
  CHECK_THAT(html, !Catch::Contains("<script"));
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  for (const char* external : {"src=", "href=", "<link", "@import", "url(", "http:", "https:"})
    CHECK_THAT(html, !Catch::Contains(external));
  check_well_formed(html);
}

TEST_CASE("the charts hold no NaN or infinity whatever the data") {
  SECTION("an ordinary run") {
    check_finite_coordinates(Report(hostile_model(20 * 86400.0)).html());
  }
  SECTION("no incident at all, so no credit and no incident times") {
    const Report report(hostile_model(1e6 * year));
    REQUIRE(report.results.incidents.empty());
    const std::string html = report.html();
    check_well_formed(html);
    check_finite_coordinates(html);
    CHECK_THAT(section(html, "incident-times"), Catch::Contains("No incident occurred"));
    CHECK_THAT(section(html, "sla-exposure"), Catch::Contains("No simulated year paid a credit"));
    CHECK_THAT(section(html, "fmea"), Catch::Contains("No failure mode caused error time"));
  }
  SECTION("every trial the same, without an SLA") {
    const Report report(identical_trials_model(), 20);
    const std::string html = report.html();
    check_well_formed(html);
    check_finite_coordinates(html);
    CHECK_THAT(section(html, "sla-exposure"), Catch::Contains("defines no SLA"));
    CHECK(count(section(html, "downtime"), "<svg") == 1);
  }
  SECTION("undefined and unbounded intervals") {
    Report report(hostile_model(20 * 86400.0));
    for (Interval& w : report.summary.scopes[0].window_availability)
      w = {undefined, undefined, undefined, 0.95};
    report.summary.scopes[0].window_availability[3] = {0.99, -infinity, infinity, 0.95};
    report.summary.times.ttd.p50 = {undefined, undefined, undefined, 0.95};
    report.summary.slas[0].var95.var = infinity;
    report.summary.slas[0].var99.var = undefined;
    report.summary.scopes[0].downtime_per_year = {undefined, undefined, undefined, 0.95};
    const std::string html = report.html();
    check_well_formed(html);
    check_finite_coordinates(html);
    for (const char* printed : {">nan", " nan", ">inf", " inf ", "-inf"})
      CHECK_THAT(html, !Catch::Contains(printed, Catch::CaseSensitive::No));
    CHECK_THAT(html, Catch::Contains("n/a"));
  }
}

TEST_CASE("the tornado appears only with a sensitivity analysis") {
  const Report report(hostile_model(20 * 86400.0));
  const std::string without = report.html();
  CHECK(section(without, "sensitivity").empty());
  const Sensitivity sensitivity = tornado_input();
  const std::string with = report.html(&sensitivity);
  const std::string tornado = section(with, "sensitivity");
  REQUIRE(!tornado.empty());
  CHECK(count(tornado, "<svg") == 1);
  CHECK(count(with, "<svg") == count(without, "<svg") + 1);
  CHECK_THAT(tornado, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt; mode: rate"));
  CHECK_THAT(tornado, Catch::Contains("class=\"low\""));
  CHECK_THAT(tornado, Catch::Contains("class=\"high\""));
  check_well_formed(with);
  check_finite_coordinates(with);

  Sensitivity empty = sensitivity;
  empty.effects.clear();
  CHECK_THAT(section(report.html(&empty), "sensitivity"), Catch::Contains("no parameter"));
}

TEST_CASE("with the analytic estimate the summary shows it beside the simulation") {
  Report report(hostile_model(20 * 86400.0));
  CHECK_THAT(section(report.html(), "summary"), !Catch::Contains("Analytic availability"));
  report.summary.analytic = analytic::estimate(report.model);
  const std::string summary = section(report.html(), "summary");
  CHECK_THAT(summary, Catch::Contains("Analytic availability"));
  CHECK_THAT(summary, Catch::Contains("exact for this model"));
}

TEST_CASE("degraded and error time are shown, and SLO lines read against requests served") {
  const Report report(degraded_model(), 3);
  const std::string html = report.html();
  // A year holds 365 / 90 of the history: 8 degraded hours, half of them error time.
  const std::string summary = section(html, "summary");
  CHECK_THAT(summary, Catch::Contains("<th>Error time per year (what SLOs spend)</th>"));
  CHECK_THAT(summary, Catch::Contains(">32 h (32 h to 32 h)<"));     // degraded: 8 h x 365 / 90
  CHECK_THAT(summary, Catch::Contains(">16 h (16 h to 16 h)<"));     // error: half of it
  CHECK_THAT(summary, Catch::Contains(">0.0 s (0.0 s to 0.0 s)<"));  // never down
  // Served per window: 1 - 1 h / 720 h, then 1 - 1.5 h / 720 h twice; 1 - 4 h / 2160 h overall.
  const std::string chart = section(html, "availability");
  CHECK_THAT(chart, Catch::Contains("window 1: 100.00 % available"));
  CHECK_THAT(chart, Catch::Contains("window 1: 99.86 % of requests served"));
  CHECK_THAT(chart, Catch::Contains("window 3: 99.79 % of requests served"));
  CHECK_THAT(chart, Catch::Contains("served 99.81 % of requests"));
  CHECK(count(chart, "class=\"line second\"") == 2);  // the line and its legend
  CHECK_THAT(chart, Catch::Contains("SLO fast: 99.95 % (requests served)"));
  CHECK_THAT(chart, Catch::Contains("SLA sla: 99.9 % (availability)"));
  check_well_formed(html);
  check_finite_coordinates(html);
}
