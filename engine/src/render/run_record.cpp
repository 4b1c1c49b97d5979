#include "reliasim/render/run_record.hpp"

namespace reliasim {
namespace {

// "sha256:" and the hex digest: the run record's scenario_hash and bands_hash.
std::string labelled_hash(const InputFile& file) {
  return "sha256:" + file.sha256;
}

}  // namespace

RunRecord record_of_inputs(const std::vector<InputFile>& inputs) {
  RunRecord record;
  record.inputs = inputs;
  if (!inputs.empty()) {
    record.scenario_file = inputs.front().path;
    record.scenario_hash = labelled_hash(inputs.front());
  }
  return record;
}

void record_bands(RunRecord& record, InputFile bands) {
  record.bands_file = bands.path;
  record.bands_hash = labelled_hash(bands);
  record.inputs.push_back(std::move(bands));
}

}  // namespace reliasim
