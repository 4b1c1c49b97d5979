#include "reliasim/render/run_record.hpp"

namespace reliasim {
namespace {

constexpr std::string_view hash_prefix = "sha256:";

}  // namespace

std::string scenario_hash(std::string_view bytes) {
  return std::string(hash_prefix) + sha256_hex(bytes);
}

RunRecord record_of_inputs(const std::vector<InputFile>& inputs) {
  RunRecord record;
  record.inputs = inputs;
  if (!inputs.empty()) {
    record.scenario_file = inputs.front().path;
    record.scenario_hash = std::string(hash_prefix) + inputs.front().sha256;
  }
  return record;
}

void record_bands(RunRecord& record, InputFile bands) {
  record.bands_file = bands.path;
  record.bands_hash = std::string(hash_prefix) + bands.sha256;
  record.inputs.push_back(std::move(bands));
}

}  // namespace reliasim
