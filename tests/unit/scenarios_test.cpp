// Runs every fixture of tests/scenarios/ through the engine and checks its expectations.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "json_support.h"
#include "test_support.h"
#include "json.h"
#include "seclead/engine.h"

namespace seclead {
namespace {

using test::readFile;

namespace fs = std::filesystem;

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(SECLEAD_SOURCE_DIR) / "tests/scenarios"))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Partial match: every key of `want` equals in `have`; arrays in `want` are subsets of `have`.
bool matches(const json& want, const json& have) {
  if (want.is_object()) {
    if (!have.is_object()) return false;
    for (const auto& [k, v] : want.items())
      if (!have.contains(k) || !matches(v, have[k])) return false;
    return true;
  }
  if (want.is_array()) {
    if (!have.is_array()) return false;
    for (const auto& w : want) {
      bool found = false;
      for (const auto& h : have) found = found || matches(w, h);
      if (!found) return false;
    }
    return true;
  }
  return want == have;
}

class Scenario : public ::testing::TestWithParam<fs::path> {};

TEST_P(Scenario, MeetsItsExpectations) {
  json fixture = json::parse(readFile(GetParam()));
  ASSERT_TRUE(fixture.contains("why") && fixture["why"].is_string()) << "a fixture says why";
  const json& expect = fixture.at("expect");
  ASSERT_FALSE(expect.empty()) << "a fixture must check something";
  Result result = assess(fixture.at("profile").dump());
  ASSERT_TRUE(result.ok) << result.errorJson();
  json report = json::parse(result.output);
  std::string why = "why: " + fixture["why"].get<std::string>();

  for (const char* key : {"model", "cisoReportsTo", "dpo"})
    if (expect.contains(key)) EXPECT_EQ(report["leadership"][key], expect[key]) << key << "; " << why;

  std::map<std::string, std::string> statuses;
  for (const auto& o : report["obligations"]) statuses[o["id"].get<std::string>()] = o["status"].get<std::string>();
  if (expect.contains("obligations")) {
    for (const auto& [id, status] : expect["obligations"].items()) {
      ASSERT_TRUE(statuses.count(id)) << "obligation " << id << " missing; " << why;
      EXPECT_EQ(statuses[id], status.get<std::string>()) << id << "; " << why;
    }
    if (expect.value("obligationsExactly", false))
      EXPECT_EQ(statuses.size(), expect["obligations"].size()) << report["obligations"].dump() << "; " << why;
  }
  for (const auto& id : expect.value("absentObligations", json::array()))
    EXPECT_FALSE(statuses.count(id.get<std::string>())) << id << " should not apply; " << why;

  for (const auto& want : expect.value("findings", json::array())) {
    bool found = false;
    for (const auto& f : report["findings"]) found = found || matches(want, f);
    EXPECT_TRUE(found) << "no finding matches " << want.dump() << "\nfindings: " << report["findings"].dump()
                       << "\n" << why;
  }
  for (const auto& unwanted : expect.value("absentFindings", json::array()))
    for (const auto& f : report["findings"])
      EXPECT_FALSE(matches(unwanted, f)) << "unexpected finding " << f.dump() << "; " << why;

  if (expect.contains("vciso"))
    EXPECT_TRUE(matches(expect["vciso"], report["vciso"])) << report["vciso"].dump() << "; " << why;
  if (expect.contains("unknownsInclude"))
    EXPECT_TRUE(matches(expect["unknownsInclude"], report["unknowns"])) << report["unknowns"].dump();
}

std::string fixtureName(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

// The pretty report without the whitespace outside strings (pretty JSON has whitespace only
// between tokens), written independently of the engine's writer.
std::string stripLayout(const std::string& pretty) {
  std::string out;
  bool inString = false, escaped = false;
  for (char c : pretty) {
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == ' ' || c == '\n') {
      continue;
    }
    out += c;
  }
  return out;
}

// Options::compact (batch lines) writes the same report on one line: the pretty report's
// tokens, byte for byte, with and without --explain.
TEST_P(Scenario, CompactReportIsThePrettyOneOnOneLine) {
  json fixture = json::parse(readFile(GetParam()));
  const std::string profile = fixture.at("profile").dump();
  for (bool explain : {false, true}) {
    Options pretty, compact;
    pretty.explain = compact.explain = explain;
    compact.compact = true;
    Result a = assess(profile, pretty), b = assess(profile, compact);
    ASSERT_TRUE(a.ok && b.ok);
    EXPECT_EQ(b.output.find('\n'), std::string::npos);
    EXPECT_EQ(b.output, stripLayout(a.output));
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Scenario, ::testing::ValuesIn(fixtures()), fixtureName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Scenario);

}  // namespace
}  // namespace seclead
