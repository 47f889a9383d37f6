// The bad-profile table (tests/bad_profiles/cases.json): every case must yield EXACTLY the
// listed set of (JSON Pointer, code) errors, through seclead::validate and through the CLI
// (exit code 2, the error object on standard output). Plus the valid examples, the
// unknownFields list and a few message checks.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "json_support.h"
#include "test_support.h"
#include "json.h"
#include "profile.h"
#include "seclead/engine.h"

namespace seclead {
namespace {

using test::readFile;

namespace fs = std::filesystem;
using PathCode = std::pair<std::string, std::string>;

json loadCases() {
  return json::parse(readFile(fs::path(SECLEAD_SOURCE_DIR) / "tests/bad_profiles/cases.json"));
}

std::string fromHex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// The input bytes of a case: a JSON value, or raw {"text", "repeat", "prefix", "suffix"} /
// {"hex"} (see tests/bad_profiles/README.md).
std::string inputText(const json& input) {
  if (input.is_object() && input.contains("hex") && input["hex"].is_string())
    return fromHex(input["hex"].get<std::string>());
  if (input.is_object() && input.contains("text") && input["text"].is_string()) {
    std::string out = input.value("prefix", std::string());
    const std::string text = input["text"].get<std::string>();
    int repeat = input.value("repeat", 1);
    out.reserve(out.size() + text.size() * static_cast<std::size_t>(repeat) + 64);
    for (int i = 0; i < repeat; ++i) out += text;
    out += input.value("suffix", std::string());
    return out;
  }
  return input.dump(-1, ' ', false);
}

std::multiset<PathCode> expected(const json& c) {
  std::multiset<PathCode> out;
  for (const auto& e : c["errors"])
    out.insert({e["path"].get<std::string>(), e["code"].get<std::string>()});
  return out;
}

std::multiset<PathCode> actual(const std::vector<Error>& errors) {
  std::multiset<PathCode> out;
  for (const auto& e : errors) out.insert({e.path, e.code});
  return out;
}

std::string show(const std::multiset<PathCode>& set) {
  std::string out;
  for (const auto& [p, c] : set)
    out += "  " + (p.empty() ? std::string("\"\"") : p) + " [" + c + "]\n";
  return out;
}

struct CliRun {
  int exitCode = -1;
  std::string out;
};

// Runs the CLI with arguments; standard output captured, standard error discarded.
CliRun runCli(const std::string& args) {
  CliRun r;
  std::string cmd = std::string("\"") + SECLEAD_CLI_PATH + "\" " + args + " 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  int status = pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(BadProfiles, TableHasAtLeastFortyUniqueCases) {
  json cases = loadCases();
  ASSERT_TRUE(cases.is_array());
  EXPECT_GE(cases.size(), 40u);
  std::set<std::string> names;
  for (const auto& c : cases) {
    ASSERT_TRUE(c.contains("name") && c.contains("input") && c.contains("errors")) << c.dump();
    EXPECT_TRUE(names.insert(c["name"].get<std::string>()).second)
        << "duplicate name " << c["name"];
    EXPECT_FALSE(c["errors"].empty()) << c["name"];
    EXPECT_FALSE(c.value("why", std::string()).empty()) << c["name"] << " needs a why";
  }
}

TEST(BadProfiles, ValidateReportsExactlyTheListedErrors) {
  for (const auto& c : loadCases()) {
    const std::string name = c["name"].get<std::string>();
    Result r = validate(inputText(c["input"]));
    EXPECT_FALSE(r.ok) << name;
    auto want = expected(c), got = actual(r.errors);
    EXPECT_EQ(want, got) << name << "\nexpected:\n"
                         << show(want) << "got:\n"
                         << show(got) << r.errorJson();
    for (const auto& e : r.errors) {
      EXPECT_FALSE(e.message.empty()) << name << " " << e.path;
      if (e.code == "syntax") EXPECT_NE(e.message.find("line "), std::string::npos) << e.message;
    }
    // assess refuses the same input with the same errors.
    Result a = assess(inputText(c["input"]));
    EXPECT_FALSE(a.ok) << name;
    EXPECT_EQ(want, actual(a.errors)) << name;
  }
}

TEST(BadProfiles, CliExitsTwoWithTheErrorObject) {
  fs::path dir = fs::temp_directory_path() / ("seclead-bad-" + std::to_string(getpid()));
  fs::create_directories(dir);
  int i = 0;
  for (const auto& c : loadCases()) {
    const std::string name = c["name"].get<std::string>();
    fs::path file = dir / ("case" + std::to_string(i++) + ".json");
    {
      std::ofstream out(file, std::ios::binary);
      out << inputText(c["input"]);
    }
    CliRun r = runCli("validate \"" + file.string() + "\"");
    EXPECT_EQ(r.exitCode, 2) << name;
    json doc = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << name << ": stdout is not JSON: " << r.out.substr(0, 200);
    ASSERT_TRUE(doc.contains("errors") && doc["errors"].is_array()) << name;
    std::multiset<PathCode> got;
    for (const auto& e : doc["errors"]) {
      got.insert({e.value("path", std::string("?")), e.value("code", std::string("?"))});
      EXPECT_TRUE(e.contains("message") && e["message"].is_string()) << name;
    }
    EXPECT_EQ(expected(c), got) << name;
  }
  fs::remove_all(dir);
}

TEST(Profile, ExamplesAreValid) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SECLEAD_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    Result r = validate(readFile(entry.path()));
    EXPECT_TRUE(r.ok) << entry.path() << "\n" << r.errorJson();
    ++n;
  }
  EXPECT_GE(n, 5);
}

