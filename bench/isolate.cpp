#include "isolate.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

namespace reliasim::bench {
namespace {

template <std::size_t N>
void set_error(char (&to)[N], const std::string& message) {
  std::strncpy(to, message.c_str(), N - 1);
  to[N - 1] = '\0';
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n, size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::size_t read_all(int fd, char* data, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = read(fd, data + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

[[noreturn]] void child(int fd, const std::function<ScenarioFigures()>& work) {
  ScenarioFigures figures;
  try {
    figures = work();
  } catch (const std::exception& e) {
    set_error(figures.error, e.what());
  } catch (...) {
    set_error(figures.error, "unknown exception");
  }
  // Its own high-water mark: not the parent's, nor that of the SimPy subprocesses it ran.
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  figures.peak_rss_kib = usage.ru_maxrss;  // Linux reports kibibytes
  std::cout.flush(), std::cerr.flush();
  const bool sent = write_all(fd, reinterpret_cast<const char*>(&figures), sizeof figures);
  _exit(sent ? 0 : 1);  // skips atexit handlers and static destructors of the parent's state
}

}  // namespace

ScenarioFigures run_isolated(const std::function<ScenarioFigures()>& work) {
  ScenarioFigures figures;
  int fds[2];
  if (pipe(fds) != 0) {
    set_error(figures.error, std::string("pipe: ") + std::strerror(errno));
    return figures;
  }
  std::cout.flush(), std::cerr.flush();
  std::fflush(nullptr);  // nothing buffered may be written twice
  const pid_t pid = fork();
  if (pid < 0) {
    set_error(figures.error, std::string("fork: ") + std::strerror(errno));
    close(fds[0]), close(fds[1]);
    return figures;
  }
  if (pid == 0) {
    close(fds[0]);
    child(fds[1], work);
  }
  close(fds[1]);
  const std::size_t got = read_all(fds[0], reinterpret_cast<char*>(&figures), sizeof figures);
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got != sizeof figures || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    figures = ScenarioFigures{};
    const std::string how = WIFSIGNALED(status)
                                ? "killed by signal " + std::to_string(WTERMSIG(status))
                                : "exit status " + std::to_string(WEXITSTATUS(status));
    set_error(figures.error, "the measuring process failed (" + how + ")");
  }
  return figures;
}

}  // namespace reliasim::bench
