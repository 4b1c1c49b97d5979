#pragma once
// Text from a scenario or the command line as every renderer writes it (docs/results.md, "Text
// from scenarios"). A cause, an effect, a currency or a file name is one field on one line
// that reads in the order it is stored: line breaks cannot forge a row, and bidirectional
// controls cannot reorder what a reader sees (Trojan Source).

#include <string>
#include <string_view>

namespace reliasim {

// The text on one line, as it reads: a tab becomes a space; a line break, any other control
// character (C0, DEL, C1), the Unicode line and paragraph separators and the bidirectional
// controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) become visible escapes:
// "\n", "\r", "\u202E". Every other character, a backslash included, is kept.
[[nodiscard]] std::string one_line(std::string_view text);

// Text for HTML element content and attribute values: one_line, then & < > " ' escaped.
[[nodiscard]] std::string html_escape(std::string_view text);

// One CSV field, safe for spreadsheets: one_line, a leading single quote before a value that
// starts with =, +, -, @, a tab or a carriage return (so it is never read as a formula), and
// quotes around a value with a comma or a double quote.
[[nodiscard]] std::string csv_field(std::string_view text);

// A JSON document as nlohmann dumps it, with the characters one_line escapes that JSON allows
// raw (DEL, C1, the separators and bidirectional controls) written as \u escapes: the
// strings keep their exact text, and the file shows none of them as itself.
[[nodiscard]] std::string json_escape_invisible(std::string_view dumped);

}  // namespace reliasim
