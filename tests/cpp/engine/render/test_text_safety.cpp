// Text from scenarios in every output: one line per field, no bidirectional control or other
// invisible character shown as itself, markup and formulas neutralised, JSON exact.
#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "reliasim/render/text_safety.hpp"

using namespace reliasim;

namespace {

const std::string rlo = "\u202E";  // RIGHT-TO-LEFT OVERRIDE
// UTF-8 of a code point below U+10000.
std::string utf8(unsigned code) {
  if (code < 0x800)
    return {static_cast<char>(0xC0 | (code >> 6)), static_cast<char>(0x80 | (code & 0x3F))};
  return {static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
          static_cast<char>(0x80 | (code & 0x3F))};
}

const std::string forged = "disk full\r\nVerdict: forged" + rlo + "gnp.exe\tcause";

}  // namespace

TEST_CASE("one_line makes line breaks and controls visible and keeps everything else") {
  CHECK(one_line(forged) == "disk full\\r\\nVerdict: forged\\u202Egnp.exe cause");
  CHECK(one_line("a\nb") == "a\\nb");
  CHECK(one_line("tab\there") == "tab here");
  CHECK(one_line("\x1B[31mred") == "\\u001B[31mred");  // a terminal escape sequence
  CHECK(one_line("del\x7F") == "del\\u007F");
  CHECK(one_line("next\u0085line") == "next\\u0085line");  // C1 NEL
  CHECK(one_line("a\u2028b\u2029c") == "a\\u2028b\\u2029c");
  for (const unsigned code : {0x061Cu, 0x200Eu, 0x200Fu, 0x202Au, 0x202Bu, 0x202Cu, 0x202Du,
                              0x202Eu, 0x2066u, 0x2067u, 0x2068u, 0x2069u}) {
    char expected[8];
    std::snprintf(expected, sizeof expected, "\\u%04X", code);
    CHECK(one_line("a" + utf8(code) + "b") == "a" + std::string(expected) + "b");
  }
  // Neighbours of the escaped ranges, other scripts and backslashes stay as written.
  for (const std::string kept : {"Zürich – 5 ‰", "\u2065\u206A\u2027\u2030\u200D", "שלום עולם",
                                 "مرحبا", "C:\\data\\ttr.csv", "\u00A0nbsp", ""})
    CHECK(one_line(kept) == kept);
}

TEST_CASE("HTML text is one line, escaped markup and no raw bidirectional control") {
  const std::string html = html_escape("<b>" + forged + "</b>");
  CHECK(html == "&lt;b&gt;disk full\\r\\nVerdict: forged\\u202Egnp.exe cause&lt;/b&gt;");
  CHECK(html.find(rlo) == std::string::npos);
}

TEST_CASE("CSV fields are one line, never a formula, quoted where needed") {
  CHECK(csv_field(forged) == "disk full\\r\\nVerdict: forged\\u202Egnp.exe cause");
  CHECK(csv_field("=1+1\r\n") == "'=1+1\\r\\n");
  CHECK(csv_field("\t=1") == "' =1");  // stripped by spreadsheets, so quoted as a formula
  CHECK(csv_field("\r=1") == "'\\r=1");
  CHECK(csv_field(rlo + "=1") == "\\u202E=1");  // starts with a backslash now: text
  CHECK(csv_field("a,\nb") == "\"a,\\nb\"");
}

TEST_CASE("JSON keeps the exact text and shows no invisible character as itself") {
  const nlohmann::json document = {{"cause", forged + "\u0085\u2028\x7F"}};
  const std::string text = json_escape_invisible(document.dump(2));
  CHECK(text.find(rlo) == std::string::npos);
  CHECK(text.find("\u0085") == std::string::npos);
  CHECK(text.find("\u2028") == std::string::npos);
  CHECK(text.find('\x7F') == std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
  CHECK_THAT(text, Catch::Contains("\\u202e"));
  CHECK(nlohmann::json::parse(text)["cause"] == forged + "\u0085\u2028\x7F");
  // Other text, including non-ASCII, is as nlohmann writes it.
  const nlohmann::json plain = {{"name", "Zürich – 5 ‰"}};
  CHECK(json_escape_invisible(plain.dump(2)) == plain.dump(2));
}
