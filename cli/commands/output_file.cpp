#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace reliasim::cli {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
  throw OutputError("cannot write " + path + ": " + reason);
}

std::string os_reason(int error) {
  return std::strerror(error);
}

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// The file an output replaces: `path`, or the file a symbolic link there points to (written
// through, as a shell's `>` does), with its status when it exists.
struct Target {
  fs::path file;
  bool exists = false;
  struct stat status {};
};

Target resolve(const std::string& path) {
  Target target{path};
  struct stat link {};
  if (lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    std::error_code error;
    target.file = fs::canonical(path, error);
    if (error) fail(path, "a symbolic link to a file that does not exist");
  }
  if (stat(target.file.c_str(), &target.status) == 0) {
    target.exists = true;
    if (!S_ISREG(target.status.st_mode))
      fail(path, std::string(kind_of(target.status.st_mode)) +
                     ", not a file; name a file, or write to standard output with -o -");
  } else if (errno != ENOENT) {
    fail(path, os_reason(errno));
  }
  return target;
}

fs::path folder_of(const fs::path& file) {
  return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

void check_target(const std::string& path, const Target& target,
                  const std::vector<std::string>& inputs) {
  struct stat folder {};
  if (stat(folder_of(target.file).c_str(), &folder) != 0) fail(path, os_reason(errno));
  if (!S_ISDIR(folder.st_mode)) fail(path, folder_of(target.file).string() + " is not a folder");
  if (!target.exists) return;
  for (const std::string& input : inputs) {
    struct stat in {};
    if (stat(input.c_str(), &in) == 0 && in.st_dev == target.status.st_dev &&
        in.st_ino == target.status.st_ino)
      fail(path, "it is the input " + input + ", which the output would replace");
  }
}

mode_t creation_mode() {
  const mode_t mask = umask(0);  // read it: umask has no read-only form
  umask(mask);
  return 0666 & ~mask;
}

// Writes all of `text` and flushes it to the disk; the error number, or 0.
int write_all(int fd, const std::string& text) {
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return errno;
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  return fsync(fd) == 0 ? 0 : errno;
}

}  // namespace

void check_output_path(const std::string& path, const std::vector<std::string>& inputs) {
  check_target(path, resolve(path), inputs);
}

void write_output_file(const std::string& text, const std::string& path,
                       const std::vector<std::string>& inputs) {
  const Target target = resolve(path);
  check_target(path, target, inputs);
  // mkstemp creates the file exclusively (O_EXCL), so nothing already at its name, a symbolic
  // link included, is ever opened or followed.
  std::string temporary =
      (folder_of(target.file) / ("." + target.file.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temporary.data());
  if (fd < 0) fail(path, os_reason(errno));
  int error = 0;
  const mode_t mode = target.exists ? target.status.st_mode & 07777 : creation_mode();
  if (fchmod(fd, mode) != 0) error = errno;
  // As root, an existing file keeps its owner; elsewhere this fails harmlessly.
  if (error == 0 && target.exists && geteuid() == 0)
    static_cast<void>(fchown(fd, target.status.st_uid, target.status.st_gid));
  if (error == 0) error = write_all(fd, text);
  if (close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    unlink(temporary.c_str());
    fail(path, os_reason(error));
  }
  if (std::rename(temporary.c_str(), target.file.c_str()) != 0) {
    const int reason = errno;
    unlink(temporary.c_str());
    fail(path, os_reason(reason));
  }
}

}  // namespace reliasim::cli
