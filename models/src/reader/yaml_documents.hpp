#pragma once
// The one YAML document of a file, read without yaml-cpp's LoadAll, which loops forever,
// allocating, on a token none of its rules takes (a lone ',': yaml-cpp issue 1040, fixed after
// 0.7). Such a token leaves a document empty without being consumed, so the next document
// starts at the same place: a parser that is stuck, reported as invalid YAML.
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace reliasim::scenario::reader {

// Throws ScenarioError placed in `file` for invalid YAML, a token the parser cannot take and a
// second document; `kind` names the file in that message ("a scenario file").
[[nodiscard]] YAML::Node load_single_document(std::string_view text, const std::string& file,
                                              std::string_view kind);

}  // namespace reliasim::scenario::reader
