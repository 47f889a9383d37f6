// Hardening at scale (issue 8): a 100 MB stream on the CLI's standard input fails fast with
// `limit` and bounded memory; the whole fixture set assesses byte-identically twice (in
// process and across processes); every fuzz regression input is handled without a crash.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "json_support.h"
#include "test_support.h"
#include "json.h"
#include "seclead/engine.h"

namespace seclead {
namespace {

using test::readFile;

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

std::vector<fs::path> filesIn(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && (ext.empty() || e.path().extension() == ext))
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Every profile we ship or test: examples and the fixtures' "profile" objects, as text.
std::vector<std::pair<std::string, std::string>> allProfiles() {
  std::vector<std::pair<std::string, std::string>> out;
  const fs::path root(SECLEAD_SOURCE_DIR);
  for (const auto& p : filesIn(root / "examples", ".json"))
    out.emplace_back(p.filename().string(), readFile(p));
  for (const auto& p : filesIn(root / "tests/scenarios", ".json")) {
    json fixture = json::parse(readFile(p), nullptr, false);
    if (fixture.is_object() && fixture.contains("profile"))
      out.emplace_back(p.filename().string(), fixture["profile"].dump());
  }
  return out;
}

struct ChildRun {
  int exitCode = -1;
  std::string out, err;
  long maxRssKb = 0;
  double seconds = 0;
  std::size_t bytesWritten = 0;
};

// Runs the CLI with `args`, writing up to `inputBytes` bytes of `pattern` (repeated) to its
// standard input while draining its output; the child's own peak RSS comes from wait4().
ChildRun runCli(const std::vector<std::string>& args, std::size_t inputBytes,
                const std::string& pattern) {
  ChildRun run;
  int in[2], out[2], err[2];
  if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0) return run;
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0), dup2(out[1], 1), dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    std::vector<char*> argv;
    std::string cli = SECLEAD_CLI_PATH;
    argv.push_back(cli.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(cli.c_str(), argv.data());
    _exit(127);
  }
  close(in[0]), close(out[1]), close(err[1]);
  signal(SIGPIPE, SIG_IGN);  // the CLI stops reading at the limit: our writes then fail with EPIPE
  for (int fd : {in[1], out[0], err[0]}) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  std::string chunk;
  while (!pattern.empty() && chunk.size() < 65536) chunk += pattern;
  bool writing = inputBytes > 0, outOpen = true, errOpen = true;
  if (!writing) close(in[1]);
  char buffer[65536];
  while (writing || outOpen || errOpen) {
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    int maxFd = std::max({in[1], out[0], err[0]});
    if (writing) FD_SET(in[1], &wr);
    if (outOpen) FD_SET(out[0], &rd);
    if (errOpen) FD_SET(err[0], &rd);
    timeval tv{30, 0};
    if (select(maxFd + 1, &rd, &wr, nullptr, &tv) <= 0) break;  // 30 s without progress: give up
    if (writing && FD_ISSET(in[1], &wr)) {
      std::size_t n = std::min(chunk.size(), inputBytes - run.bytesWritten);
      ssize_t w = write(in[1], chunk.data(), n);
      if (w > 0) run.bytesWritten += static_cast<std::size_t>(w);
      if (w < 0 && errno != EAGAIN) writing = false;  // EPIPE: the CLI closed its input
      if (run.bytesWritten >= inputBytes) writing = false;
      if (!writing) close(in[1]);
    }
    for (auto [fd, open, text] :
         {std::tuple{out[0], &outOpen, &run.out}, std::tuple{err[0], &errOpen, &run.err}}) {
      if (!*open || !FD_ISSET(fd, &rd)) continue;
      ssize_t r = read(fd, buffer, sizeof buffer);
      if (r > 0) text->append(buffer, static_cast<std::size_t>(r));
      if (r == 0 || (r < 0 && errno != EAGAIN)) *open = false, close(fd);
    }
  }
  if (writing) close(in[1]);
  if (outOpen) close(out[0]);
  if (errOpen) close(err[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.maxRssKb = usage.ru_maxrss;  // kilobytes on Linux
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

// Contract section 1 (limits: a profile larger than 1 MiB is rejected) and section 5 (exit 2,
// the error object on stdout). The CLI must stop reading at the limit, not buffer 100 MB.
TEST(LargeInput, HundredMegabytesOnStdinFailsFastWithBoundedMemory) {
  const std::size_t kInput = 100u * 1024 * 1024;
  // A syntactically plausible profile prefix, then an endless string: nothing stops early but the
  // size.
  ChildRun run = runCli(
      {"assess", "-"}, kInput,
      "{\"schema\":\"seclead.profile/1\",\"organization\":{\"name\":\"" + std::string(4000, 'a'));
  EXPECT_EQ(run.exitCode, 2) << run.err;
  json errors = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(errors.is_object() && errors.contains("errors")) << run.out.substr(0, 500);
  ASSERT_FALSE(errors["errors"].empty());
  EXPECT_EQ(errors["errors"][0]["code"], "limit") << run.out;
  EXPECT_NE(run.err.find("limit"), std::string::npos) << "one-line summary on stderr: " << run.err;
  // Fails fast: it stopped reading far before the end of the 100 MB stream.
  EXPECT_LT(run.bytesWritten, 16u * 1024 * 1024) << "the CLI kept reading";
  EXPECT_LT(run.seconds, kSanitized ? 20.0 : 5.0);
  // Bounded memory: well under the input size (ASan's shadow memory and quarantine cost more).
  const long budgetKb = (kSanitized ? 160 : 64) * 1024;
  EXPECT_LT(run.maxRssKb, budgetKb) << "peak RSS " << run.maxRssKb << " KiB";
  std::printf(
      "[ measured ] 100 MB stdin: exit %d after %.3f s, %zu bytes accepted by the pipe, peak RSS "
      "%ld KiB%s\n",
      run.exitCode, run.seconds, run.bytesWritten, run.maxRssKb,
      kSanitized ? " (sanitized build)" : "");
}

// The same 100 MB as a file given by path: the CLI reads at most the limit from it too.
TEST(LargeInput, HundredMegabyteFileIsRejectedWithLimit) {
  fs::path file =
      fs::temp_directory_path() / ("seclead-large-" + std::to_string(getpid()) + ".json");
  {
    std::ofstream out(file, std::ios::binary);
    std::string block(1024 * 1024, ' ');
    out << "{\"schema\":\"seclead.profile/1\"";
    for (int i = 0; i < 100; ++i) out << block;
    out << "}";
  }
  ChildRun run = runCli({"validate", file.string()}, 0, "");
  fs::remove(file);
  EXPECT_EQ(run.exitCode, 2) << run.err;
  EXPECT_NE(run.out.find("\"limit\""), std::string::npos) << run.out.substr(0, 500);
  EXPECT_LT(run.maxRssKb, (kSanitized ? 160 : 64) * 1024) << "peak RSS " << run.maxRssKb << " KiB";
}

// Contract section 3, determinism: the same profile gives byte-identical report JSON. Every
// example and fixture assessed twice in this process, and once more by the CLI (a new process).
TEST(Determinism, EveryFixtureAssessesByteIdenticallyTwice) {
  auto profiles = allProfiles();
  ASSERT_FALSE(profiles.empty());
  std::size_t reports = 0;
  for (const auto& [name, text] : profiles) {
    Result first = assess(text);
    Result second = assess(text);
    ASSERT_EQ(first.ok, second.ok) << name;
    EXPECT_EQ(first.output, second.output) << name;
    EXPECT_EQ(first.errorJson(), second.errorJson()) << name;
    if (first.ok) ++reports;
    for (const char* format : {"markdown", "csv", "html", "oscal", "summary"}) {
      if (!first.ok) break;
      EXPECT_EQ(render(first.output, format).output, render(second.output, format).output)
          << name << " " << format;
    }
  }
  EXPECT_GT(reports, 0u) << "no profile produced a report";
}

// Options::format renders the report assess just built, without writing and re-reading its
// JSON: every format must come out exactly as render() of the JSON text gives it.
TEST(Determinism, AssessInAFormatIsRenderOfTheReport) {
  std::size_t compared = 0, index = 0;
  for (const auto& [name, text] : allProfiles()) {
    for (bool explain : {false, true}) {
      if (explain && index++ % 8 != 0) continue;  // with explain: every eighth profile
      Options plain;
      plain.explain = explain;
      Result report = assess(text, plain);
      if (!report.ok) continue;
      for (const char* format : {"json", "markdown", "csv", "html", "oscal", "summary"}) {
        Options options = plain;
        options.format = format;
        Result direct = assess(text, options);
        ASSERT_TRUE(direct.ok) << name << " " << format << " " << direct.errorJson();
        ASSERT_EQ(direct.output, render(report.output, format).output) << name << " " << format;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 450u);
  Options unknown;
  unknown.format = "pdf";
  Result r = assess(readFile(fs::path(SECLEAD_SOURCE_DIR) / "examples/us-clinic.json"), unknown);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.errors.at(0).code, "enum");
}

TEST(Determinism, CliMatchesTheLibraryByteForByte) {
  const fs::path root(SECLEAD_SOURCE_DIR);
  for (const auto& p : filesIn(root / "examples", ".json")) {
    Result lib = assess(readFile(p));
    ChildRun run = runCli({"assess", p.string()}, 0, "");
    if (!lib.ok) continue;
    ASSERT_EQ(run.exitCode, 0) << p << run.err;
    std::string expected = lib.output;
    if (expected.empty() || expected.back() != '\n') expected += '\n';
    EXPECT_EQ(run.out, expected) << p;
  }
}

// Every input the fuzzers ever crashed on (tests/fuzz/regressions/) replays through every
// public call: ok or a well-formed error list, never a crash (issue 8: each crash is a fixture).
TEST(FuzzRegressions, EveryRegressionInputIsHandled) {
  const fs::path dir = fs::path(SECLEAD_SOURCE_DIR) / "tests/fuzz/regressions";
  for (const auto& p : filesIn(dir, "")) {
    if (p.filename() == "README.md") continue;
    const std::string text = readFile(p);
    Options withOverlay;
    withOverlay.overlays.push_back(text);
    for (const Result& r :
         {validate(text), assess(text),
          assess(readFile(fs::path(SECLEAD_SOURCE_DIR) / "examples/us-clinic.json"),
                 withOverlay)}) {
      EXPECT_NE(r.ok, !r.errors.empty()) << p;
      if (r.ok) EXPECT_FALSE(r.output.empty()) << p;
    }
    for (const char* format : {"json", "markdown", "csv", "html", "oscal", "summary"}) {
      Result r = render(text, format);
      EXPECT_NE(r.ok, !r.errors.empty()) << p << " " << format;
      Result a = assess(text);
      if (a.ok) EXPECT_TRUE(render(a.output, format).ok) << p << " " << format;
    }
  }
}

}  // namespace
}  // namespace seclead
