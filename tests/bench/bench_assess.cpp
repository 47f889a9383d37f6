// Assessment latency (median, p99) for a small, a typical and a maximal profile, and the
// floor: parsing the same profile and serializing a report of the same size with nlohmann/json
// alone. scripts/test.d/70-guard.sh and tests/bench/README.md use the ratio assess / floor.
//
//   build/release/tests/bench/seclead_bench --benchmark_min_time=1
//
// Per-call times are measured around each call: p50_us / p99_us in this thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID: on a shared, loaded machine wall time mostly measures the other
// processes), wall_p50_us / wall_p99_us in wall-clock time. The ratio to the floor is
// computed by scripts/test.d/70-guard.sh.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "decision.h"
#include "kb.h"
#include "profile.h"
#include "questionnaire.h"
#include "seclead/engine.h"

namespace {

struct Case {
  const char* name;
  const char* path;  // relative to the source tree
  std::string profile;
  std::string report;  // assess(profile).output
  nlohmann::ordered_json
      reportDoc;  // the same report as a document, for the floor's serialize step
};

std::vector<Case>& cases() {
  static std::vector<Case> all = [] {
    std::vector<Case> out = {{"small", "examples/agency-12.json", {}, {}, {}},
                             {"typical", "examples/us-clinic.json", {}, {}, {}},
                             {"maximal", "tests/bench/maximal-profile.json", {}, {}, {}}};
    for (auto& c : out) {
      std::ifstream in(std::string(SECLEAD_SOURCE_DIR) + "/" + c.path, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      c.profile = s.str();
      seclead::Result r = seclead::assess(c.profile);
      if (!r.ok) {
        std::fprintf(stderr, "bench: %s does not assess: %s\n", c.path, r.errorJson().c_str());
        std::exit(1);
      }
      c.report = r.output;
      c.reportDoc = nlohmann::ordered_json::parse(c.report);
    }
    return out;
  }();
  return all;
}

using Clock = std::chrono::steady_clock;

double threadCpuNs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// Per-call samples: CPU and wall nanoseconds.
struct Samples {
  std::vector<double> cpu, wall;
  Samples() { cpu.reserve(1 << 16), wall.reserve(1 << 16); }
  template <class F>
  void time(F&& call) {
    auto w0 = Clock::now();
    double c0 = threadCpuNs();
    call();
    double c1 = threadCpuNs();
    auto w1 = Clock::now();
    cpu.push_back(c1 - c0);
    wall.push_back(std::chrono::duration<double, std::nano>(w1 - w0).count());
  }
};

void reportPercentiles(benchmark::State& state, Samples& s) {
  if (s.cpu.empty()) return;
  auto at = [](std::vector<double>& ns, double q) {
    std::sort(ns.begin(), ns.end());
    auto i = static_cast<std::size_t>(q * static_cast<double>(ns.size()));
    return ns[std::min(ns.size() - 1, i)] / 1000.0;
  };
  state.counters["p50_us"] = at(s.cpu, 0.50);
  state.counters["p99_us"] = at(s.cpu, 0.99);
  state.counters["wall_p50_us"] = at(s.wall, 0.50);
  state.counters["wall_p99_us"] = at(s.wall, 0.99);
  state.counters["samples"] = static_cast<double>(s.cpu.size());
}

void BM_Assess(benchmark::State& state, int index) {
  const Case& c = cases()[index];
  Samples samples;
  for (auto _ : state) {
    samples.time([&] {
      seclead::Result r = seclead::assess(c.profile);
      benchmark::DoNotOptimize(r.output.data());
    });
  }
  reportPercentiles(state, samples);
  state.counters["profile_bytes"] = static_cast<double>(c.profile.size());
  state.counters["report_bytes"] = static_cast<double>(c.report.size());
}

// The floor: what any JSON-in/JSON-out engine must at least do with this library: parse the
// profile text into a document and serialize a report document of the same size, pretty-printed
// like assess() does.
void BM_Floor(benchmark::State& state, int index) {
  const Case& c = cases()[index];
  Samples samples;
  for (auto _ : state) {
    samples.time([&] {
      nlohmann::json profile = nlohmann::json::parse(c.profile);
      std::string out = c.reportDoc.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace);
      benchmark::DoNotOptimize(profile);
      benchmark::DoNotOptimize(out.data());
    });
  }
  reportPercentiles(state, samples);
}

// The decision alone, from an already parsed profile: derive facts, evaluate obligations,
// score the rules (decision.h recommendModel). The work json-rules-engine does in
// rules-engine-bench.mjs plus the fact derivation it is handed ready-made.
void BM_Decide(benchmark::State& state, int index) {
  std::vector<seclead::Error> errors;
  auto profile = seclead::parseProfile(cases()[index].profile, errors);
  if (!profile) {
    state.SkipWithError("profile does not parse");
    return;
  }
  seclead::Options options;
  Samples samples;
  for (auto _ : state) {
    samples.time([&] {
      std::string model = seclead::recommendModel(seclead::embeddedKb(), *profile, options);
      benchmark::DoNotOptimize(model.data());
    });
  }
  reportPercentiles(state, samples);
}

// Rendering the typical report in each format (the CLI's --format path).
void BM_Render(benchmark::State& state, const char* format) {
  const Case& c = cases()[1];
  for (auto _ : state) {
    seclead::Result r = seclead::render(c.report, format);
    benchmark::DoNotOptimize(r.output.data());
  }
}

// Loading the embedded knowledge base from its JSON text: parse every file the loaders read
// and build the tables (kb.cpp loaded()). Runs once per process; the cold-start part of
// version() in tests/bench/wasm-bench.mjs.
void BM_LoadKnowledge(benchmark::State& state) {
  const auto& files = seclead::embeddedKnowledgeFiles();
  Samples samples;
  for (auto _ : state) {
    std::vector<seclead::KbError> errors;
    samples.time([&] {
      std::map<std::string, seclead::json> documents;
      for (const auto& [name, text] : files)
        if (name != seclead::kQuestionnaireFile)
          documents.emplace(name, seclead::json::parse(text));
      seclead::Kb kb = seclead::buildKb(std::move(documents), errors);
      benchmark::DoNotOptimize(kb.roles.data());
    });
    if (!errors.empty()) state.SkipWithError("the knowledge base did not load cleanly");
  }
  reportPercentiles(state, samples);
}

// Reading and checking the questionnaire: what the build's check runs once
// (core/tools/check_knowledge.cpp); the engine only reads it, on the first questionnaire() call.
void BM_CheckQuestionnaire(benchmark::State& state) {
  std::string text;
  for (const auto& [name, body] : seclead::embeddedKnowledgeFiles())
    if (name == seclead::kQuestionnaireFile) text = body;
  const seclead::Kb& kb = seclead::embeddedKb();
  Samples samples;
  for (auto _ : state) {
    std::vector<seclead::KbError> errors;
    samples.time([&] {
      seclead::json document = seclead::json::parse(text);
      seclead::checkQuestionnaire(document, kb, errors);
      benchmark::DoNotOptimize(document.dump().size());
    });
    if (!errors.empty()) state.SkipWithError("the questionnaire did not check cleanly");
  }
  reportPercentiles(state, samples);
}

// The invalid-input path: a profile with an unknown field is rejected (validation cost only).
void BM_RejectInvalid(benchmark::State& state) {
  std::string bad = cases()[1].profile;
  bad.insert(bad.find('{') + 1, "\"unexpected\": 1,");
  for (auto _ : state) {
    seclead::Result r = seclead::assess(bad);
    benchmark::DoNotOptimize(r.errors.data());
  }
}

const int kRegistered = [] {
  const char* names[] = {"small", "typical", "maximal"};
  for (int i = 0; i < 3; ++i) {
    benchmark::RegisterBenchmark((std::string("assess/") + names[i]).c_str(), BM_Assess, i)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark((std::string("floor/") + names[i]).c_str(), BM_Floor, i)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark((std::string("decide/") + names[i]).c_str(), BM_Decide, i)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const char* f : {"markdown", "csv", "html", "oscal"})
    benchmark::RegisterBenchmark((std::string("render/typical/") + f).c_str(), BM_Render, f)
        ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("knowledge/questionnaire", BM_CheckQuestionnaire)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("knowledge/load", BM_LoadKnowledge)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("reject/typical-unknown-field", BM_RejectInvalid)
      ->Unit(benchmark::kMicrosecond);
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
