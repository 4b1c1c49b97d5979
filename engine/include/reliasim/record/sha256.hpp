#pragma once
// SHA-256 of a file's bytes, as `sha256sum` prints it: what the run record names each input by.

#include <string>
#include <string_view>

namespace reliasim {

// The 64 lower-case hex digits of the SHA-256 of `bytes` (OpenSSL's libcrypto).
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace reliasim