const char* kMinimal =
    R"({"schema":"seclead.profile/1","organization":{"employees":10,"sector":"other","jurisdictions":["US"]}})";

TEST(Profile, MinimalProfileListsEveryOptionalFieldAsUnknown) {
  std::vector<Error> errors;
  auto p = parseProfile(kMinimal, errors);
  ASSERT_TRUE(p) << errors.size();
  std::vector<std::string> want = {"/organization/annualRevenue",
                                   "/organization/balanceSheetTotal",
                                   "/organization/totalAssets",
                                   "/organization/publiclyListed",
                                   "/organization/sites",
                                   "/organization/operationalTechnology",
                                   "/organization/criticalInfrastructure",
                                   "/organization/publicSectorBody",
                                   "/data/personalData",
                                   "/data/specialCategoryData",
                                   "/data/systematicMonitoring",
                                   "/data/hipaa",
                                   "/data/paymentCards",
                                   "/data/intellectualProperty",
                                   "/regulatory/nydfsCovered",
                                   "/regulatory/euFinancialEntity",
                                   "/regulatory/nis2",
                                   "/regulatory/frameworks",
                                   "/risk/physicalRisk",
                                   "/risk/cyberThreat",
                                   "/risk/incidentsLast24Months",
                                   "/risk/riskAppetite",
                                   "/risk/securityMaturity",
                                   "/strategy/priority",
                                   "/strategy/cloud",
                                   "/strategy/workforce",
                                   "/budget/it",
                                   "/budget/security",
                                   "/budget/canFundFullTimeSecurityExecutive",
                                   "/currentRoles",
                                   "/currentAssignments"};
  EXPECT_EQ(unknownFields(*p), want);
  EXPECT_EQ(p->employees, 10);
  EXPECT_EQ(p->sector, "other");
  EXPECT_EQ(p->jurisdictions, std::vector<std::string>{"US"});
  EXPECT_FALSE(p->name);
}

