#pragma once
// Reading a whole file that must stay small (a scenario, a CSV, an incident export, a partial
// result): refused before a byte is read when it is not a regular file or larger than the
// limit, and never read past the limit, even when the file grows meanwhile.

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>

namespace reliasim {

struct FileRefusal {
  enum class Reason { unreadable, directory, not_a_file, too_large } reason = Reason::unreadable;
  std::uintmax_t size = 0;  // too_large: its size (more than the limit)
  std::string detail;       // what the system says, or what the path is instead of a file
};

[[nodiscard]] std::variant<std::string, FileRefusal> read_bounded_file(
    const std::filesystem::path& path, std::uintmax_t limit);

}  // namespace reliasim
