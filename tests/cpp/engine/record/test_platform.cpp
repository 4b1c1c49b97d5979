// The platform the run record names: every field filled in, and the compiler that built this
// test (the engine is built with the same one).
#include <catch2/catch.hpp>
#include <string>

#include "reliasim/record/platform.hpp"

TEST_CASE("this_platform names the system, the machine, the compiler and the build type") {
  const reliasim::Platform platform = reliasim::this_platform();
  CHECK_FALSE(platform.os.empty());
  CHECK_FALSE(platform.arch.empty());
  CHECK_FALSE(platform.build_type.empty());
#if defined(__clang__)
  CHECK(platform.compiler.find("Clang") == 0);
#elif defined(__GNUC__)
  CHECK(platform.compiler == std::string("GCC ") + __VERSION__);
#endif
#if defined(__linux__)
  CHECK(platform.os.find("Linux ") == 0);
#endif
#if defined(__x86_64__)
  CHECK(platform.arch == "x86_64");
#endif
}
