#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "fit_parts.hpp"
#include "reliasim/render/fit.hpp"
#include "reliasim/render/text_safety.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

using fit::Stage;

// A scenario name from a group's text: letters, digits, _ . - (others become -). Written in
// double quotes wherever it appears, so that YAML reads `null` or `yes` as the name it is.
std::string name_of(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') c = '-';
  if (text.empty()) text = "unnamed";
  return text.substr(0, 200);
}

std::string quoted(const std::string& name) {
  return "\"" + name + "\"";
}

// Scenario names for texts: each text its own name, however many texts become the same
// characters ("a b" and "a-b"): the later ones get "-2", "-3", ...
class UniqueNames {
 public:
  std::string operator()(const std::string& text) {
    if (const auto found = given_.find(text); found != given_.end()) return found->second;
    std::string name = name_of(text);
    for (int n = 2; taken_.count(name); ++n) name = name_of(text) + "-" + std::to_string(n);
    taken_.insert(name);
    return given_[text] = name;
  }

 private:
  std::map<std::string, std::string> given_;
  std::set<std::string> taken_;
};

// The distribution of a stage as the format writes it, or 0s where the export has no time for
// it, with what it rests on as a comment.
std::pair<std::string, std::string> stage_distribution(const fit::StageFit& stage) {
  if (!stage.recorded)
    return {"0s", "not in the export: " + std::string(fit::description(stage.stage))};
  const auto* best = stage.best();
  if (!best) {
    const std::string why =
        stage.families.empty() ? "no family" : stage.families.front().outcome.problem;
    return {"0s", "no fit (" + why + "): " + std::string(fit::description(stage.stage))};
  }
  const auto& fit = *best->outcome.fit;
  return {"{" + fit_parts::distribution_text(fit) + "}", fit_parts::quality_text(stage)};
}

std::string failure_mode(const fit::GroupFit& group, const std::string& name,
                         const std::string& indent) {
  std::string out = indent + "- name: " + quoted(name) + "\n";
  const auto& r = group.rate_per_year;
  out += indent + "  occurs: {rate: " + text_parts::number("%.4g", r.estimate) + "/y}  # " +
         std::to_string(group.incidents) + " incidents; " +
         text_parts::number("%g", 100 * r.confidence) + " % interval " +
         text_parts::number("%.3g", r.lower) + " to " + text_parts::number("%.3g", r.upper) +
         " a year\n";
  auto line = [&](const char* key, Stage stage, const char* before, const char* after) {
    const auto [text, comment] = stage_distribution(group.stage(stage));
    out += indent + "  " + key + ": " + before + text + after + "  # " + one_line(comment) + "\n";
  };
  line("detect", Stage::detect, "{alert: {probability: 1, delay: ", "}}");
  line("engage", Stage::engage, "", "");
  line("mitigate", Stage::mitigate, "{manual: ", "}");
  line("repair", Stage::repair, "{manual: ", "}");
  for (const auto& warning : group.warnings)
    out += indent + "  # warning: " + one_line(warning) + "\n";
  return out;
}

}  // namespace

std::string render_fit_scenario(const fit::Calibration& c, bool blocks_only) {
  // Grouped by service and failure mode ("api/crash"): one service, several modes.
  const bool two_level = c.group_by.find('/') != std::string::npos;
  std::map<std::string, std::vector<std::pair<std::string, const fit::GroupFit*>>> services;
  UniqueNames service_names;
  std::map<std::string, UniqueNames> mode_names;  // per service
  for (const auto& group : c.groups) {
    const auto slash = group.name.find('/');
    const bool split = two_level && slash != std::string::npos;
    const std::string service = service_names(split ? group.name.substr(0, slash) : group.name);
    services[service].emplace_back(
        mode_names[service](split ? group.name.substr(slash + 1) : "incidents"), &group);
  }
  std::string out = "# Fitted by reliasim fit " RELIASIM_VERSION " from " +
                    one_line(fit_parts::source_line(c)) + ".\n";
  out +=
      "# Each stage is the family with the lowest AIC; its comment gives the sample and the\n"
      "# goodness-of-fit p-values (docs/fit.md). Detection is written as an alert that always\n"
      "# fires after the fitted delay: the export's own detection times.\n";
  if (blocks_only) {
    for (const auto& [service, modes] : services) {
      out += "# " + service + "\nfailure_modes:\n";
      for (const auto& [mode, group] : modes) out += failure_mode(*group, mode, "  ");
    }
    return out;
  }
  out += "scenario: fitted from " + name_of(std::filesystem::path(c.source).filename().string()) +
         "\nhorizon: 1y\n\nservices:\n";
  for (const auto& [service, modes] : services) {
    out += "  " + quoted(service) + ":\n    failure_modes:\n";
    for (const auto& [mode, group] : modes) out += failure_mode(*group, mode, "      ");
  }
  out += "\njourneys:\n";
  for (const auto& [service, modes] : services)
    out += "  " + quoted(service) + ": [" + quoted(service) + "]\n";
  return out;
}

}  // namespace reliasim