TEST(Profile, FillsEveryField) {
  const char* text = R"({
    "schema": "seclead.profile/1",
    "organization": {"name": "Acme Health", "employees": 1200,
      "annualRevenue": {"amount": 250000000, "currency": "USD"},
      "balanceSheetTotal": {"amount": 90000000, "currency": "EUR"},
      "totalAssets": {"amount": 9e7, "currency": "USD"}, "sector": "healthcare",
      "jurisdictions": ["US", "US-NY", "DE"], "publiclyListed": ["US"], "sites": 3,
      "operationalTechnology": false, "criticalInfrastructure": true, "publicSectorBody": "none"},
    "data": {"personalData": "large-scale", "specialCategoryData": "limited",
      "systematicMonitoring": "none", "hipaa": "covered-entity", "paymentCards": "merchant",
      "intellectualProperty": "medium"},
    "regulatory": {"nydfsCovered": false, "euFinancialEntity": true, "nis2": "auto",
      "frameworks": ["iso27001", "soc2"]},
    "risk": {"physicalRisk": "medium", "cyberThreat": "high", "incidentsLast24Months": 2,
      "riskAppetite": "balanced", "securityMaturity": 2},
    "strategy": {"priority": "digital-transformation", "cloud": "hybrid", "workforce": "hybrid"},
    "budget": {"it": {"amount": 9000000, "currency": "USD"},
      "security": {"amount": 700000.5, "currency": "USD"}, "canFundFullTimeSecurityExecutive": true},
    "currentRoles": [
      {"id": "r1", "role": "cio", "reportsTo": "ceo", "employment": "internal", "fte": 1.0},
      {"id": "r2", "role": "it-manager", "reportsTo": "r1", "alsoActsAs": ["ciso", "dpo"], "fte": 0.5,
       "employment": "affiliate"}],
    "currentAssignments": {"incident-response": {"accountable": "r2", "responsible": ["r2", "r1"]}},
    "settings": {"vcisoHourlyRate": {"low": 250, "high": 450, "currency": "EUR"},
      "fullTimeCisoAnnualCost": {"amount": 400000, "currency": "USD"}}
  })";
  std::vector<Error> errors;
  auto p = parseProfile(text, errors);
  ASSERT_TRUE(p) << (errors.empty() ? "" : errors[0].path + " " + errors[0].message);
  EXPECT_TRUE(unknownFields(*p).empty());
  EXPECT_EQ(*p->name, "Acme Health");
  EXPECT_EQ(p->employees, 1200);
  EXPECT_EQ(p->annualRevenue->amount, 250000000);
  EXPECT_EQ(p->balanceSheetTotal->currency, "EUR");
  EXPECT_EQ(p->totalAssets->amount, 9e7);
  EXPECT_EQ(p->jurisdictions, (std::vector<std::string>{"US", "US-NY", "DE"}));
  EXPECT_EQ(*p->publiclyListed, std::vector<std::string>{"US"});
  EXPECT_EQ(*p->sites, 3);
  EXPECT_EQ(*p->operationalTechnology, false);
  EXPECT_EQ(*p->criticalInfrastructure, true);
  EXPECT_EQ(*p->publicSectorBody, "none");
  EXPECT_EQ(*p->personalData, "large-scale");
  EXPECT_EQ(*p->specialCategoryData, "limited");
  EXPECT_EQ(*p->systematicMonitoring, "none");
  EXPECT_EQ(*p->hipaa, "covered-entity");
  EXPECT_EQ(*p->paymentCards, "merchant");
  EXPECT_EQ(*p->intellectualProperty, "medium");
  EXPECT_EQ(*p->nydfsCovered, false);
  EXPECT_EQ(*p->euFinancialEntity, true);
  EXPECT_EQ(*p->nis2, "auto");
  EXPECT_EQ(*p->frameworks, (std::vector<std::string>{"iso27001", "soc2"}));
  EXPECT_EQ(*p->physicalRisk, "medium");
  EXPECT_EQ(*p->cyberThreat, "high");
  EXPECT_EQ(*p->incidentsLast24Months, 2);
  EXPECT_EQ(*p->riskAppetite, "balanced");
  EXPECT_EQ(*p->securityMaturity, 2);
  EXPECT_EQ(*p->priority, "digital-transformation");
  EXPECT_EQ(*p->cloud, "hybrid");
  EXPECT_EQ(*p->workforce, "hybrid");
  EXPECT_EQ(p->itBudget->amount, 9000000);
  EXPECT_EQ(p->securityBudget->amount, 700000.5);
  EXPECT_EQ(*p->canFundFullTimeSecurityExecutive, true);
  ASSERT_EQ(p->currentRoles->size(), 2u);
  const auto& r2 = (*p->currentRoles)[1];
  EXPECT_EQ(r2.id, "r2");
  EXPECT_EQ(r2.role, "it-manager");
  EXPECT_EQ(r2.reportsTo, "r1");
  EXPECT_EQ(r2.employment, "affiliate");
  EXPECT_EQ(r2.fte, 0.5);
  EXPECT_TRUE(r2.fteGiven);
  EXPECT_EQ(r2.alsoActsAs, (std::vector<std::string>{"ciso", "dpo"}));
  EXPECT_EQ((*p->currentRoles)[0].reportsTo, "ceo");
  const auto& a = p->currentAssignments->at("incident-response");
  EXPECT_EQ(a.accountable, "r2");
  EXPECT_EQ(a.responsible, (std::vector<std::string>{"r2", "r1"}));
  EXPECT_EQ(p->settings.vcisoHourlyRateLow->amount, 250);
  EXPECT_EQ(p->settings.vcisoHourlyRateHigh->amount, 450);
  EXPECT_EQ(p->settings.vcisoHourlyRateHigh->currency, "EUR");
  EXPECT_EQ(p->settings.fullTimeCisoAnnualCost->amount, 400000);
}

TEST(Profile, AcceptsIntegralDecimalsEscapesAndBom) {
  // 12.0 and 1.2e1 are integral numbers; escapes decode; a UTF-8 BOM is tolerated.
  std::string text =
      "\xEF\xBB\xBF{\"schema\":\"seclead.profile\\/1\",\"organization\":{\"name\":\"Caf\\u00e9 "
      "\\ud83d\\ude00\",\"employees\":1.2e1,\"sector\":\"other\",\"jurisdictions\":[\"US\"],"
      "\"sites\":12.0}}";
  std::vector<Error> errors;
  auto p = parseProfile(text, errors);
  ASSERT_TRUE(p) << (errors.empty() ? "" : errors[0].message);
  EXPECT_EQ(p->employees, 12);
  EXPECT_EQ(*p->sites, 12);
  EXPECT_EQ(*p->name, "Caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(Profile, MessagesNameTheExpectedAndTheFound) {
  Result r = validate(
      R"({"schema":"seclead.profile/1","organization":{"employees":"many","sector":"other","jurisdictions":["US"]}})");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "expected an integer >= 1, got the string \"many\"");
  Result s = validate(
      "{\n  \"schema\": \"seclead.profile/1\",\n  \"organization\": {\"employees\": NaN}}");
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].message.rfind("line 3, column 33: ", 0), 0u) << s.errors[0].message;
  Result c = validate(
      R"({"schema":"seclead.profile/1","organization":{"employees":5,"sector":"other","jurisdictions":["US"],"annualRevenue":{"amount":1,"currency":"XYZ"}}})");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message.find("EUR"), std::string::npos) << c.errors[0].message;
  // Typos get a hint.
  Result t = validate(
      R"({"schema":"seclead.profile/1","organization":{"employees":5,"sector":"other","jurisdictions":["US"]},"Risk":{}})");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].message, "unknown field \"Risk\" in the profile: did you mean \"risk\"?");
}

}  // namespace
}  // namespace seclead
