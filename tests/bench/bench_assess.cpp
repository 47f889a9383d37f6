// Assessment latency (median, p99) for a small, a typical and a maximal profile, and the
// floor: parsing the same profile and serializing a report of the same size with nlohmann/json
// alone. scripts/test.d/70-guard.sh and tests/bench/README.md use the ratio assess / floor.
//
//   build/release/tests/bench/seclead_bench --benchmark_min_time=1
//
// Per-call times are measured around each call (steady_clock); p50_us and p99_us are
// counters of the run, `ratio_to_floor` comes from the guard script.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

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

void reportPercentiles(benchmark::State& state, std::vector<double>& ns) {
  if (ns.empty()) return;
  std::sort(ns.begin(), ns.end());
  auto at = [&](double q) {
    return ns[std::min(ns.size() - 1, static_cast<std::size_t>(q * ns.size()))];
  };
  state.counters["p50_us"] = at(0.50) / 1000.0;
  state.counters["p99_us"] = at(0.99) / 1000.0;
  state.counters["samples"] = static_cast<double>(ns.size());
}

void BM_Assess(benchmark::State& state, int index) {
  const Case& c = cases()[index];
  std::vector<double> ns;
  ns.reserve(1 << 16);
  for (auto _ : state) {
    auto t0 = Clock::now();
    seclead::Result r = seclead::assess(c.profile);
    auto t1 = Clock::now();
    benchmark::DoNotOptimize(r.output.data());
    ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
  }
  reportPercentiles(state, ns);
  state.counters["profile_bytes"] = static_cast<double>(c.profile.size());
  state.counters["report_bytes"] = static_cast<double>(c.report.size());
}

// The floor: what any JSON-in/JSON-out engine must at least do with this library: parse the
// profile text into a document and serialize a report document of the same size, pretty-printed
// like assess() does.
void BM_Floor(benchmark::State& state, int index) {
  const Case& c = cases()[index];
  std::vector<double> ns;
  ns.reserve(1 << 16);
  for (auto _ : state) {
    auto t0 = Clock::now();
    nlohmann::json profile = nlohmann::json::parse(c.profile);
    std::string out = c.reportDoc.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace);
    auto t1 = Clock::now();
    benchmark::DoNotOptimize(profile);
    benchmark::DoNotOptimize(out.data());
    ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
  }
  reportPercentiles(state, ns);
}

// Rendering the typical report in each format (the CLI's --format path).
void BM_Render(benchmark::State& state, const char* format) {
  const Case& c = cases()[1];
  for (auto _ : state) {
    seclead::Result r = seclead::render(c.report, format);
    benchmark::DoNotOptimize(r.output.data());
  }
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
  }
  for (const char* f : {"markdown", "csv", "html", "oscal"})
    benchmark::RegisterBenchmark((std::string("render/typical/") + f).c_str(), BM_Render, f)
        ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("reject/typical-unknown-field", BM_RejectInvalid)
      ->Unit(benchmark::kMicrosecond);
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
