#include "yaml_documents.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "reliasim/scenario/diagnostics.hpp"
#include "reliasim/scenario/units.hpp"
#include "text_checks.hpp"

namespace reliasim::scenario::reader {
namespace {

// Notes where a document starts and whether its root is an empty node; ignores the rest.
class DocumentEvents : public YAML::EventHandler {
 public:
  YAML::Mark start;
  std::optional<YAML::Mark> empty_root;

  void OnDocumentStart(const YAML::Mark& mark) override {
    start = mark;
    empty_root.reset();
    depth_ = 0;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    if (depth_ == 0) empty_root = mark;
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    ++depth_;
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    ++depth_;
  }
  void OnMapEnd() override { --depth_; }

 private:
  int depth_ = 0;
};

[[noreturn]] void fail(const std::string& file, const YAML::Mark& mark, std::string message) {
  const bool placed = !mark.is_null();
  throw ScenarioError({Diagnostic{file, placed ? mark.line + 1 : 0, placed ? mark.column + 1 : 0,
                                  std::move(message)}});
}

// How many documents the text holds (0, 1 or 2 for "two or more"), where the second starts,
// or where the parser is stuck. A third document is read only after an empty second one, to
// tell a stuck parser from a second document.
struct DocumentCount {
  int count = 0;
  YAML::Mark second = YAML::Mark::null_mark();
  std::optional<YAML::Mark> stuck;
};

DocumentCount count_documents(std::string_view text) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  DocumentEvents events;
  DocumentCount documents;
  std::optional<int> previous_empty;
  for (int read = 0; read < 3 && parser.HandleNextDocument(events); ++read) {
    const auto empty = events.empty_root;
    if (empty && previous_empty == empty->pos) {
      documents.stuck = empty;
      return documents;
    }
    previous_empty = empty ? std::optional(empty->pos) : std::nullopt;
    documents.count = std::min(read + 1, 2);
    if (read == 1) {
      documents.second = events.start;
      if (!empty) break;
    }
  }
  return documents;
}

}  // namespace

YAML::Node load_single_document(std::string_view text, const std::string& file,
                                std::string_view kind) {
  try {
    const DocumentCount documents = count_documents(text);
    if (const auto& stuck = documents.stuck)
      fail(file, *stuck,
           "invalid YAML: " + quote(text.substr(static_cast<std::size_t>(stuck->pos), 1)) +
               " cannot start a value here; put text that holds it in quotes");
    if (documents.count > 1)
      fail(file, documents.second,
           "a second YAML document starts here; " + std::string(kind) +
               " holds one (remove the '---' line or split the file)");
    return documents.count == 0 ? YAML::Node() : YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    // A backstop: check_text refuses deep nesting first in every form it recognises.
    fail(file, e.mark,
         "invalid YAML: lists and maps nest too deeply for the YAML parser; reliasim reads at "
         "most " +
             std::to_string(max_nesting) + " levels (a file needs about 10)");
  } catch (const YAML::Exception& e) {
    fail(file, e.mark, "invalid YAML: " + explain_yaml_error(e.msg));
  }
}

}  // namespace reliasim::scenario::reader
