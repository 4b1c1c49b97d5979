#include "text_checks.hpp"

#include <cstdio>
#include <vector>

namespace reliasim::scenario::reader {
namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Characters (not bytes) before `index` on the line, plus one.
int column_of(std::string_view line, std::size_t index) {
  int column = 1;
  for (std::size_t i = 0; i < index && i < line.size(); ++i)
    if (!is_continuation(static_cast<unsigned char>(line[i]))) ++column;
  return column;
}

std::string hex(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02X", byte);
  return buffer;
}

// Length of the UTF-8 sequence starting at `i`, or 0 when it is not valid UTF-8.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;  // the allowed range of the second byte
  if (byte >= 0xC2 && byte <= 0xDF)
    length = 2;
  else if (byte >= 0xE0 && byte <= 0xEF)
    length = 3, low = byte == 0xE0 ? 0xA0 : 0x80, high = byte == 0xED ? 0x9F : 0xBF;
  else if (byte >= 0xF0 && byte <= 0xF4)
    length = 4, low = byte == 0xF0 ? 0x90 : 0x80, high = byte == 0xF4 ? 0x8F : 0xBF;
  else
    return 0;
  if (i + length > text.size()) return 0;
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (second < low || second > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return 0;
  return length;
}

// NUL bytes, other control characters and invalid UTF-8.
std::optional<TextProblem> check_encoding(std::string_view text) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto here = [&](std::string message) {
      return TextProblem{line, column_of(text.substr(line_start), i - line_start),
                         std::move(message)};
    };
    if (byte == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (byte == 0)
      return here("this is not a text file (a NUL byte); a scenario is YAML or JSON text");
    if ((byte < 0x20 && byte != '\t' && byte != '\r') || byte == 0x7F)
      return here("control character " + hex(byte) +
                  " in the text; a scenario is YAML or JSON text: letters, digits, "
                  "punctuation, spaces, tabs and line breaks");
    const std::size_t length = utf8_length(text, i);
    if (length == 0)
      return here("byte " + hex(byte) +
                  " is not UTF-8 text; save the scenario as UTF-8 (YAML or JSON)");
    i += length;
  }
  return std::nullopt;
}

// Follows the structure of YAML lexically: block indentation, flow brackets, quoted text,
// block scalars (| and >) and comments. It measures nesting without building anything, so a
// file nested 10,000 levels deep costs one pass and no recursion. It errs towards counting
// fewer levels than yaml-cpp would: yaml-cpp's own depth guard remains behind it.
class NestingScanner {
 public:
  std::optional<TextProblem> run(std::string_view text) {
    int number = 0;
    for (std::size_t start = 0;;) {
      auto end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      auto line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (auto problem = scan_line(line, ++number)) return problem;
      if (end == text.size()) break;
      start = end + 1;
    }
    if (quote_ != 0)
      return TextProblem{quote_line_, column_of(quote_text_, quote_index_),
                         std::string("invalid YAML: the quoted text that starts here is never "
                                     "closed; end it with ") +
                             quote_ + " on the same or a later line"};
    return std::nullopt;
  }

 private:
  static bool blank(std::string_view line, std::size_t i) {
    return i >= line.size() || line[i] == ' ' || line[i] == '\t';
  }

  [[nodiscard]] int depth() const { return static_cast<int>(blocks_.size()) + flow_; }

  static TextProblem too_deep(std::string_view line, std::size_t i, int number) {
    return {number, column_of(line, i),
            "lists and maps nest more than " + std::to_string(max_nesting) +
                " levels deep here; reliasim reads at most " + std::to_string(max_nesting) +
                " (a scenario needs about 10)"};
  }

  // A block node (a key or a list item) at `column` opens a level unless it is a sibling.
  std::optional<TextProblem> open_block(std::string_view line, std::size_t column, int number) {
    if (blocks_.empty() || blocks_.back() < static_cast<int>(column))
      blocks_.push_back(static_cast<int>(column));
    if (depth() > max_nesting) return too_deep(line, column, number);
    return std::nullopt;
  }

  // Returns the index after the closing quote, or line.size() when the text goes on.
  std::size_t scan_quoted(std::string_view line, std::size_t i) {
    for (; i < line.size(); ++i) {
      if (quote_ == '"' && line[i] == '\\') {
        ++i;  // an escaped character (or the line break) belongs to the text
      } else if (line[i] == quote_) {
        if (quote_ == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;  // '' is a quote inside single-quoted text
          continue;
        }
        quote_ = 0;
        return i + 1;
      }
    }
    return line.size();
  }

  // Where a new line of block context starts; returns false when the line holds no structure.
  bool start_block_line(std::string_view line, std::size_t& i) {
    std::size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    if (block_scalar_owner_) {
      if (indent >= line.size() || static_cast<int>(indent) > *block_scalar_owner_) return false;
      block_scalar_owner_.reset();
    }
    if (indent >= line.size() || line[indent] == '#') return false;  // blank or a comment
    if (plain_owner_ && static_cast<int>(indent) > *plain_owner_) return false;  // continued text
    plain_owner_.reset();
    const bool marker =
        indent == 0 && (line.substr(0, 3) == "---" || line.substr(0, 3) == "...") && blank(line, 3);
    if (indent == 0 && line[0] == '%') return false;  // a directive
    if (marker) {
      blocks_.clear();
      i = 3;
      owner_ = -1;
    } else {
      while (!blocks_.empty() && blocks_.back() > static_cast<int>(indent)) blocks_.pop_back();
      i = indent;
      // Until a key or list item on this line says otherwise, the value belongs to the level
      // it is indented under: text there may go on over lines indented deeper than that level.
      const bool nested = !blocks_.empty() && blocks_.back() < static_cast<int>(indent);
      owner_ = nested ? blocks_.back() : static_cast<int>(indent) - 1;
    }
    node_start_ = true;
    return true;
  }

