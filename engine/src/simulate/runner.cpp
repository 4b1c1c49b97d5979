// Trials in fixed-size chunks on oneTBB. Each trial writes its own rows of the result arrays
// and each chunk its own incident list, joined in trial order: any thread count gives the
// same bits.
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <fstream>
#include <future>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <thread>

#include "reliasim/simulate/simulate.hpp"
#include "reliasim/stats/mean.hpp"
#include "result_shape.hpp"
#include "topology.hpp"
#include "trial.hpp"

namespace reliasim {
namespace {

void check(const RunConfig& config) {
  if (config.chunk_size == 0) throw std::invalid_argument("chunk_size must be at least 1");
  if (config.threads < 0) throw std::invalid_argument("threads must be 0 (all cores) or more");
  if (config.first_trial > std::numeric_limits<std::uint64_t>::max() - config.trials)
    throw std::invalid_argument("first_trial + trials overflows");
  if (config.trials > (std::uint64_t{1} << 40)) throw std::invalid_argument("too many trials");
}

// The machine's memory, or the cgroup (v2) limit of this process when lower: what a Slurm job
// or a container may really use.
double usable_memory() {
  double memory =
      static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
  std::ifstream limit("/sys/fs/cgroup/memory.max");
  double cgroup = 0.0;
  if (limit >> cgroup && cgroup > 0.0) memory = std::min(memory, cgroup);  // "max" reads nothing
  return memory;
}

// The estimate when it exceeds the run's memory limit, else nothing. The cheap bound settles
// nearly every run; the expected count only the large ones.
std::optional<MemoryEstimate> too_large(const CompiledModel& model, const sim::Topology& topology,
                                        const RunConfig& config) {
  const double limit = run_memory_limit(config);
  if (!(limit > 0)) return std::nullopt;
  const auto bound =
      sim::estimate_run_memory(model, topology, config, sim::Occurrences::upper_bound);
  if (bound.total() <= limit) return std::nullopt;
  MemoryEstimate estimate = sim::estimate_run_memory(model, topology, config);
  if (estimate.total() <= limit) return std::nullopt;
  return estimate;
}

// Refuses runs that would not fit in their memory limit, before allocating anything: a clear
// error instead of a process (or a Python kernel) killed.
void check_memory(const CompiledModel& model, const sim::Topology& topology,
                  const RunConfig& config) {
  const std::optional<MemoryEstimate> estimate = too_large(model, topology, config);
  if (!estimate) return;
  const std::string limit =
      config.memory_limit > 0.0
          ? "the limit of " + std::to_string(std::llround(config.memory_limit / (1 << 20))) +
                " MiB (--max-memory)"
          : "half of this machine's " +
                std::to_string(static_cast<long long>(usable_memory() / (1 << 30))) + " GiB";
  // Importance sampling keeps every trial's weight, so it cannot stream.
  const std::string remedy = config.biasing.active()
                                 ? "; run fewer trials (importance sampling does not stream)"
                                 : std::string("; run fewer trials, or stream them in batches (") +
                                       config.streaming_hint + ")";
  throw std::invalid_argument("a run of " + std::to_string(config.trials) + " trials needs about " +
                              estimate->describe() + ", more than " + limit + remedy);
}

// Maps every page under `items` in one call rather than one page fault per page
// (MADV_POPULATE_WRITE, Linux 5.14), without changing their contents, so a page that
// `items` shares with a neighbour (another chunk's rows) may be mapped twice: the second
// time does nothing. A hint: where the kernel refuses, the pages fault in as they are first
// written.
template <typename T>
void prefault(std::span<T> items) {
#ifdef MADV_POPULATE_WRITE
  if (items.empty()) return;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGE_SIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(items.data());
  const auto first = begin / page * page;
  const auto last = (begin + items.size_bytes() + page - 1) / page * page;
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#else
  static_cast<void>(items);
#endif
}

RunResults allocate(const CompiledModel& model, const sim::Topology& topology,
                    const RunConfig& config) {
  check_memory(model, topology, config);
  RunResults r = sim::result_shape(model, topology, config);
  const sim::RowWidths widths = sim::row_widths(r, config.sla_attribution);
  // Sized but not written: each trial zeroes its own rows (Trial::reset).
  for (std::size_t a = 0; a < widths.size(); ++a)
    (r.*RunResults::simulated_arrays[a]).resize(config.trials * widths[a]);
  r.weights.assign(config.trials, 1.0);
  r.biasing = config.biasing.active() ? config.biasing : Biasing{};
  return r;
}

// The configured chunk size, made smaller when a run is too short for it to give each thread
// 32 chunks: the last chunk then keeps the other threads waiting for a small share of the
// run. Chunking never changes the results.
std::uint64_t chunk_size_for(const RunConfig& config, int threads) {
  if (threads < 2) return config.chunk_size;
  const auto per_run = 32 * static_cast<std::uint64_t>(threads);
  return std::clamp<std::uint64_t>((config.trials + per_run - 1) / per_run, 1, config.chunk_size);
}

// A chunk's incidents and outages, kept until the chunks before it are joined.
struct ChunkOutput {
  std::vector<IncidentRecord> incidents;
  std::vector<OutageRecord> outages;
};

// Joins the chunks' lists into the results in chunk order while other chunks still run. A
// chunk that finishes when every chunk before it is joined (all of them, on one thread) is
// joined at once, straight from its trial's lists; one that finishes early is set aside and
// joined by whichever thread finishes the chunk it waits for. Only one thread joins at a
// time, so the copying overlaps the simulation instead of following it.
class OrderedMerge {
 public:
  OrderedMerge(std::size_t chunks, RunResults& results)
      : waiting_(chunks), results_(results), finished_(chunks, false) {}

