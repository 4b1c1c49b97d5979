// `reliasim merge PART...`: the result of one run over the union of the partial results' trial
// ranges (docs/partial-results.md), as a table or JSON.
#include <iostream>
#include <memory>
#include <optional>
#include <variant>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "invocation.hpp"
#include "output.hpp"
#include "reliasim/analysis/partial_result.hpp"
#include "reliasim/record/bounded_read.hpp"
#include "reliasim/render/render.hpp"

namespace reliasim::cli {
namespace {

struct MergeOptions {
  std::vector<std::string> files;
  std::string format = "table";
  std::string output;
};

// The file's bytes, refused before reading when it is not a regular file or too large.
std::string read_part(const std::string& file) {
  auto read = read_bounded_file(file, max_partial_bytes);
  if (auto* bytes = std::get_if<std::string>(&read)) return std::move(*bytes);
  const FileRefusal& refusal = std::get<FileRefusal>(read);
  switch (refusal.reason) {
    case FileRefusal::Reason::too_large:
      throw PartialResultError(file + ": " + std::to_string(refusal.size) +
                               " bytes, more than a partial result can be (" +
                               std::to_string(max_partial_bytes) + ")");
    case FileRefusal::Reason::directory:
    case FileRefusal::Reason::not_a_file:
      throw PartialResultError(file +
                               ": not a file; give the partial results reliasim run "
                               "--format partial wrote");
    case FileRefusal::Reason::unreadable: break;
  }
  throw PartialResultError(file + ": cannot read it: " + refusal.detail);
}

int merge(const MergeOptions& options) {
  if (!output_usable(options.output, options.files)) return exit_usage;
  std::optional<PartialResult> merged;
  Summary summary;
  try {
    std::vector<PartialResult> parts;
    for (const std::string& file : options.files)
      parts.push_back(read_partial(read_part(file), file));
    merged.emplace(merge_partials(std::move(parts), options.files));
    summary = merged->summary.finish();
  } catch (const PartialResultError& error) {
    std::cerr << "reliasim: error: " << error.what() << '\n';
    return exit_invalid;
  } catch (const std::invalid_argument& error) {
    std::cerr << "reliasim: error: cannot merge: " << error.what() << '\n';
    return exit_invalid;
  }
  RunRecord record = merged->record;
  record.command = invocation();
  write_output(render_summary(summary, record, options.format), options.output, options.files);
  return exit_ok;
}

}  // namespace

Command add_merge(CLI::App& app) {
  auto options = std::make_shared<MergeOptions>();
  auto* command = app.add_subcommand(
      "merge",
      "Combine partial results of disjoint trial ranges (reliasim run --format partial) into "
      "the result of one run over all their trials");
  command->add_option("files", options->files, "Partial result files, in any order")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--format", options->format, "Output format: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  command->add_option("--output,-o", options->output, "Write to this file instead of stdout");
  return [options] { return merge(*options); };
}

}  // namespace reliasim::cli
