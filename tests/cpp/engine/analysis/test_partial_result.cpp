// Summary states saved, loaded and merged: disjoint trial ranges give the state of one run over
// their union, byte for byte; malformed or hostile bytes are refused, never trusted.
#include <catch2/catch.hpp>
#include <random>

#include "../simulate/model_builder.hpp"
#include "reliasim/analysis/partial_result.hpp"
#include "reliasim/record/sha256.hpp"
#include "reliasim/simulate/simulate.hpp"

using namespace reliasim;
using namespace reliasim::testing;

namespace {

constexpr double day = 86400.0;

CompiledModel contract_model() {
  ModelBuilder b(360 * day);
  b.windows(30 * day);
  const Index api = b.service("api", 2, 1);
  b.replica_sources(api, 40 * day, 6 * hour);
  b.source("api/deploy", {{}, {api}}, 20 * day, 1);
  b.last_source().lifecycle.repair = DistributionSpec::exponential_mean(1800);
  b.journey("use", {api});
  b.sla(0.9995, 1000.0);
  return b.build();
}

SummaryBuilder summary_of(const CompiledModel& model, std::uint64_t first, std::uint64_t trials,
                          std::uint64_t batch = 64) {
  RunConfig config;
  config.first_trial = first;
  config.trials = trials;
  SummaryBuilder builder(model, false);
  simulate_in_batches(model, config, batch, [&](const RunResults& r) { builder.add(r); });
  return builder;
}

RunRecord record_for() {
  RunRecord record = record_of_inputs({input_file("scenario", "model.yaml", "the model's text")});
  record.seed = 1;
  return record;
}

// A file as write_partial frames it, around any header and state, with a valid checksum.
std::string framed(const std::string& header, const std::string& state) {
  std::string out = "reliasim partial result v" + std::to_string(partial_format_version) + "\n";
  const auto length = [&out](std::uint64_t n) {
    for (int i = 0; i < 8; ++i, n >>= 8) out.push_back(static_cast<char>(n & 0xFF));
  };
  length(header.size());
  out += header;
  length(state.size());
  out += state;
  return out + sha256_hex(out);
}

}  // namespace

TEST_CASE("disjoint ranges merge, in any order, into the state of one run over their union",
          "[partial]") {
  const CompiledModel model = contract_model();
  const std::string whole = summary_of(model, 0, 400).save();
  SummaryBuilder a = summary_of(model, 0, 150, 50), b = summary_of(model, 150, 100, 7),
                 c = summary_of(model, 250, 150, 200);
  SummaryBuilder forwards = SummaryBuilder::load(a.save());
  forwards.merge(b), forwards.merge(c);
  CHECK(forwards.save() == whole);
  SummaryBuilder backwards = SummaryBuilder::load(c.save());
  backwards.merge(SummaryBuilder::load(a.save())), backwards.merge(b);
  CHECK(backwards.save() == whole);
  CHECK(backwards.ranges() == std::vector<TrialRange>{{0, 400}});
  const Summary s = backwards.finish();
  CHECK(s.trials == 400);
  CHECK(s.slas.at(0).var99.var == summary_of(model, 0, 400).finish().slas.at(0).var99.var);
}

TEST_CASE("beyond the trials kept, credits are binned: tails within 0.5 %, merges exact",
          "[partial]") {
  CompiledModel model = contract_model();
  model.slas.push_back(model.slas[0]);  // a second contract of the portfolio, stricter
  model.slas[1].name = "strict";
  model.slas[1].target = 0.9999;
  model.slas[1].credits = {{0.9999, 0.05}, {0.999, 0.3}};
  const std::uint64_t n = max_exact_tail_trials + 20'000;
  const SummaryBuilder streamed = summary_of(model, 0, n, 1000);
  // Two halves, each kept per trial, are binned when merged: the state of one run.
  SummaryBuilder halves = summary_of(model, 0, n / 2, 1000);
  halves.merge(summary_of(model, n / 2, n - n / 2, 1000));
  const std::string state = streamed.save();
  CHECK(halves.save() == state);
  CHECK(SummaryBuilder::load(state).save() == state);
  CHECK(state.size() < 8 * n / 2);  // kept, two contracts' credits would take 16 bytes a trial
  // Against every credit kept (an in-memory summary of the same trials).
  SummaryBuilder exact(model, true);
  RunConfig config;
  config.trials = n;
  simulate_in_batches(model, config, 1000, [&](const RunResults& r) { exact.add(r); });
  const Summary binned = streamed.finish(), kept = exact.finish();
  const auto close = [](const TailRisk& a, const TailRisk& b) {
    CHECK(a.var == Approx(b.var).epsilon(0.005));
    CHECK(a.cvar == Approx(b.cvar).epsilon(0.005));
  };
  REQUIRE(binned.portfolios.size() == 1);
  for (std::size_t l = 0; l < 2; ++l) {
    INFO(binned.slas[l].name);
    CHECK(kept.slas[l].var99.var > 0.0);
    close(binned.slas[l].var95, kept.slas[l].var95);
    close(binned.slas[l].var99, kept.slas[l].var99);
    close(binned.slas[l].var999, kept.slas[l].var999);
    CHECK(binned.slas[l].credit_per_year.upper == kept.slas[l].credit_per_year.upper);
  }
  close(binned.portfolios[0].var99, kept.portfolios[0].var99);
  close(binned.portfolios[0].var999, kept.portfolios[0].var999);
  CHECK(binned.portfolios[0].credit_per_year.estimate ==
        kept.portfolios[0].credit_per_year.estimate);
  CHECK(binned.portfolios[0].credit_per_year.upper == kept.portfolios[0].credit_per_year.upper);
}