  // Takes the lists of chunk `chunk` (a trial's own) and leaves them empty, with room.
  void finished(std::size_t chunk, std::vector<IncidentRecord>& incidents,
                std::vector<OutageRecord>& outages) {
    std::unique_lock lock(mutex_);
    if (chunk == next_ && !merging_) {
      merging_ = true;
      lock.unlock();
      append(incidents, outages);
      incidents.clear(), outages.clear();
      lock.lock();
      ++next_;
    } else {
      set_aside(waiting_[chunk], incidents, outages);
      finished_[chunk] = true;
      if (merging_) return;
      merging_ = true;
    }
    while (next_ < waiting_.size() && finished_[next_]) {
      ChunkOutput& output = waiting_[next_];
      lock.unlock();
      append(output.incidents, output.outages);
      output.incidents.clear(), output.outages.clear();
      lock.lock();
      spare_.push_back(std::move(output));
      ++next_;
    }
    merging_ = false;
  }

 private:
  void append(const std::vector<IncidentRecord>& incidents,
              const std::vector<OutageRecord>& outages) {
    if (next_ == 0) reserve_like(incidents.size(), outages.size());
    auto& all = results_.incidents;
    if (all.size() + incidents.size() <= all.capacity())
      prefault(std::span(all.data() + all.size(), incidents.size()));
    all.insert(all.end(), incidents.begin(), incidents.end());
    results_.outages.insert(results_.outages.end(), outages.begin(), outages.end());
  }

  // Without copying: the chunk's lists move to `output`, and the trial takes the emptied lists
  // of a chunk joined before (with their room, so they need not grow again). Under the lock.
  void set_aside(ChunkOutput& output, std::vector<IncidentRecord>& incidents,
                 std::vector<OutageRecord>& outages) {
    output.incidents.swap(incidents);
    output.outages.swap(outages);
    if (spare_.empty()) return;
    incidents.swap(spare_.back().incidents);
    outages.swap(spare_.back().outages);
    spare_.pop_back();
  }

  // Room for every chunk at the first one's rate and a quarter more, so that the lists are
  // rarely copied again as they grow (untouched reserved memory costs nothing).
  void reserve_like(std::size_t incidents, std::size_t outages) {
    const double chunks = 1.25 * static_cast<double>(waiting_.size());
    results_.incidents.reserve(static_cast<std::size_t>(chunks * static_cast<double>(incidents)));
    results_.outages.reserve(static_cast<std::size_t>(chunks * static_cast<double>(outages)));
  }

