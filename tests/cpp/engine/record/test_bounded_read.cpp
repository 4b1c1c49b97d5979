// read_bounded_file: what it refuses before reading (a directory, a FIFO, a file over the limit)
// and that it reads a file within the limit byte for byte.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "reliasim/record/bounded_read.hpp"

namespace reliasim {
namespace {

std::filesystem::path fresh_dir() {
  const auto dir =
      std::filesystem::temp_directory_path() / ("reliasim-bounded-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

FileRefusal::Reason refusal(const std::variant<std::string, FileRefusal>& read) {
  REQUIRE(std::holds_alternative<FileRefusal>(read));
  return std::get<FileRefusal>(read).reason;
}

}  // namespace

TEST_CASE("read_bounded_file reads small files and refuses the rest before reading", "[record]") {
  const auto dir = fresh_dir();
  const std::string bytes("a\0b\r\n\xff", 6);
  std::ofstream(dir / "small", std::ios::binary) << bytes;
  const auto read = read_bounded_file(dir / "small", 6);
  REQUIRE(std::holds_alternative<std::string>(read));
  CHECK(std::get<std::string>(read) == bytes);

  const auto over = read_bounded_file(dir / "small", 5);
  CHECK(refusal(over) == FileRefusal::Reason::too_large);
  CHECK(std::get<FileRefusal>(over).size == 6);
  CHECK(refusal(read_bounded_file(dir, 100)) == FileRefusal::Reason::directory);
  CHECK(refusal(read_bounded_file(dir / "missing", 100)) == FileRefusal::Reason::unreadable);
  // A FIFO would block a reader until someone writes: refused without being opened.
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK(refusal(read_bounded_file(dir / "fifo", 100)) == FileRefusal::Reason::not_a_file);
  std::filesystem::remove_all(dir);
}

}  // namespace reliasim
