// FMEA renderers: CSV that no spreadsheet reads as a formula, HTML and Markdown that no name
// can inject markup into, infinite worths kept infinite, and the run record in every format.
#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reliasim/render/fmea.hpp"

using namespace reliasim;

namespace {

FmeaWorksheet hostile_sheet() {
  FmeaWorksheet sheet;
  sheet.scope = "checkout";
  sheet.trials = 100;
  sheet.seed = 7;
  sheet.currencies = {"EUR"};
  sheet.credit_per_year = {{"EUR", {120.0, 100.0, 140.0, 0.95}}};
  sheet.unattributed_credit = {{"EUR", {0.0, 0.0, 0.0, 0.95}}};
  FmeaRow row;
  row.info = {"<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "-2+3", "@SUM(A1)", false};
  row.incidents_per_year = {2.0, 1.5, 2.5, 0.95};
  row.downtime_per_year = {600.0, 500.0, 700.0, 0.95};
  row.downtime_share = 1.0;
  row.credit_per_year = {{"EUR", {120.0, 100.0, 140.0, 0.95}}};
  row.ttd_median = {60.0, 50.0, 70.0, 0.95};
  row.ttr_median = {3600.0, 3000.0, 4000.0, 0.95};
  row.severity = 9, row.occurrence = 5, row.detection = 3, row.rpn = 135;
  row.priority = ActionPriority::high;
  row.importance = {0.5, 1.0, 2.0, std::numeric_limits<double>::infinity()};
  sheet.rows.push_back(row);
  row.info = {"pipe|name", "\tservice", "+cause", "line\nbreak, with comma", true};
  row.importance.reduction_worth = 1.25;
  sheet.rows.push_back(row);
  return sheet;
}

RunRecord record() {
  RunRecord r;
  r.scenario_file = "shop,=evil.yaml";
  r.scenario_hash = "sha256:0123456789abcdef";
  r.seed = 7;
  r.trials = 100;
  r.command = "reliasim fmea shop.yaml --seed 7";
  return r;
}

// RFC 4180 fields of one CSV document (quoted fields may hold commas and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"' && !started) {
      quoted = started = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear(), started = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field), field.clear(), started = false;
      rows.emplace_back();
      ++i;
    } else {
      field += c, started = true;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE("CSV fields that a spreadsheet would run as formulas get a leading quote") {
  CHECK(csv_field("=1+1") == "'=1+1");
  CHECK(csv_field("+1") == "'+1");
  CHECK(csv_field("-1") == "'-1");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_field("\tx") == "' x");
  CHECK(csv_field("\rx") == "'\\rx");  // one line: the break reads \r
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("=\"x\",y") == "\"'=\"\"x\"\",y\"");
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("a=b") == "a=b");
  CHECK(csv_field("").empty());
}

TEST_CASE("the CSV worksheet: run record comment first, no field that starts a formula") {
  const std::string csv = render_fmea_csv(hostile_sheet(), record());
  const auto rows = parse_csv(csv);
  REQUIRE(rows.size() == 4);  // comment, header, two failure modes
  REQUIRE(rows[0].size() == 1);
  CHECK_THAT(rows[0][0], Catch::StartsWith("# run: reliasim "));
  CHECK_THAT(rows[0][0], Catch::Contains("sha256:0123456789abcdef"));
  CHECK_THAT(rows[0][0], Catch::Contains("seed 7; trials 100"));
  CHECK_THAT(rows[0][0], Catch::Contains("reliasim fmea shop.yaml --seed 7"));
  CHECK(rows[1][0] == "rank");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    CHECK(rows[r].size() == rows[1].size());
    for (const auto& field : rows[r]) {
      INFO(field);
      CHECK((field.empty() || std::string("=+-@\t\r").find(field[0]) == std::string::npos));
    }
  }
  CHECK(rows[2][1] == "'=HYPERLINK(\"http://x\")");
  CHECK(rows[2][3] == "'-2+3");
  CHECK(rows[3][4] == "line\\nbreak, with comma");
  CHECK(rows[2].back() == "inf");
}

