#include "measure.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "bare_loop.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"
#include "reliasim/simulate/simulate.hpp"
#include "simpy_run.hpp"

namespace reliasim::bench {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds used so far by the whole machine (busy time) and by this process.
struct CpuTimes {
  double machine = 0.0;
  double own = 0.0;
};

CpuTimes cpu_times() {
  CpuTimes t;
  std::ifstream stat("/proc/stat");
  std::string cpu;
  std::array<unsigned long long, 8> v{};  // user nice system idle iowait irq softirq steal
  stat >> cpu;
  for (auto& x : v) stat >> x;
  const auto ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  if (stat && ticks > 0)
    t.machine = static_cast<double>(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / ticks;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& tv) {
    return double(tv.tv_sec) + 1e-6 * double(tv.tv_usec);
  };
  t.own = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  return t;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kibibytes on Linux
}

template <std::size_t N>
void copy_text(char (&to)[N], const std::string& from) {
  std::strncpy(to, from.c_str(), N - 1);
  to[N - 1] = '\0';
}

Workload engine(const CompiledModel& model, const MeasureOptions& options, int threads) {
  return [&model, options, threads](std::uint64_t trials) {
    RunConfig config;
    config.seed = options.seed;
    config.trials = trials;
    config.threads = threads;
    config.keep_incidents = options.keep_incidents;
    return simulate(model, config).events;
  };
}

// The faster of two timed runs of the same trials.
Throughput faster(const Throughput& a, const Throughput& b) {
  return b.seconds < a.seconds ? b : a;
}

}  // namespace

Throughput timed(const Workload& work, std::uint64_t trials) {
  const CpuTimes before = cpu_times();
  const auto start = Clock::now();
  const std::uint64_t events = work(trials);
  const double seconds = since(start);
  const CpuTimes after = cpu_times();
  const double others = (after.machine - before.machine) - (after.own - before.own);
  return {trials, events, seconds, std::max(0.0, others / seconds)};
}

Throughput calibrated(const Workload& work, double seconds, std::uint64_t granule) {
  const double probe_seconds = seconds / 10.0;
  Throughput probe = timed(work, 1);
  while (probe.seconds < probe_seconds && probe.trials < (std::uint64_t{1} << 30))
    probe = timed(work, 2 * probe.trials);
  const double per_trial = probe.seconds / static_cast<double>(probe.trials);
  const auto wanted = static_cast<std::uint64_t>(std::ceil(seconds / std::max(per_trial, 1e-9)));
  return timed(work, std::max<std::uint64_t>(1, (wanted + granule - 1) / granule) * granule);
}

ScenarioFigures measure_scenario(const std::string& label, const std::filesystem::path& file,
                                 const MeasureOptions& options) {
  ScenarioFigures figures;
  copy_text(figures.label, label);
  copy_text(figures.file, file.string());
  const auto start = Clock::now();
  const CompiledModel model = scenario::compile(scenario::load_scenario_file(file));
  figures.load_seconds = since(start);
  figures.services = model.services.size();
  figures.replicas = model.replicas.size();
  figures.sources = model.sources.size();

  figures.load_rss_kib = peak_rss_kib();
  const Workload one_thread = engine(model, options, 1), two_threads = engine(model, options, 2);
  const Workload bare = [&model, &options](std::uint64_t trials) {
    return run_bare_loop(model, options.seed, trials);
  };
  const Workload bare_two_threads = [&model, &options](std::uint64_t trials) {
    return run_bare_loop_on_threads(model, options.seed, trials, 2);
  };
  // A multiple of 4 trials, so that two threads get equal shares even of a short run.
  figures.engine_1t = calibrated(one_thread, options.seconds, 4);
  figures.engine_2t = timed(two_threads, figures.engine_1t.trials);
  if (figures.engine_2t.events != figures.engine_1t.events)
    throw std::runtime_error("1 and 2 threads processed different event counts");
  figures.bare = calibrated(bare, options.seconds, 2);
  figures.bare_2t = timed(bare_two_threads, figures.bare.trials);
  if (figures.bare_2t.events != figures.bare.events)
    throw std::runtime_error("the bare loop on 1 and 2 threads processed different event counts");
  std::optional<SimpyReference> simpy;
  if (!options.simpy_python.empty()) simpy.emplace(options.simpy_python, file);
  if (simpy) {
    figures.simpy = simpy->time(options.seconds, 0, "all").value_or(Throughput{});
    if (figures.simpy.trials > 0)
      figures.simpy_availability =
          simpy->time(options.seconds, 0, "availability").value_or(Throughput{});
  }
  // The machine's speed drifts: the measurements take turns, and each keeps its fastest run.
  for (int r = 1; r < options.repeats; ++r) {
    figures.engine_1t = faster(figures.engine_1t, timed(one_thread, figures.engine_1t.trials));
    figures.engine_2t = faster(figures.engine_2t, timed(two_threads, figures.engine_2t.trials));
    figures.bare = faster(figures.bare, timed(bare, figures.bare.trials));
    figures.bare_2t = faster(figures.bare_2t, timed(bare_two_threads, figures.bare.trials));
    if (figures.simpy.trials > 0) {
      const auto again = [&](const Throughput& best, const char* books) {
        return faster(best, simpy->time(0.0, best.trials, books).value_or(best));
      };
      figures.simpy = again(figures.simpy, "all");
      figures.simpy_availability = again(figures.simpy_availability, "availability");
    }
  }
  return figures;
}

}  // namespace reliasim::bench