  std::optional<TextProblem> scan_line(std::string_view line, int number) {
    std::size_t i = 0;
    if (quote_ != 0) {
      i = scan_quoted(line, 0);
      if (quote_ != 0) return std::nullopt;
    } else if (flow_ == 0 && !start_block_line(line, i)) {
      return std::nullopt;
    }
    bool plain = false;  // the line ends inside plain (unquoted) text
    while (i < line.size()) {
      const char c = line[i];
      if (c == ' ' || c == '\t') {
        ++i;
        continue;
      }
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) break;
      if (node_start_) {
        if (c == '"' || c == '\'') {
          quote_ = c;
          quote_line_ = number;
          // Kept as a byte index: counting characters for every quote would make a long
          // one-line document (minified JSON) quadratic.
          quote_text_ = line, quote_index_ = i;
          node_column_ = i;
          node_start_ = false;
          plain = false;
          i = scan_quoted(line, i + 1);
          if (quote_ != 0) return std::nullopt;
          continue;
        }
        if (c == '&' || c == '!') {  // an anchor or a tag before the node: !!seq[ opens a list
          while (!blank(line, i) && line[i] != '[' && line[i] != '{') ++i;
          continue;
        }
        if (flow_ == 0 && (c == '-' || c == '?') && blank(line, i + 1)) {
          if (auto problem = open_block(line, i, number)) return problem;
          owner_ = static_cast<int>(i++);
          continue;
        }
        if (flow_ == 0 && (c == '|' || c == '>')) {
          block_scalar_owner_ = owner_;
          return std::nullopt;
        }
        if (c != '[' && c != '{') {
          node_start_ = false;
          node_column_ = i;
          plain = flow_ == 0;
        }
      }
      if ((c == '[' || c == '{') && (node_start_ || flow_ > 0)) {
        if (flow_ == 0) node_column_ = i;
        ++flow_;
        if (depth() > max_nesting) return too_deep(line, i, number);
        node_start_ = true;
        plain = false;
      } else if (flow_ > 0) {
        if (c == ']' || c == '}')
          --flow_, node_start_ = false;
        else if (c == ',' || c == ':')
          node_start_ = true;
      } else if (c == ':' && blank(line, i + 1)) {
        if (auto problem = open_block(line, node_column_, number)) return problem;
        owner_ = static_cast<int>(node_column_);
        node_start_ = true;
        plain = false;
      }
      ++i;
    }
    if (plain && flow_ == 0) plain_owner_ = owner_;
    return std::nullopt;
  }

  std::vector<int> blocks_;  // columns of the open block levels
  int flow_ = 0;             // open [ and {
  char quote_ = 0;           // the open quote, or 0
  int quote_line_ = 0;
  std::string_view quote_text_;  // the line the open quote is on, within the scanned text
  std::size_t quote_index_ = 0;
  bool node_start_ = true;  // the next character may start a node
  std::size_t node_column_ = 0;
  int owner_ = 0;  // column of the key or list item the current value belongs to
  std::optional<int> block_scalar_owner_;  // inside | or > text: lines indented deeper
  std::optional<int> plain_owner_;         // plain text may continue on deeper lines
};

struct Explanation {
  const char* yaml_cpp;  // the start of yaml-cpp's message (its ErrorMsg constants)
  const char* explained;
};

constexpr Explanation explanations[] = {
    {"end of map flow not found",
     "a {...} map is not closed: add the missing '}', or a ',' between its entries"},
    {"end of sequence flow not found",
     "a [...] list is not closed: add the missing ']', or a ',' between its items"},
    {"end of map not found",
     "a map ends unexpectedly here: check the indentation (the keys of one map start in the "
     "same column)"},
    {"end of sequence not found",
     "a list ends unexpectedly here: check the indentation (the '- ' items of one list start in "
     "the same column)"},
    {"illegal map value",
     "a ':' that cannot start a value here: check the indentation (spaces, not tabs), or quote "
     "text that contains ': '"},
    {"illegal map key", "a '?' key is not allowed here: write 'key: value'"},
    {"illegal block entry",
     "a '- ' list item where no list can start: check the indentation, or quote text that "
     "starts with '- '"},
    {"illegal flow end", "a ']' or '}' that closes nothing: remove it or add its '[' or '{'"},
    {"unknown token", "a character that cannot start a value here: quote the value"},
    {"illegal tab when looking for indentation", "a tab in the indentation: indent with spaces"},
    {"the referenced anchor is not defined",
     "an alias (*name) names no anchor (&name) defined before it"},
    {"unknown escape character: ",
     "an unknown escape in double-quoted text: write \\\\ for a backslash, or use single quotes; "
     "the escape: "},
    {"illegal EOF in scalar", "the file ends inside a quoted value: close the quote"},
    {"illegal document indicator in scalar",
     "a document marker (--- or ...) inside a value: quote the value"},
};

}  // namespace

std::string explain_yaml_error(const std::string& message) {
  for (const auto& [yaml_cpp, explained] : explanations) {
    const std::string_view prefix(yaml_cpp);
    if (message.compare(0, prefix.size(), prefix) == 0)
      return explained + message.substr(prefix.size());
  }
  return message;
}

std::optional<TextProblem> check_text(std::string_view text) {
  if (auto problem = check_encoding(text)) return problem;
  return NestingScanner().run(text);
}

}  // namespace reliasim::scenario::reader
