#include "text_parts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reliasim::text_parts {

std::string number(const char* pattern, double value) {
  if (std::isnan(value)) return "-";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  std::string text = buffer;
  // A value that rounds to zero reads "0", not "-0" or "+0".
  if ((text[0] == '-' || text[0] == '+') && text.find_first_not_of("0.", 1) == std::string::npos)
    text.erase(0, 1);
  return text;
}

std::string bounded(const Interval& i, double scale, const char* pattern) {
  return number(pattern, i.estimate * scale) + " [" + number(pattern, i.lower * scale) + ", " +
         number(pattern, i.upper * scale) + "]";
}

std::string input_files(const RunRecord& r) {
  std::string text = r.scenario_file + " (hash " + r.scenario_hash + ")";
  for (const InputFile& file : r.inputs)
    if (file.role == "csv") text += ", csv " + file.path + " (hash sha256:" + file.sha256 + ")";
  if (!r.bands_file.empty()) text += ", bands " + r.bands_file + " (hash " + r.bands_hash + ")";
  return text;
}

std::string platform(const Platform& p) {
  return p.compiler + " " + p.build_type + " build on " + p.os + " " + p.arch;
}

std::string record_line(const RunRecord& r) {
  std::string line = "reliasim " + r.engine_version + ", " + input_files(r) + ", seed " +
                     std::to_string(r.seed) + ", trials " + std::to_string(r.trials);
  if (r.first_trial != 0) line += " from trial " + std::to_string(r.first_trial);
  if (r.merged_ranges.size() > 1) {
    line += " merged from ranges";
    for (const auto& [first, count] : r.merged_ranges)
      line += " " + std::to_string(first) + "-" + std::to_string(first + count - 1);
  }
  if (r.precision_run) line += r.converged ? ", converged" : ", NOT converged (trial cap reached)";
  return one_line(line + "; " + platform(r.platform));
}

std::string command_line(const RunRecord& r) {
  return r.command.empty() ? std::string() : "command: " + one_line(r.command) + "\n";
}

std::string currency_label(const std::string& currency) {
  return currency.empty() ? std::string("money") : one_line(currency);
}

std::string short_duration(double seconds) {
  const auto whole = [&](double unit) { return std::fmod(seconds, unit) == 0.0; };
  const auto count = [&](double unit, const char* one, const char* many) {
    const double n = seconds / unit;
    return number("%g", n) + " " + (n == 1.0 ? one : many);
  };
  if (seconds >= 86400 && whole(86400)) return count(86400, "day", "days");
  if (seconds >= 3600 && whole(3600)) return count(3600, "h", "h");
  if (seconds >= 60 && whole(60)) return count(60, "min", "min");
  return count(1, "s", "s");
}

std::size_t display_width(std::string_view text) {
  // UTF-8: every byte but continuation bytes (10xxxxxx) starts a character.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string aligned(const std::vector<std::vector<std::string>>& lines) {
  std::vector<std::size_t> widths;
  for (const auto& line : lines) {
    widths.resize(std::max(widths.size(), line.size()), 0);
    for (std::size_t c = 0; c < line.size(); ++c)
      widths[c] = std::max(widths[c], display_width(line[c]));
  }
  std::string out;
  for (const auto& line : lines) {
    std::string text = "  ";
    for (std::size_t c = 0; c < line.size(); ++c) {
      text += line[c];
      if (c + 1 < line.size()) text.append(widths[c] - display_width(line[c]) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  }
  return out;
}

}  // namespace reliasim::text_parts
