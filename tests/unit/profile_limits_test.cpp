// Contract section 1 limits, each exactly at the limit (passes) and one past (fails with
// `limit` at the right pointer): 1 MiB input, depth 32, 4 KiB strings, 1,000-item arrays;
// plus the strict reader's edges (deep nesting, huge numbers, duplicate keys in large
// objects, positions) and the 200-character name.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "json_support.h"
#include "json_input.h"
#include "profile.h"
#include "seclead/engine.h"

namespace seclead {
namespace {

namespace fs = std::filesystem;

const std::string kHead =
    R"({"schema":"seclead.profile/1","organization":{"employees":10,"sector":"other","jurisdictions":["US"]})";

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A valid profile padded with blanks to exactly `size` bytes.
std::string paddedProfile(std::size_t size) {
  std::string text = kHead;
  text += std::string(size - text.size() - 1, ' ');
  text += "}";
  return text;
}

Result check(const std::string& text) {
  return validate(text);
}

void expectOnly(const Result& r, const std::string& path, const std::string& code) {
  ASSERT_FALSE(r.ok);
  ASSERT_EQ(r.errors.size(), 1u) << r.errorJson();
  EXPECT_EQ(r.errors[0].path, path) << r.errorJson();
  EXPECT_EQ(r.errors[0].code, code) << r.errorJson();
}

TEST(Limits, InputSizeExactlyOneMebibytePasses) {
  std::string text = paddedProfile(1048576);
  ASSERT_EQ(text.size(), 1048576u);
  Result r = check(text);
  EXPECT_TRUE(r.ok) << r.errorJson();
}

TEST(Limits, InputSizeOneBytePastFails) {
  std::string text = paddedProfile(1048577);
  expectOnly(check(text), "", "limit");
}

TEST(Limits, CliAppliesTheSizeLimitToo) {
  fs::path dir = fs::temp_directory_path() / ("seclead-limits-" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto run = [&](const std::string& text) {
    fs::path file = dir / "p.json";
    std::ofstream(file, std::ios::binary) << text;
    std::string cmd = std::string("\"") + SECLEAD_CLI_PATH + "\" validate \"" + file.string() +
                      "\" >/dev/null 2>&1";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(run(paddedProfile(1048576)), 0);
  EXPECT_EQ(run(paddedProfile(1048577)), 2);
  fs::remove_all(dir);
}

// `settings` nested `levels` arrays deep: the root object is level 1, so the innermost
// array is at depth levels + 1.
std::string nestedSettings(std::size_t levels) {
  return kHead + ",\"settings\":" + repeat("[", levels) + repeat("]", levels) + "}";
}

TEST(Limits, DepthThirtyTwoIsParsedAndThirtyThreeIsALimit) {
  // Depth 32 parses: the only problem is the type of settings (not a limit).
  expectOnly(check(nestedSettings(31)), "/settings", "type");
  // Depth 33: limit, at the pointer of the 33rd container.
  expectOnly(check(nestedSettings(32)), "/settings" + repeat("/0", 31), "limit");
}

TEST(Limits, ReaderDepthBoundaries) {
  jin::Document doc;
  jin::ParseError err;
  EXPECT_TRUE(doc.parse(repeat("[", 32) + repeat("]", 32), {}, err)) << err.message;
  EXPECT_FALSE(doc.parse(repeat("[", 33) + repeat("]", 33), {}, err));
  EXPECT_EQ(err.code, "limit");
  EXPECT_EQ(err.path, repeat("/0", 32));
}

TEST(Limits, TenThousandAndOneMillionLevelsFailFastWithoutRecursion) {
  for (std::size_t n : {10000u, 1000000u}) {
    auto start = std::chrono::steady_clock::now();
    expectOnly(check(repeat("[", n)), repeat("/0", 32), "limit");
    expectOnly(check(repeat("{\"a\":", n / 5)), repeat("/a", 32), "limit");
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    EXPECT_LT(ms, 2000) << n;
  }
}

TEST(Limits, StringOfExactly4096BytesPasses) {
  std::string text =
      kHead + R"(,"currentRoles":[{"id":")" + std::string(4096, 'x') + R"(","role":"cio"}]})";
  Result r = check(text);
  EXPECT_TRUE(r.ok) << r.errorJson();
  // Multi-byte characters count in bytes: 2048 x U+00E9 is 4096 bytes.
  std::string two =
      kHead + R"(,"currentRoles":[{"id":")" + repeat("\xC3\xA9", 2048) + R"(","role":"cio"}]})";
  EXPECT_TRUE(check(two).ok);
}

TEST(Limits, StringOf4097BytesFails) {
  std::string text =
      kHead + R"(,"currentRoles":[{"id":")" + std::string(4097, 'x') + R"(","role":"cio"}]})";
  expectOnly(check(text), "/currentRoles/0/id", "limit");
  // Decoded length counts: 4096 'x' plus one escaped character is 4097 bytes.
  std::string escaped =
      kHead + R"(,"currentRoles":[{"id":")" + std::string(4096, 'x') + R"(\n","role":"cio"}]})";
  expectOnly(check(escaped), "/currentRoles/0/id", "limit");
  // Member names too.
  std::string key = kHead + R"(,"data":{")" + std::string(4097, 'k') + R"(":1}})";
  expectOnly(check(key), "/data", "limit");
}

std::string frameworks(std::size_t n) {
  std::string list;
  for (std::size_t i = 0; i < n; ++i) list += (i ? ",\"f" : "\"f") + std::to_string(i) + "\"";
  return kHead + R"(,"regulatory":{"frameworks":[)" + list + "]}}";
}

TEST(Limits, ArrayOfExactly1000ItemsPasses) {
  std::vector<Error> errors;
  auto p = parseProfile(frameworks(1000), errors);
  ASSERT_TRUE(p) << errors.size();
  EXPECT_EQ(p->frameworks->size(), 1000u);
}

TEST(Limits, ArrayOf1001ItemsFails) {
  expectOnly(check(frameworks(1001)), "/regulatory/frameworks", "limit");
}

TEST(Limits, NameOf200CharactersPassesAnd201Fails) {
  auto named = [](const std::string& name) {
    return R"({"schema":"seclead.profile/1","organization":{"name":")" + name +
           R"(","employees":10,"sector":"other","jurisdictions":["US"]}})";
  };
  // 200 code points of 4 bytes each (800 bytes) is still 200 characters.
  EXPECT_TRUE(check(named(repeat("\xF0\x9F\x94\x92", 200))).ok);
  EXPECT_TRUE(check(named(std::string(200, 'a'))).ok);
  expectOnly(check(named(repeat("\xF0\x9F\x94\x92", 201))), "/organization/name", "range");
  expectOnly(check(named(std::string(201, 'a'))), "/organization/name", "range");
}

