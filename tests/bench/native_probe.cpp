// The native side of an interleaved Node/native comparison (tests/bench/wasm-ratio.mjs
// --interleaved): assesses on request, so that the two sides are measured moments apart
// instead of one whole benchmark run after the other. This machine's speed swings by up to
// 2x within seconds, which a ratio of two separate runs cannot tell from the code.
//
//   native_probe PROFILE.json...     then on standard input, one request per line:
//   <profile index> <count>          -> the median CPU time of `count` assessments, in us
//   (end of input ends the probe)
#include <time.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "seclead/engine.h"

namespace {

double threadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> profiles;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "native_probe: cannot read " << argv[i] << "\n";
      return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    profiles.push_back(text.str());
    if (!seclead::assess(profiles.back()).ok) {
      std::cerr << "native_probe: " << argv[i] << " does not assess\n";
      return 1;
    }
  }
  std::size_t index = 0, count = 0;
  std::vector<double> samples;
  while (std::cin >> index >> count) {
    if (index >= profiles.size() || count == 0) {
      std::cout << "error" << std::endl;
      continue;
    }
    samples.clear();
    for (std::size_t i = 0; i < count; ++i) {
      const double start = threadCpuMicros();
      seclead::Result r = seclead::assess(profiles[index]);
      samples.push_back(threadCpuMicros() - start);
      if (!r.ok) return 1;
    }
    std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
    std::cout << samples[samples.size() / 2] << std::endl;
  }
  return 0;
}
