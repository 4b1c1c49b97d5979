#include "reliasim/record/bounded_read.hpp"

#include <array>
#include <cerrno>
#include <fstream>
#include <system_error>

namespace reliasim {

std::variant<std::string, FileRefusal> read_bounded_file(const std::filesystem::path& path,
                                                         std::uintmax_t limit) {
  namespace fs = std::filesystem;
  using Reason = FileRefusal::Reason;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error) return FileRefusal{Reason::unreadable, 0, error.message()};
  if (fs::is_directory(status)) return FileRefusal{Reason::directory, 0, "it is a directory"};
  if (!fs::is_regular_file(status))
    return FileRefusal{Reason::not_a_file, 0, "it is not a regular file"};
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) return FileRefusal{Reason::unreadable, 0, error.message()};
  if (size > limit) return FileRefusal{Reason::too_large, size, {}};
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileRefusal{Reason::unreadable, 0, std::generic_category().message(errno)};
  std::string bytes;
  std::array<char, 1 << 16> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    bytes.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > limit) return FileRefusal{Reason::too_large, bytes.size(), {}};
  }
  if (in.bad()) return FileRefusal{Reason::unreadable, 0, "a read failed"};
  return bytes;
}

}  // namespace reliasim
