#pragma once
// Checks on the raw text before the YAML parser sees it: binary data, the encoding, how deep
// lists and maps nest, and quoted text that is never closed. Each problem is reported at its
// line and column. They keep hostile input away from yaml-cpp, whose own limits give poor
// messages ("bad file") and which silently reads an unclosed quote to the end of the file.
// Internal to models/.

#include <optional>
#include <string>
#include <string_view>

namespace reliasim::scenario::reader {

// Lists and maps nested deeper than this are refused; a real scenario nests about 10 levels.
inline constexpr int max_nesting = 100;

struct TextProblem {
  int line = 0;  // 1-based
  int column = 0;
  std::string message;
};

// The first problem found in `text`, if any.
[[nodiscard]] std::optional<TextProblem> check_text(std::string_view text);

// yaml-cpp's terse parser message ("illegal map value") as a message that says what is wrong
// and how to fix it; unknown messages are kept as they are.
[[nodiscard]] std::string explain_yaml_error(const std::string& message);

}  // namespace reliasim::scenario::reader
