#pragma once
// Builders' states as little-endian bytes and back (partial results, Dask tasks): a Writer and
// a Reader that walk the same `transfer` lists, so a state is read exactly as it was written.
// Sums are written whole (34 digits), so bytes take about the memory their state will: bytes
// that lie about their lengths run out before the reader can allocate much. Parts are found by
// a `transfer(Archive&)` member or a free `transfer(Archive&, Part&)` in namespace reliasim.
#include <array>
#include <bit>
#include <concepts>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/stats/cross_moments.hpp"
#include "reliasim/stats/exact_sum.hpp"
#include "reliasim/stats/mean.hpp"

namespace reliasim {

template <typename A>
void transfer(A& a, TrialRange& r) {
  a(r.first, r.count);
}

namespace archive {

template <typename A, typename T>
void transfer_parts(A& a, T& x) {
  if constexpr (requires { x.transfer(a); })
    x.transfer(a);
  else
    transfer(a, x);
}

class Writer {
 public:
  template <typename... T>
  void operator()(T&... items) {
    (put(items), ...);
  }
  [[nodiscard]] std::string take() { return std::move(bytes_); }

 private:
  void put(bool b) { bytes_.push_back(b ? '\1' : '\0'); }
  template <std::integral T>
  void put(T v) {
    auto u = static_cast<std::uint64_t>(v);
    for (int i = 0; i < 8; ++i, u >>= 8) bytes_.push_back(static_cast<char>(u & 0xFF));
  }
  void put(double v) { put(std::bit_cast<std::uint64_t>(v)); }
  void put(std::string& s) {
    put(s.size());
    bytes_ += s;
  }
  template <typename T>
  void put(std::vector<T>& v) {
    put(v.size());
    for (auto& x : v) put(x);
  }
  void put(std::vector<bool>&) = delete;
  template <typename T, std::size_t N>
  void put(std::array<T, N>& v) {
    for (auto& x : v) put(x);
  }
  void put(const ExactSum& s) {
    put(s.raw_special());
    for (const std::uint64_t d : s.raw_digits()) put(d);
  }
  void put(MeanAccumulator& m) {
    put(m.count());
    put(m.sum()), put(m.sum_of_squares());
    const MeanAccumulator::WeightedSums* w = m.weighted_sums();
    put(w != nullptr);
    if (w) put(w->w), put(w->wx), put(w->wxx), put(w->ww), put(w->wwx), put(w->wwxx);
  }
  template <typename T>
  requires(std::is_class_v<T> && !std::same_as<T, ExactSum>) void put(T& x) {
    transfer_parts(*this, x);
  }

  std::string bytes_;
};

class Reader {
 public:
  // `what` names the state in messages: "malformed <what> state: ...".
  Reader(std::string_view bytes, std::string what) : rest_(bytes), what_(std::move(what)) {}
  template <typename... T>
  void operator()(T&... items) {
    (get(items), ...);
  }
  void expect_end() const {
    if (!rest_.empty()) fail(std::to_string(rest_.size()) + " bytes follow the state");
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("malformed " + what_ + " state: " + what);
  }
  std::string_view take(std::size_t n) {
    if (n > rest_.size()) fail("it ends early (truncated?)");
    const std::string_view part = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return part;
  }
  std::uint64_t u64() {
    const std::string_view b = take(8);
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[i]);
    return v;
  }
  // A count of things each taking at least `each` bytes: no more than the bytes left allow.
  std::size_t count(std::size_t each = 1) {
    const std::uint64_t n = u64();
    if (n > rest_.size() / each) fail("a count of " + std::to_string(n) + " exceeds the file");
    return static_cast<std::size_t>(n);
  }
  void get(bool& b) {
    const auto c = static_cast<unsigned char>(take(1)[0]);
    if (c > 1) fail("a flag is " + std::to_string(c));
    b = c == 1;
  }
  template <std::integral T>
  void get(T& v) {
    const std::uint64_t u = u64();
    if constexpr (std::is_signed_v<T>) {
      const auto s = static_cast<std::int64_t>(u);
      if (s < std::numeric_limits<T>::min() || s > std::numeric_limits<T>::max())
        fail("a number is out of range");
      v = static_cast<T>(s);
    } else {
      if (u > std::numeric_limits<T>::max()) fail("a number is out of range");
      v = static_cast<T>(u);
    }
  }
  void get(double& v) { v = std::bit_cast<double>(u64()); }
  void get(std::string& s) { s = take(count()); }
  template <typename T>
  void get(std::vector<T>& v) {
    const std::size_t n = count();
    v.clear();
    for (std::size_t i = 0; i < n; ++i) get(v.emplace_back());
  }
  template <typename T, std::size_t N>
  void get(std::array<T, N>& v) {
    for (auto& x : v) get(x);
  }
  void get(ExactSum& s) {
    double special = 0.0;
    get(special);
    ExactSum::Digits digits{};
    for (std::uint64_t& d : digits) d = u64();
    s.restore(digits, special);
  }
  void get(MeanAccumulator& m) {
    std::uint64_t n = 0;
    ExactSum x, xx;
    bool weighted = false;
    get(n), get(x), get(xx), get(weighted);
    if (!weighted) return m.restore(n, x, xx, nullptr);
    MeanAccumulator::WeightedSums w;
    get(w.w), get(w.wx), get(w.wxx), get(w.ww), get(w.wwx), get(w.wwxx);
    m.restore(n, x, xx, &w);
  }
  template <typename T>
  requires(std::is_class_v<T> && !std::same_as<T, ExactSum>) void get(T& x) {
    transfer_parts(*this, x);
  }

  std::string_view rest_;
  std::string what_;
};

// A builder's state as bytes: its `transfer` list written out.
template <typename State>
[[nodiscard]] std::string save_state(const State& state) {
  Writer writer;
  // The writer only reads; transfer() takes the parts by reference for both directions.
  const_cast<State&>(state).transfer(writer);
  return writer.take();
}

// The state those bytes hold, every byte read; `what` names it in messages. Throws
// std::invalid_argument for bytes that end early or run on.
template <typename State>
[[nodiscard]] std::unique_ptr<State> load_state(std::string_view bytes, const char* what) {
  auto state = std::make_unique<State>();
  Reader reader(bytes, what);
  state->transfer(reader);
  reader.expect_end();
  return state;
}

}  // namespace archive
}  // namespace reliasim
