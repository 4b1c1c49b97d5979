#pragma once
// "Did you mean": the closest known name to a mistyped one, for scenario keys and names and for
// the command's subcommands and options.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reliasim::scenario {

// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
[[nodiscard]] std::optional<std::string> did_you_mean(std::string_view word,
                                                      const std::vector<std::string>& candidates);

}  // namespace reliasim::scenario
