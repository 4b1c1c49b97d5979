#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

namespace reliasim::bench {
namespace {

using nlohmann::ordered_json;

const char* verdict(bool pass) {
  return pass ? "PASS" : "MISS";
}

double mib(long kib) {
  return static_cast<double>(kib) / 1024.0;
}

// Other processes' CPU use during a scenario's timed runs, in cores (the worst run).
double others(const ScenarioFigures& s) {
  return std::max({s.engine_1t.others, s.engine_2t.others, s.bare.others, s.bare_2t.others});
}

bool has_simpy(const ScenarioFigures& s) {
  return s.error[0] == '\0' && s.simpy.trials > 0;
}

void print_engine(const Report& report) {
  std::printf("\nEngine: reliasim::simulate, %s\n",
              report.keep_incidents ? "incidents kept (as `reliasim run`)" : "keep_incidents off");
  std::printf("%-8s %8s %8s %7s %8s %10s %12s %11s %9s %9s %9s %9s %7s\n", "scenario", "services",
              "sources", "load s", "trials", "trials/s", "events/trial", "events/s", "ns/event",
              "load MiB", "peak MiB", "1->2 thr", "others");
  double worst = 0.0;
  for (const ScenarioFigures& s : report.scenarios) {
    if (s.error[0] != '\0') {
      std::printf("%-8s ERROR: %s\n", s.label, s.error);
      continue;
    }
    worst = std::max(worst, others(s));
    std::printf(
        "%-8s %8llu %8llu %7.2f %8llu %10.1f %12.0f %11.3e %9.1f %9.1f %9.1f %8.2fx %7.2f\n",
        s.label, static_cast<unsigned long long>(s.services),
        static_cast<unsigned long long>(s.sources), s.load_seconds,
        static_cast<unsigned long long>(s.engine_1t.trials), s.engine_1t.trials_per_second(),
        s.engine_1t.events_per_trial(), s.engine_1t.events_per_second(), s.engine_1t.ns_per_event(),
        mib(s.load_rss_kib), mib(s.peak_rss_kib), s.speedup(), others(s));
  }
  if (worst > busy_machine)
    std::printf(
        "note: other processes used up to %.2f cores during these runs: the 1->2 thread "
        "speed-up is not measured (nor, above 1 core, are the other figures meaningful)\n",
        worst);
}

int print_bare(const Report& report, int& misses) {
  int passes = 0;
  std::printf(
      "\nBare event loop: the engine's event queue + RandomStream draws, same sources and "
      "rates, no model logic (the floor); engine/bare is time per trial over time per trial\n");
  std::printf("%-8s %8s %10s %11s %9s %12s %14s %8s %6s\n", "scenario", "trials", "trials/s",
              "events/s", "ns/event", "events/trial", "engine/bare", "target", "result");
  for (const ScenarioFigures& s : report.scenarios) {
    if (s.error[0] != '\0') continue;
    const double ratio = s.engine_over_bare();
    const bool pass = ratio > 0 && ratio <= max_engine_over_bare;
    (pass ? passes : misses) += 1;
    std::printf("%-8s %8llu %10.1f %11.3e %9.1f %12.0f %13.2fx %7s %6s\n", s.label,
                static_cast<unsigned long long>(s.bare.trials), s.bare.trials_per_second(),
                s.bare.events_per_second(), s.bare.ns_per_event(), s.bare.events_per_trial(), ratio,
                "<= 2x", verdict(pass));
  }
  return passes;
}

// The 1 -> 2 thread speed-up against a fixed 1.8x, judged only on an idle machine: with other
// load present a second thread gets less than a core, and the figure says nothing of the engine.
int print_threads(const Report& report, int& misses) {
  int passes = 0;
  std::printf(
      "\nThreads: trials/s on 2 threads over 1 thread; beside it, the bare loop's trials split "
      "over two threads that share nothing (what this machine gives a second thread)\n");
  std::printf("%-8s %12s %12s %8s %8s %28s\n", "scenario", "engine 1->2", "bare 1->2", "others",
              "target", "result");
  for (const ScenarioFigures& s : report.scenarios) {
    if (s.error[0] != '\0') continue;
    const bool busy = others(s) > busy_machine;
    const bool pass = s.speedup() >= min_speedup;
    if (!busy) (pass ? passes : misses) += 1;
    std::printf("%-8s %11.2fx %11.2fx %8.2f %5s%.1fx %28s\n", s.label, s.speedup(),
                s.bare_speedup(), others(s), ">= ", min_speedup,
                busy ? "not measured (machine busy)" : verdict(pass));
  }
  return passes;
}

int print_simpy(const Report& report, int& misses) {
  int passes = 0;
  std::printf(
      "\nSimPy reference: the same compiled model in Python/SimPy, keeping the engine's books, "
      "one thread, timed in turns with the engine (last column: against the same program "
      "keeping availability alone)\n");
  if (std::none_of(report.scenarios.begin(), report.scenarios.end(), has_simpy)) {
    std::printf(
        "(not run: pass --simpy PYTHON, a Python with SimPy installed, or use "
        "bench/run_benchmarks.sh)\n");
    return 0;
  }
  std::printf("%-8s %8s %10s %11s %16s %13s %8s %6s %20s\n", "scenario", "trials", "trials/s",
              "events/s", "engine trials/s", "engine/SimPy", "target", "result",
              "availability only");
  for (const ScenarioFigures& s : report.scenarios) {
    if (!has_simpy(s)) continue;
    const double ratio = s.engine_over_simpy();
    const bool pass = ratio >= min_engine_over_simpy;
    (pass ? passes : misses) += 1;
    std::printf("%-8s %8llu %10.2f %11.3e %16.1f %12.1fx %8s %6s %19.1fx\n", s.label,
                static_cast<unsigned long long>(s.simpy.trials), s.simpy.trials_per_second(),
                s.simpy.events_per_second(), s.engine_1t.trials_per_second(), ratio, ">= 50x",
                verdict(pass), s.engine_over_simpy_availability());
  }
  return passes;
}

ordered_json throughput(const Throughput& t) {
  return {{"trials", t.trials},
          {"events", t.events},
          {"seconds", t.seconds},
          {"trials_per_second", t.trials_per_second()},
          {"events_per_second", t.events_per_second()},
          {"ns_per_event", t.ns_per_event()},
          {"other_cores", t.others}};
}

ordered_json scenario_json(const ScenarioFigures& s) {
  ordered_json out = {{"label", s.label}, {"file", s.file}, {"error", s.error}};
  if (s.error[0] != '\0') return out;
  out.update(ordered_json{{"services", s.services},
                          {"replicas", s.replicas},
                          {"sources", s.sources},
                          {"load_seconds", s.load_seconds},
                          {"load_rss_mib", mib(s.load_rss_kib)},
                          {"peak_rss_mib", mib(s.peak_rss_kib)},
                          {"engine_1_thread", throughput(s.engine_1t)},
                          {"engine_2_threads", throughput(s.engine_2t)},
                          {"speedup_1_to_2_threads", s.speedup()},
                          {"bare_loop_2_threads", throughput(s.bare_2t)},
                          {"bare_speedup_1_to_2_threads", s.bare_speedup()},
                          {"speedup_target", min_speedup},
                          {"speedup_measured", others(s) <= busy_machine},
                          {"speedup_pass", s.speedup() >= min_speedup},
                          {"bare_loop", throughput(s.bare)},
                          {"engine_over_bare", s.engine_over_bare()},
                          {"engine_over_bare_pass", s.engine_over_bare() <= max_engine_over_bare}});
  if (has_simpy(s)) {
    out["simpy"] = throughput(s.simpy);
    out["engine_over_simpy"] = s.engine_over_simpy();
    out["engine_over_simpy_pass"] = s.engine_over_simpy() >= min_engine_over_simpy;
    out["simpy_availability_only"] = throughput(s.simpy_availability);
    out["engine_over_simpy_availability_only"] = s.engine_over_simpy_availability();
  }
  return out;
}

}  // namespace

void print_table(const Report& report) {
  std::printf(
      "reliasim_bench: seed %llu, about %.2g s per timed run, fastest of %d, %u hardware "
      "threads%s\n",
      static_cast<unsigned long long>(report.seed), report.seconds, report.repeats,
      std::thread::hardware_concurrency(), report.smoke ? " (smoke: tiny runs)" : "");
  print_engine(report);
  int misses = 0;
  int passes = print_bare(report, misses);
  passes += print_threads(report, misses);
  passes += print_simpy(report, misses);
  std::printf("\nTargets: %d PASS, %d MISS\n", passes, misses);
  std::fflush(stdout);
}

void write_json(const Report& report, const std::filesystem::path& file) {
  ordered_json out = {{"tool", "reliasim_bench"},
                      {"seed", report.seed},
                      {"seconds_per_run", report.seconds},
                      {"repeats", report.repeats},
                      {"hardware_threads", std::thread::hardware_concurrency()},
                      {"smoke", report.smoke},
                      {"keep_incidents", report.keep_incidents},
                      {"targets",
                       {{"engine_over_bare_max", max_engine_over_bare},
                        {"engine_over_simpy_min", min_engine_over_simpy},
                        {"speedup_min_on_an_idle_machine", min_speedup}}}};
  ordered_json scenarios = ordered_json::array();
  for (const ScenarioFigures& s : report.scenarios) scenarios.push_back(scenario_json(s));
  out["scenarios"] = scenarios;
  std::ofstream stream(file);
  stream << out.dump(2) << '\n';
  if (!stream) throw std::runtime_error("cannot write " + file.string());
}

std::vector<std::string> sanity_problems(const Report& report) {
  std::vector<std::string> problems;
  const auto check = [&](const std::string& what, double value) {
    if (!(value > 0.0) || !std::isfinite(value))
      problems.push_back(what + " is " + std::to_string(value));
  };
  for (const ScenarioFigures& s : report.scenarios) {
    const std::string name = s.label;
    if (s.error[0] != '\0') {
      problems.push_back(name + ": " + s.error);
      continue;
    }
    for (const auto& [what, t] :
         {std::pair{"engine 1 thread", &s.engine_1t}, std::pair{"engine 2 threads", &s.engine_2t},
          std::pair{"bare loop", &s.bare}, std::pair{"bare loop 2 threads", &s.bare_2t}}) {
      check(name + " " + what + " events", static_cast<double>(t->events));
      check(name + " " + what + " trials/s", t->trials_per_second());
      check(name + " " + what + " ns/event", t->ns_per_event());
    }
    check(name + " peak memory", static_cast<double>(s.peak_rss_kib));
  }
  return problems;
}

}  // namespace reliasim::bench