  std::vector<ChunkOutput> waiting_;
  std::vector<ChunkOutput> spare_;  // joined chunks' emptied lists, for trials to reuse
  RunResults& results_;
  std::mutex mutex_;
  std::vector<bool> finished_;
  std::size_t next_ = 0;
  bool merging_ = false;
};

}  // namespace

RunResults simulate(const CompiledModel& model, const RunConfig& config) {
  check(config);
  const sim::Topology topology = sim::build_topology(model);
  RunResults results = allocate(model, topology, config);
  const int threads = config.threads > 0 ? config.threads : tbb::this_task_arena::max_concurrency();
  const std::uint64_t chunk_size = chunk_size_for(config, threads);
  const std::size_t chunks =
      static_cast<std::size_t>((config.trials + chunk_size - 1) / chunk_size);
  OrderedMerge merge(chunks, results);
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> events{0};
  std::atomic<bool> stop{false};
  auto cancelled = [&] { return stop.load() || (config.cancel && config.cancel->load()); };

  if (config.bias_traces) config.bias_traces->assign(config.trials, BiasTrace{});
  tbb::task_arena arena(threads);
  // One Trial per thread of the arena, kept for every chunk it runs, so that its buffers
  // (incident slots, segments, the incident list) have grown once and stay in cache.
  std::vector<std::unique_ptr<sim::Trial>> workers(static_cast<std::size_t>(threads));
  auto run_chunk = [&](std::size_t c) {
    auto& worker =
        workers.at(static_cast<std::size_t>(tbb::this_task_arena::current_thread_index()));
    if (!worker)
      worker = std::make_unique<sim::Trial>(model, topology, results, config.keep_incidents,
                                            config.cancel, config.biasing,
                                            config.bias_traces != nullptr);
    sim::Trial& trial = *worker;
    const std::uint64_t events_before = trial.events();
    const std::uint64_t begin = c * chunk_size;
    const std::uint64_t end = std::min<std::uint64_t>(config.trials, begin + chunk_size);
    for (const auto array : RunResults::simulated_arrays)
      prefault(trial_rows(results.*array, config.trials, begin, end - begin));
    for (std::uint64_t t = begin; t < end && !cancelled(); ++t) {
      trial.run(config.seed, config.first_trial + t, static_cast<std::size_t>(t));
      if (config.bias_traces) (*config.bias_traces)[t] = trial.bias_trace();
      done.fetch_add(1);
    }
    events.fetch_add(trial.events() - events_before);
    merge.finished(c, trial.incidents(), trial.outages());
  };
  // Each thread takes the next chunk in order, so that chunks finish close to their turn to be
  // joined. (A parallel_for over the chunks would give one thread the second half of them:
  // their lists would wait, copied aside, until the first half is done.)
  std::atomic<std::size_t> next_chunk{0};
  auto run_all = [&] {
    arena.execute([&] {
      tbb::parallel_for(0, threads, [&](int /*thread*/) {
        for (std::size_t c = next_chunk++; c < chunks; c = next_chunk++) run_chunk(c);
      });
    });
  };
  if (!config.on_progress) {
    run_all();
  } else {
    // The workers run in the background; progress is reported on the calling thread every
    // 50 ms, and a short run returns as soon as it is done.
    std::exception_ptr failure;
    bool finished = false;
    std::mutex mutex;
    std::condition_variable finished_changed;
    std::thread worker([&] {
      try {
        run_all();
      } catch (...) {
        failure = std::current_exception();
        stop = true;
      }
      const std::lock_guard lock(mutex);
      finished = true;
      finished_changed.notify_one();
    });
    for (std::unique_lock lock(mutex); !finished;) {
      if (finished_changed.wait_for(lock, std::chrono::milliseconds(50), [&] { return finished; }))
        break;
      lock.unlock();
      config.on_progress(done.load());
      lock.lock();
    }
    worker.join();
    config.on_progress(done.load());
    if (failure) std::rethrow_exception(failure);
  }
  if (cancelled()) throw RunCancelled{};
  results.events = events.load();
  return results;
}

namespace {

// Adds each trial's value of the metric; with no scopes, all services' downtime.
void add_metric(const RunResults& r, const PrecisionMetric& metric, MeanAccumulator& values) {
  const std::size_t scopes = r.scopes.size(), windows = r.windows(), services = r.services.size();
  std::size_t stride = 0, offset = 0;
  for (std::size_t l = 0; l < r.slas.size(); ++l) {
    if (l == metric.index) offset = stride;
    stride += r.sla_windows(l);
  }
  for (std::size_t t = 0; t < r.trials; ++t) {
    double total = 0.0;
    if (metric.kind == PrecisionMetric::Kind::sla_credit) {
      for (std::size_t w = 0; w < r.sla_windows(metric.index); ++w)
        total += r.sla_credit[t * stride + offset + w];
    } else if (scopes > 0) {
      for (std::size_t w = 0; w < windows; ++w)
        total += r.scope_down[(t * scopes + metric.index) * windows + w];
    } else {
      for (std::size_t s = 0; s < services; ++s) total += r.service_down[t * services + s];
    }
    values.add(total);
  }
}

void check_target(const CompiledModel& model, const sim::Topology& topology,
                  const PrecisionTarget& target) {
  if (!(target.relative_half_width > 0.0))
    throw std::invalid_argument("the precision target must be > 0");
  const bool sla = target.metric.kind == PrecisionMetric::Kind::sla_credit;
  if (sla ? target.metric.index >= model.slas.size()
          : target.metric.index > 0 && target.metric.index >= topology.scopes.size())
    throw std::invalid_argument("the precision metric names no scope or SLA of this model");
  if (target.min_trials < 2 || target.max_trials < target.min_trials)
    throw std::invalid_argument("precision needs 2 <= min_trials <= max_trials");
}

}  // namespace

double relative_half_width(const MeanAccumulator& values) {
  const double relative = values.summary(0.95).interval.relative_half_width();
  return std::isfinite(relative) ? relative : std::numeric_limits<double>::infinity();
}

// The half-width shrinks as 1/sqrt(n), so aim a little past the estimate, at most doubling,
// within the cap.
std::uint64_t precision_step(std::uint64_t have, double reached, const PrecisionTarget& target) {
  const double ratio = reached / target.relative_half_width;
  const double wanted = std::isfinite(ratio) ? 1.1 * static_cast<double>(have) * ratio * ratio
                                             : 2.0 * static_cast<double>(have);
  const auto next = static_cast<std::uint64_t>(std::min(wanted, 2.0 * static_cast<double>(have)));
  return std::min(target.max_trials, std::max(next, have + 1)) - have;
}

void simulate_in_batches(const CompiledModel& model, RunConfig config, std::uint64_t batch_trials,
                         const std::function<void(const RunResults&)>& consume) {
  if (batch_trials == 0) throw std::invalid_argument("batches need at least one trial");
  const std::uint64_t first = config.first_trial, total = config.trials;
  const auto report = config.on_progress;
  // Each batch is consumed on a thread of its own while the next one is simulated: the
  // summary's serial work overlaps the parallel simulation. Batches are still consumed one at
  // a time and in order, so results do not change; two batches are alive at once. Declared in
  // this order, `consuming` is waited for before `consumed` is freed, however the loop ends.
  RunResults consumed;
  std::future<void> consuming;
  for (std::uint64_t done = 0; done < total;) {
    config.first_trial = first + done;
    config.trials = std::min(batch_trials, total - done);
    if (report) config.on_progress = [&report, done](std::uint64_t n) { report(done + n); };
    RunResults next = simulate(model, config);
    if (consuming.valid()) consuming.get();  // rethrows what consume threw
    consumed = std::move(next);
    consuming = std::async(std::launch::async, [&consume, &consumed] { consume(consumed); });
    done += config.trials;
  }
  if (consuming.valid()) consuming.get();
}

std::vector<std::string> scope_names(const CompiledModel& model) {
  std::vector<std::string> names;
  for (const auto& scope : sim::build_topology(model).scopes) names.push_back(scope.name);
  return names;
}

PrecisionMetric precision_metric(const CompiledModel& model, const std::string& name) {
  const sim::Topology topology = sim::build_topology(model);
  if (name.empty()) return {};
  std::string valid;
  for (std::size_t s = 0; s < topology.scopes.size(); ++s) {
    if (topology.scopes[s].name == name) return {PrecisionMetric::Kind::scope_downtime, s};
    valid += (valid.empty() ? "" : ", ") + topology.scopes[s].name;
  }
  for (std::size_t l = 0; l < model.slas.size(); ++l) {
    if (model.slas[l].name == name) return {PrecisionMetric::Kind::sla_credit, l};
    valid += (valid.empty() ? "" : ", ") + model.slas[l].name;
  }
  throw std::invalid_argument("no journey, scope or SLA named '" + name + "'; valid: " + valid);
}

PrecisionOutcome simulate_to_precision(const CompiledModel& model, RunConfig config,
                                       const PrecisionTarget& target,
                                       const std::function<void(const RunResults&)>& consume,
                                       std::uint64_t batch_trials) {
  check_target(model, sim::build_topology(model), target);
  const std::uint64_t first = config.first_trial;
  const auto report = config.on_progress;
  MeanAccumulator values;
  PrecisionOutcome outcome;
  for (std::uint64_t step = target.min_trials;;
       step = precision_step(outcome.trials, outcome.relative_half_width, target)) {
    config.first_trial = first + outcome.trials;
    config.trials = step;
    if (report)
      config.on_progress = [&report, before = outcome.trials](std::uint64_t n) {
        report(before + n);
      };
    simulate_in_batches(model, config, batch_trials, [&](const RunResults& batch) {
      add_metric(batch, target.metric, values);
      consume(batch);
    });
    outcome.trials += step;
    outcome.relative_half_width = relative_half_width(values);
    outcome.converged = outcome.relative_half_width <= target.relative_half_width;
    if (outcome.converged || outcome.trials >= target.max_trials) return outcome;
  }
}

PrecisionRun simulate_to_precision(const CompiledModel& model, RunConfig config,
                                   const PrecisionTarget& target) {
  const sim::Topology topology = sim::build_topology(model);
  check_target(model, topology, target);
  const std::uint64_t first = config.first_trial;
  const auto report = config.on_progress;
  MeanAccumulator values;
  PrecisionRun run;
  for (std::uint64_t step = target.min_trials;;
       step = precision_step(run.results.trials, run.relative_half_width, target)) {
    const std::uint64_t have = run.results.trials;
    config.first_trial = first + have;
    config.trials = step;
    if (report) config.on_progress = [&report, have](std::uint64_t n) { report(have + n); };
    // The trials run so far stay in memory beside the step: the check counts them all.
    RunConfig all = config;
    all.first_trial = first;
    all.trials = have + step;
    check_memory(model, topology, all);
    RunResults results = simulate(model, config);
    add_metric(results, target.metric, values);
    if (have == 0)
      run.results = std::move(results);
    else
      run.results.append(results);
    run.relative_half_width = relative_half_width(values);
    run.converged = run.relative_half_width <= target.relative_half_width;
    if (run.converged || run.results.trials >= target.max_trials) return run;
  }
}

bool fits_in_memory(const CompiledModel& model, const RunConfig& config) {
  return !too_large(model, sim::build_topology(model), config);
}

std::uint64_t streaming_batch(const CompiledModel& model, const RunConfig& config) {
  constexpr std::uint64_t most = 1000;
  constexpr double batch_memory = 64.0 * (1 << 20);
  const auto threads = static_cast<std::uint64_t>(
      config.threads > 0 ? config.threads : tbb::this_task_arena::max_concurrency());
  // The run's own estimate is linear in the trials: its slope is a trial's memory. Its cheap
  // upper bound on occurrences (horizon / MTTF) sizes batches a little small at worst, and
  // spares the numerical integral per lifecycle, which on a model of thousands of sources
  // costs more than a batch. Batch sizes never change results.
  const sim::Topology topology = sim::build_topology(model);
  RunConfig probe = config;
  probe.trials = most;
  const auto bound = sim::Occurrences::upper_bound;
  const double batch_of_most = sim::estimate_run_memory(model, topology, probe, bound).total();
  probe.trials = 1;
  const double per_trial =
      (batch_of_most - sim::estimate_run_memory(model, topology, probe, bound).total()) /
      static_cast<double>(most - 1);
  const double fitting = per_trial > 0.0 ? std::floor(batch_memory / per_trial) : most;
  return std::clamp(static_cast<std::uint64_t>(std::min(fitting, static_cast<double>(most))),
                    std::min(most, 4 * threads), most);
}

double run_memory_limit(const RunConfig& config) {
  return config.memory_limit > 0.0 ? config.memory_limit : 0.5 * usable_memory();
}

}  // namespace reliasim
