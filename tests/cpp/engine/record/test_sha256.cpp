// SHA-256 against the published test vectors of FIPS 180-2 (appendix B) and NIST's examples.
#include <catch2/catch.hpp>
#include <string>

#include "reliasim/record/sha256.hpp"

TEST_CASE("sha256_hex gives the FIPS 180-2 digests") {
  CHECK(reliasim::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(reliasim::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(reliasim::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256_hex of no bytes is the digest of the empty message") {
  CHECK(reliasim::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
