// FMEA renderers: CSV that no spreadsheet reads as a formula, HTML and Markdown that no name
// can inject markup into, infinite worths kept infinite, and the run record in every format.
#include <catch2/catch.hpp>
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
  CHECK(csv_field("\tx") == "'\tx");
  CHECK(csv_field("\rx") == "\"'\rx\"");  // quoted too: it holds a line break
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
  CHECK(rows[3][4] == "line\nbreak, with comma");
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
  CHECK_THAT(md, Catch::Contains("line break, with comma"));
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