TEST_CASE("HTML escapes every name and loads nothing from outside") {
  const std::string html = render_fmea_html(hostile_sheet(), record());
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, !Catch::Contains("<script"));
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("=HYPERLINK(&quot;http://x&quot;)"));
  for (const char* external : {"src=", "href=", "<link", "@import", "url("})
    CHECK_THAT(html, !Catch::Contains(external));
  CHECK_THAT(html, Catch::Contains("sha256:0123456789abcdef"));
  CHECK_THAT(html, Catch::Contains("seed 7, trials 100"));
  CHECK(html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
}

TEST_CASE("Markdown keeps a table per line whatever the names hold") {
  const std::string md = render_fmea_markdown(hostile_sheet(), record());
  CHECK_THAT(md, !Catch::Contains("<script"));
  CHECK_THAT(md, Catch::Contains("pipe\\|name"));
  CHECK_THAT(md, Catch::Contains("line\\\\nbreak, with comma"));
  CHECK_THAT(md, Catch::Contains("sha256:0123456789abcdef"));
  std::istringstream lines(md);
  std::size_t table_rows = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("| 1 |", 0) == 0 || line.rfind("| 2 |", 0) == 0) ++table_rows;
  CHECK(table_rows == 2);
}

TEST_CASE("JSON keeps an infinite worth infinite and carries the run record") {
  const auto document = nlohmann::json::parse(render_fmea_json(hostile_sheet(), record()));
  CHECK(document["run"]["seed"] == 7);
  CHECK(document["run"]["scenario_hash"] == "sha256:0123456789abcdef");
  const auto& first = document["failure_modes"][0];
  CHECK(first["name"] == "<script>alert(1)</script>");
  CHECK(first["importance"]["risk_reduction_worth"] == "inf");
  CHECK(first["importance"]["risk_achievement_worth"] == 2.0);
  CHECK(first["action_priority"] == "H");
  CHECK(document["failure_modes"][1]["importance"]["risk_reduction_worth"] == 1.25);
}

TEST_CASE("the terminal table shows infinite worths and the run record") {
  const std::string table = render_fmea_table(hostile_sheet(), record());
  CHECK_THAT(table, Catch::Contains("inf"));
  CHECK_THAT(table, Catch::Contains("run: reliasim "));
  CHECK_THAT(table, Catch::Contains("command: reliasim fmea shop.yaml --seed 7"));
}

namespace {

// Two rows measured in different scopes: the first with a runbook, 1.5 of its scope's error
// budget, an hour degraded, two hours of an SLA's bad time and a quarter of an SLO's budget.
FmeaWorksheet scoped_sheet() {
  FmeaWorksheet sheet;
  sheet.scope = all_scopes;
  sheet.trials = 100;
  sheet.slas = {"gold"};
  sheet.slos = {"checkout-slo"};
  FmeaScope checkout;
  checkout.name = "checkout";
  checkout.error_budget_per_year = 0.0005 * 365 * 86400;
  FmeaScope browse = checkout;
  browse.name = "browse";
  browse.index = 1;
  sheet.scopes = {checkout, browse};
  FmeaRow row;
  row.info = {"bad-deploy", "checkout-api", "regression", "errors", false};
  row.scope = "checkout";
  row.runbook = true;
  row.degraded_per_year = {3600.0, 3000.0, 4200.0, 0.95};
  row.budget_burn = {1.5, 1.2, 1.8, 0.95};
  row.sla_bad_time = {{7200.0, 7000.0, 7400.0, 0.95}};
  row.slo_burn = {{0.25, 0.2, 0.3, 0.95}};
  sheet.rows.push_back(row);
  row.info.name = "host-failure";
  row.scope = "browse";
  row.runbook = false;
  row.degraded_per_year = row.budget_burn = row.sla_bad_time[0] = row.slo_burn[0] = {};
  sheet.rows.push_back(row);
  return sheet;
}

// The cells of a Markdown table line (names here hold no escaped pipes).
std::vector<std::string> markdown_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::istringstream parts(line.substr(1));
  for (std::string cell; std::getline(parts, cell, '|');)
    cells.push_back(cell.substr(1, cell.size() - 2));
  return cells;
}