TEST(Reader, HugeNumbersNeverOverflow) {
  jin::Document doc;
  jin::ParseError err;
  std::string text;  // the document points into it
  auto integer = [&](const std::string& token, bool& overflow) {
    text = "[" + token + "]";
    EXPECT_TRUE(doc.parse(text, {}, err)) << token;
    return (*doc.root().begin()).integer(overflow);
  };
  bool of = false;
  EXPECT_EQ(integer("9223372036854775807", of), INT64_MAX);
  EXPECT_FALSE(of);
  EXPECT_EQ(integer("-9223372036854775808", of), INT64_MIN);
  EXPECT_FALSE(integer("9223372036854775808", of));
  EXPECT_TRUE(of);
  EXPECT_FALSE(integer("18446744073709551616", of));
  EXPECT_TRUE(of);
  EXPECT_FALSE(integer(std::string(5000, '9'), of));
  EXPECT_TRUE(of);
  EXPECT_FALSE(integer("1e400", of));
  EXPECT_TRUE(of);
  EXPECT_FALSE(integer("2.5", of));
  EXPECT_FALSE(of);
  EXPECT_EQ(integer("1e3", of), 1000);
  ASSERT_TRUE(doc.parse("[1e400, -1e400, 1e-400, 1.5]", {}, err));
  auto it = doc.root().begin();
  EXPECT_FALSE((*it).number());
  EXPECT_FALSE((*++it).number());
  EXPECT_EQ((*++it).number(), 0.0);
  EXPECT_EQ((*++it).number(), 1.5);
}

TEST(Reader, DuplicateKeysInLargeObjectsAreFoundInDocumentOrder) {
  std::string text = "{";
  for (int i = 0; i < 100; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  text += "\"k70\":1,\"k5\":2}";  // k70 repeats first (in document order)
  jin::Document doc;
  jin::ParseError err;
  EXPECT_FALSE(doc.parse(text, {}, err));
  EXPECT_EQ(err.code, "syntax");
  EXPECT_EQ(err.path, "/k70");
}

TEST(Reader, PointersEscapeTildeAndSlash) {
  jin::Document doc;
  jin::ParseError err;
  EXPECT_FALSE(doc.parse(R"({"a/b":{"c~d":[1,NaN]}})", {}, err));
  EXPECT_EQ(err.path, "/a~1b/c~0d/1");
  EXPECT_EQ(err.message.rfind("line 1, column 18: ", 0), 0u) << err.message;
}

TEST(Reader, ParsesATypicalProfileInMicroseconds) {
  std::ifstream in(fs::path(SECLEAD_SOURCE_DIR) / "examples/eu-bank.json", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(text.size(), 1000u);
  constexpr int kRounds = 2000;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRounds; ++i) {
    std::vector<Error> errors;
    auto p = parseProfile(text, errors);
    ASSERT_TRUE(p);
  }
  double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      kRounds;
  std::printf("parseProfile: %zu bytes in %.1f us\n", text.size(), us);
  // Generous bound (debug builds, sanitizers, a shared machine); the release figure is
  // written down by tests/bench.
  EXPECT_LT(us, 2000.0);
}

}  // namespace
}  // namespace seclead
