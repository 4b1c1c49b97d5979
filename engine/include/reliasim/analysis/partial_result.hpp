#pragma once
// Partial results (docs/partial-results.md): the summary state of some trials of a run, with
// the record of what produced them, so that trial ranges run on any machines or batch systems
// merge into the result of one run over their union.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/analysis/summary.hpp"
#include "reliasim/render/run_record.hpp"

namespace reliasim {

// The format this engine writes and reads; a file of another version is refused.
inline constexpr std::uint32_t partial_format_version = 2;
// Larger files are refused before they are read: a file takes about the memory its state
// will, and a run's partial result is a few megabytes plus 8 bytes per trial and SLA.
inline constexpr std::uintmax_t max_partial_bytes = std::uintmax_t{1} << 30;

// A file that is not a partial result this engine can merge: the message names the file.
class PartialResultError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PartialResult {
  RunRecord record;  // engine, scenario and inputs with their hashes, seed; the trials it holds
  SummaryBuilder summary;
};

// The file: a text line naming the format and version, a JSON header saying what it holds
// (readable with `head`), the summary state, and the SHA-256 of everything before it.
[[nodiscard]] std::string write_partial(const SummaryBuilder& summary, const RunRecord& record);

// Throws PartialResultError naming `name` and what is wrong, in time and memory bounded by
// the bytes' length, whatever they hold.
[[nodiscard]] PartialResult read_partial(std::string_view bytes, const std::string& name);

// Whether two records read the same inputs: the same roles and bytes (SHA-256), wherever the
// files were.
[[nodiscard]] bool same_inputs(const RunRecord& a, const RunRecord& b);

// Merges partial results of the same engine version, scenario inputs and seed over disjoint
// trial ranges, in any order: the same bits as one run over their union, recorded on this
// platform. Throws PartialResultError naming the file (of `names`, one per part) that does not
// fit.
[[nodiscard]] PartialResult merge_partials(std::vector<PartialResult> parts,
                                           const std::vector<std::string>& names);

}  // namespace reliasim