// The cells of the `n`-th <tr> of the first HTML table (0: the header), tags stripped.
std::vector<std::string> html_cells(const std::string& html, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t i = 0; i <= n; ++i) at = html.find("<tr>", at) + 4;
  const std::size_t end = html.find("</tr>", at);
  std::vector<std::string> cells;
  for (std::size_t open = html.find('<', at); open < end; open = html.find('<', open + 1)) {
    if (html[open + 1] == '/') continue;
    const std::size_t text = html.find('>', open) + 1;
    cells.push_back(html.substr(text, html.find('<', text) - text));
  }
  return cells;
}

// The value under `column` in `row`, given the header.
std::string cell(const std::vector<std::string>& header, const std::vector<std::string>& row,
                 const std::string& column) {
  const auto at = std::find(header.begin(), header.end(), column);
  if (at == header.end()) FAIL("no column " << column);
  return row.at(static_cast<std::size_t>(at - header.begin()));
}

}  // namespace

TEST_CASE("every format shows the scope, the runbook mark, degraded time and budget burns") {
  const FmeaWorksheet sheet = scoped_sheet();
  SECTION("CSV") {
    const auto rows = parse_csv(render_fmea_csv(sheet, record()));
    REQUIRE(rows.size() == 4);
    const auto& h = rows[1];
    CHECK(cell(h, rows[2], "runbook") == "true");
    CHECK(cell(h, rows[3], "runbook") == "false");
    CHECK(cell(h, rows[2], "scope") == "checkout");
    CHECK(cell(h, rows[3], "scope") == "browse");
    CHECK(cell(h, rows[2], "degraded_min_per_year") == "60");
    CHECK(cell(h, rows[2], "budget_burn") == "1.5");
    CHECK(cell(h, rows[2], "budget_burn_upper") == "1.8");
    CHECK(cell(h, rows[2], "bad_min_per_year_gold") == "120");
    CHECK(cell(h, rows[2], "budget_burn_checkout-slo") == "0.25");
    CHECK_THAT(rows[0][0], Catch::Contains("ranked by: budget"));
  }
  SECTION("Markdown") {
    const std::string md = render_fmea_markdown(sheet, record());
    std::istringstream lines(md);
    std::vector<std::vector<std::string>> table;
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("| ", 0) == 0) table.push_back(markdown_cells(line));
    REQUIRE(table.size() >= 3);
    CHECK(cell(table[0], table[1], "Runbook") == "yes");
    CHECK(cell(table[0], table[2], "Runbook") == "no");
    CHECK(cell(table[0], table[2], "Scope") == "browse");
    CHECK(cell(table[0], table[1], "Degraded min/y") == "60.0");
    CHECK(cell(table[0], table[1], "Budget burn % [95% CI]") == "150.0 [120.0, 180.0]");
    CHECK(cell(table[0], table[1], "Bad min/y gold") == "120.0");
    CHECK(cell(table[0], table[1], "Burn % checkout-slo") == "25.0");
    CHECK_THAT(md, Catch::Contains("ranked by error-budget burn"));
  }
  SECTION("HTML") {
    const std::string html = render_fmea_html(sheet, record());
    const auto header = html_cells(html, 0);
    CHECK(cell(header, html_cells(html, 1), "Runbook") == "yes");
    CHECK(cell(header, html_cells(html, 2), "Runbook") == "no");
    CHECK(cell(header, html_cells(html, 1), "Scope") == "checkout");
    CHECK(cell(header, html_cells(html, 1), "Budget burn % [95% CI]") == "150.0 [120.0, 180.0]");
  }
  SECTION("JSON") {
    const auto document = nlohmann::json::parse(render_fmea_json(sheet, record()));
    CHECK(document["scope"] == "all");
    CHECK(document["rank_by"] == "budget");
    CHECK(document["scopes"][1]["name"] == "browse");
    const auto& first = document["failure_modes"][0];
    CHECK(first["runbook"] == true);
    CHECK(document["failure_modes"][1]["runbook"] == false);
    CHECK(first["scope"] == "checkout");
    CHECK(first["degraded_per_year"]["estimate"] == 3600.0);
    CHECK(first["budget_burn"]["estimate"] == 1.5);
    CHECK(first["sla_bad_time"][0]["sla"] == "gold");
    CHECK(first["sla_bad_time"][0]["bad_per_year"]["estimate"] == 7200.0);
    CHECK(first["slo_burn"][0]["slo"] == "checkout-slo");
    CHECK(first["slo_burn"][0]["burn"]["estimate"] == 0.25);
  }
  SECTION("table") {
    const std::string table = render_fmea_table(sheet, record());
    std::istringstream lines(table);
    std::string title, header, first, first_detail, second;
    std::getline(lines, title), std::getline(lines, header), std::getline(lines, first);
    std::getline(lines, first_detail), std::getline(lines, second);
    CHECK_THAT(title, Catch::Contains("error-budget burn"));
    CHECK_THAT(header, Catch::Contains("Runbook"));
    CHECK_THAT(header, Catch::Contains("Scope"));  // shown when there are several
    auto words = [](const std::string& line) {
      std::istringstream in(line);
      return std::vector<std::string>(std::istream_iterator<std::string>(in), {});
    };
    const auto a = words(first), b = words(second);
    REQUIRE(a.size() > 4);
    REQUIRE(b.size() > 4);
    CHECK(a[1] == "checkout-api/bad-deploy");
    CHECK(a[2] == "checkout");
    CHECK(a[3] == "yes");
    CHECK(b[2] == "browse");
    CHECK(b[3] == "no");
    CHECK_THAT(first, Catch::Contains("150.0 [120.0, 180.0]"));
  }
}

