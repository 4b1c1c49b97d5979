#include "reliasim/record/platform.hpp"

#include <sys/utsname.h>

namespace reliasim {
namespace {

std::string compiler_name() {
#if defined(__clang__)
  return "Clang " __clang_version__;
#elif defined(__GNUC__)
  return "GCC " __VERSION__;
#else
  return "unknown compiler";
#endif
}

}  // namespace

Platform this_platform() {
  Platform platform;
  utsname names{};
  if (uname(&names) == 0) {
    platform.os = std::string(names.sysname) + " " + names.release;
    platform.arch = names.machine;
  } else {
    platform.os = platform.arch = "unknown";
  }
  platform.compiler = compiler_name();
  platform.build_type = RELIASIM_BUILD_TYPE;
  return platform;
}

}  // namespace reliasim
