#include "reliasim/render/text_safety.hpp"

#include <cstdio>
#include <optional>

namespace reliasim {
namespace {

struct Unsafe {
  char32_t code = 0;
  std::size_t length = 1;  // bytes of its UTF-8 form
};

// The character at text[i] when it must not reach a reader as itself. Matched on the bytes of
// its UTF-8 form, so text that is not valid UTF-8 passes through unchanged.
std::optional<Unsafe> unsafe_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) -> unsigned char {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  const unsigned char first = byte(0);
  if (first < 0x20 || first == 0x7F) return Unsafe{first, 1};
  if (first == 0xC2 && byte(1) >= 0x80 && byte(1) <= 0x9F) return Unsafe{byte(1), 2};  // C1
  if (first == 0xD8 && byte(1) == 0x9C) return Unsafe{0x061C, 2};  // Arabic letter mark
  if (first != 0xE2 || (byte(1) != 0x80 && byte(1) != 0x81)) return std::nullopt;
  const char32_t code = 0x2000 + ((byte(1) & 0x3Fu) << 6) + (byte(2) & 0x3Fu);
  const bool marks = code == 0x200E || code == 0x200F;
  const bool separators_and_embeddings = code >= 0x2028 && code <= 0x202E;
  const bool isolates = code >= 0x2066 && code <= 0x2069;
  if ((byte(2) & 0xC0) == 0x80 && (marks || separators_and_embeddings || isolates))
    return Unsafe{code, 3};
  return std::nullopt;
}

std::string escaped(const char* pattern, char32_t code) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, pattern, static_cast<unsigned>(code));
  return buffer;
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto unsafe = unsafe_at(text, i);
    if (!unsafe) {
      out += text[i++];
      continue;
    }
    if (unsafe->code == '\t')
      out += ' ';
    else if (unsafe->code == '\n')
      out += "\\n";
    else if (unsafe->code == '\r')
      out += "\\r";
    else
      out += escaped("\\u%04X", unsafe->code);
    i += unsafe->length;
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : one_line(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string csv_field(std::string_view text) {
  std::string field = one_line(text);
  // Judged on the text as written: a leading tab or carriage return (a space and "\r" now)
  // is what some spreadsheets strip before reading a formula.
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r'))
    field.insert(field.begin(), '\'');
  if (field.find_first_of(",\"") == std::string::npos) return field;
  std::string quoted = "\"";
  for (const char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string json_escape_invisible(std::string_view dumped) {
  std::string out;
  out.reserve(dumped.size());
  for (std::size_t i = 0; i < dumped.size();) {
    const auto unsafe = unsafe_at(dumped, i);
    // C0 characters are already escaped inside strings, and outside them only whitespace.
    if (!unsafe || unsafe->code < 0x20) {
      out += dumped[i++];
      continue;
    }
    out += escaped("\\u%04x", unsafe->code);
    i += unsafe->length;
  }
  return out;
}

}  // namespace reliasim