namespace {

const std::string rlo = "\u202E";  // RIGHT-TO-LEFT OVERRIDE

// A worksheet whose cause, effect and currency each try to forge a line and reorder the text.
FmeaWorksheet forged_sheet(const std::string& tail) {
  FmeaWorksheet sheet = hostile_sheet();
  sheet.rows.resize(1);
  sheet.rows[0].info = {"crash", "api", "disk full" + tail, "errors" + tail, false};
  const std::string currency = "EUR" + tail;
  sheet.currencies = {currency};
  sheet.credit_per_year[0].currency = sheet.unattributed_credit[0].currency = currency;
  sheet.rows[0].credit_per_year[0].currency = currency;
  return sheet;
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("causes, effects and currencies cannot forge a line or reorder text in any format") {
  const FmeaWorksheet forged = forged_sheet("\r\nVerdict: forged" + rlo + "\tx");
  const FmeaWorksheet plain = forged_sheet(" Verdict: forged x");
  for (const char* format : {"table", "csv", "markdown", "html"}) {
    INFO(format);
    const std::string text = render_fmea(forged, record(), format);
    CHECK(text.find(rlo) == std::string::npos);
    CHECK(text.find("\nVerdict") == std::string::npos);
    CHECK(text.find('\t') == std::string::npos);
    CHECK(count_lines(text) == count_lines(render_fmea(plain, record(), format)));
    CHECK_THAT(text, Catch::Contains("disk full\\r\\nVerdict: forged\\u202E x") ||
                         Catch::Contains("disk full\\\\r\\\\nVerdict: forged\\\\u202E x"));
  }
  const auto rows = parse_csv(render_fmea_csv(forged, record()));
  REQUIRE(rows.size() == 3);  // comment, header, one failure mode
  CHECK(cell(rows[1], rows[2], "cause") == "disk full\\r\\nVerdict: forged\\u202E x");
  CHECK(cell(rows[1], rows[2], "credit_per_year_EUR\\r\\nVerdict: forged\\u202E x") == "120");
  const std::string json = render_fmea_json(forged, record());
  CHECK(json.find(rlo) == std::string::npos);
  const auto document = nlohmann::json::parse(json);
  CHECK(document["failure_modes"][0]["cause"] == forged.rows[0].info.cause);
  CHECK(document["failure_modes"][0]["effect"] == forged.rows[0].info.effect);
  CHECK(document["credit_per_year"][0]["currency"] == forged.currencies[0]);
}