TEST_CASE("a saved state loads back to the same bytes and the same summary", "[partial]") {
  const CompiledModel model = contract_model();
  const SummaryBuilder original = summary_of(model, 10, 120);
  const SummaryBuilder loaded = SummaryBuilder::load(original.save());
  CHECK(loaded.save() == original.save());
  const Summary x = original.finish(), y = loaded.finish();
  CHECK(y.scopes.at(0).availability.estimate == x.scopes.at(0).availability.estimate);
  CHECK(y.scopes.at(0).outage_duration.p90.estimate == x.scopes.at(0).outage_duration.p90.estimate);
  CHECK(y.slas.at(0).credit_per_year.upper == x.slas.at(0).credit_per_year.upper);
  CHECK(y.failure_modes.at(0).info == x.failure_modes.at(0).info);
  CHECK(y.windows == x.windows);
}

TEST_CASE("every truncation and many corruptions of a state are refused or harmless", "[partial]") {
  const CompiledModel model = contract_model();
  const std::string bytes = summary_of(model, 0, 40).save();
  for (std::size_t cut = 0; cut < bytes.size(); cut += 97)
    CHECK_THROWS_AS(SummaryBuilder::load(std::string_view(bytes).substr(0, cut)),
                    std::invalid_argument);
  CHECK_THROWS_WITH(SummaryBuilder::load(bytes + "x"), Catch::Contains("1 bytes follow"));
  // A count near 2^64 where the scenario's name length stands: refused before allocating.
  std::string lying = bytes;
  lying.replace(0, 8, std::string(8, '\xff'));
  CHECK_THROWS_WITH(SummaryBuilder::load(lying), Catch::Contains("exceeds the file"));
  // Random bytes changed: a clear refusal or a state that finishes; never a crash (the
  // sanitizer build runs this too).
  std::mt19937_64 random(3);
  for (int round = 0; round < 300; ++round) {
    std::string changed = bytes;
    for (int k = 0; k < 4; ++k)
      changed[random() % changed.size()] = static_cast<char>(random() & 0xFF);
    try {
      const SummaryBuilder loaded = SummaryBuilder::load(changed);
      static_cast<void>(loaded.finish());
    } catch (const std::invalid_argument&) {
    }
  }
}

TEST_CASE("partial result files are checked before their contents are trusted", "[partial]") {
  const CompiledModel model = contract_model();
  const SummaryBuilder builder = summary_of(model, 0, 30);
  const RunRecord record = record_for();
  const std::string file = write_partial(builder, record);
  const PartialResult read = read_partial(file, "part.rsp");
  CHECK(read.summary.save() == builder.save());
  CHECK(read.record.seed == 1);
  CHECK(read.record.scenario_hash == record.scenario_hash);

  const std::string state = builder.save();
  const auto refused = [](const std::string& bytes, const std::string& why) {
    CHECK_THROWS_WITH(read_partial(bytes, "part.rsp"),
                      Catch::StartsWith("part.rsp: ") && Catch::Contains(why));
  };
  refused(framed(std::string(100000, '[') + std::string(100000, ']'), state), "nests too deeply");
  refused(framed("{\"format\": 3}", state), "header is malformed");
  refused(framed("[1, 2]", state), "not a JSON object");
  std::string header = file.substr(35, file.find("\n}\n") + 3 - 35);
  REQUIRE(header.front() == '{');
  std::string wrong_seed = header;
  wrong_seed.replace(wrong_seed.find("\"seed\": 1"), 9, "\"seed\": 2");
  refused(framed(wrong_seed, state), "disagree with the results it holds");
  std::string other_engine = header;
  other_engine.replace(other_engine.find(RELIASIM_VERSION), std::string(RELIASIM_VERSION).size(),
                       "0.0.1");
  refused(framed(other_engine, state), "made by reliasim 0.0.1");
  refused(framed(header, state.substr(0, 100)), "malformed summary state");
}

TEST_CASE("kept incident records: the first in trial order, whatever the batches or merges",
          "[partial]") {
  const CompiledModel model = contract_model();
  const auto kept = [&](std::uint64_t first, std::uint64_t trials, std::uint64_t batch) {
    RunConfig config;
    config.first_trial = first, config.trials = trials;
    SummaryBuilder builder(model, false);
    builder.keep_incidents(25);
    simulate_in_batches(model, config, batch, [&](const RunResults& r) { builder.add(r); });
    return builder;
  };
  const Summary whole = kept(0, 200, 200).finish();
  REQUIRE(whole.incident_records);
  REQUIRE(whole.incident_records->size() == 25);
  // Independently: the first 25 incidents of the whole run's own records.
  RunConfig config;
  config.trials = 200;
  const RunResults all = simulate(model, config);
  for (std::size_t k = 0; k < 25; ++k) {
    CHECK((*whole.incident_records)[k].trial == all.incidents[k].trial);
    CHECK((*whole.incident_records)[k].start == all.incidents[k].start);
  }
  SummaryBuilder later = kept(100, 100, 7);
  later.merge(kept(0, 100, 3));  // merged the other way round
  const Summary merged = later.finish();
  REQUIRE(merged.incident_records->size() == 25);
  for (std::size_t k = 0; k < 25; ++k)
    CHECK((*merged.incident_records)[k].start == (*whole.incident_records)[k].start);
  CHECK_THROWS_AS(kept(0, 10, 10).save(), std::invalid_argument);
  CHECK_FALSE(summary_of(model, 0, 10).finish().incident_records);
}
