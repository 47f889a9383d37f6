// Knowledge overlays (issue 7; format and error table in plugins/overlays/README.md): a valid
// overlay changes the result as documented, each kind of broken overlay yields precise
// errors, the same overlays in the same order give byte-identical reports.
#include "overlay.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "json.h"
#include "json_support.h"
#include "kb.h"
#include "seclead/engine.h"
#include "sha256.h"
#include "test_support.h"

namespace seclead {
namespace {

using test::readFile;

namespace fs = std::filesystem;

std::string example(const char* name) {
  return readFile(fs::path(SECLEAD_SOURCE_DIR) / "examples" / "overlays" / name);
}

// 120 people, technology, can fund an executive, high threat: a dedicated CISO without
// overlays (size.medium, risk.cyber-high, budget.can-fund).
const char* kMidsize =
    R"({"schema":"seclead.profile/1","organization":{"name":"Midsize Tech","employees":120,
        "sector":"technology","jurisdictions":["US"]},"budget":{"canFundFullTimeSecurityExecutive":true},
        "risk":{"cyberThreat":"high"}})";

ordered_json report(const std::string& profile, std::vector<std::string> overlays = {}) {
  Options options;
  options.overlays = std::move(overlays);
  Result r = assess(profile, options);
  EXPECT_TRUE(r.ok) << r.errorJson();
  return r.ok ? ordered_json::parse(r.output) : ordered_json::object();
}

std::vector<Error> errorsOf(std::vector<std::string> overlays) {
  Options options;
  options.overlays = std::move(overlays);
  Result r = assess(kMidsize, options);
  EXPECT_FALSE(r.ok) << "expected the overlay to be rejected";
  EXPECT_TRUE(r.output.empty());
  return r.errors;
}

std::string describe(const std::vector<Error>& errors) {
  std::string s;
  for (const auto& e : errors)
    s += "  " + e.input + " " + e.path + " [" + e.code + "] " + e.message + "\n";
  return s;
}

bool has(const std::vector<Error>& errors, const std::string& input, const std::string& path,
         const std::string& code) {
  for (const auto& e : errors)
    if (e.input == input && e.path == path && e.code == code) return true;
  return false;
}

// --- valid overlays change the result as documented --------------------------------------

TEST(Overlay, FractionalMspRuleTurnsAMidsizeDedicatedCisoIntoVciso) {
  ordered_json base = report(kMidsize);
  ASSERT_EQ(base["leadership"]["model"], "dedicated-ciso") << "precondition of this test";
  std::string overlay = example("fractional-msp.json");
  ordered_json with = report(kMidsize, {overlay});
  // msp.fractional-midsize: vciso +40 for 50..249 people (examples/overlays/fractional-msp.json).
  EXPECT_EQ(with["leadership"]["model"], "vciso");
  // Its texts rename the vCISO role; report texts built from role names follow.
  EXPECT_NE(with.dump().find("Fractional CISO (MSP service)"), std::string::npos);
  EXPECT_EQ(base.dump().find("Fractional CISO (MSP service)"), std::string::npos);
  bool fired = false;
  for (const auto& r : with["leadership"]["rationale"])
    if (r["rule"] == "msp.fractional-midsize")
      fired = r["source"].get<std::string>().find("seeds/004") == 0;
  EXPECT_TRUE(fired) << "the overlay rule is in the rationale with its source";
  // The report records the overlay and the merged knowledge hash differs from the built-in one.
  ASSERT_TRUE(with["engine"].contains("overlays"));
  EXPECT_EQ(with["engine"]["overlays"][0]["name"],
            "Example MSP: fractional security leadership for mid-size clients");
  EXPECT_EQ(with["engine"]["overlays"][0]["sha256"], sha256Hex(overlay));
  EXPECT_NE(with["engine"]["knowledgeBase"]["sha256"], base["engine"]["knowledgeBase"]["sha256"]);
  // The overlaid knowledge is named by the base and the overlays in order.
  EXPECT_EQ(with["engine"]["knowledgeBase"]["sha256"],
            sha256Hex(base["engine"]["knowledgeBase"]["sha256"].get<std::string>() + "\n" +
                      sha256Hex(overlay)));
  EXPECT_FALSE(base["engine"].contains("overlays"));
}

TEST(Overlay, EuroRateCardLowersTheVcisoCost) {
  // EUR 180..260 per hour (about USD 194..281) against the built-in USD 300..500.
  ordered_json base = report(kMidsize);
  ordered_json with = report(kMidsize, {example("fractional-msp.json")});
  double baseLow = base["vciso"]["monthlyCost"]["low"].get<double>();
  double withLow = with["vciso"]["monthlyCost"]["low"].get<double>();
  double baseHours = base["vciso"]["hoursPerMonth"].get<double>();
  double withHours = with["vciso"]["hoursPerMonth"].get<double>();
  ASSERT_GT(baseHours, 0);
  ASSERT_GT(withHours, 0);
  EXPECT_NEAR(baseLow / baseHours, 300, 1);
  EXPECT_NEAR(withLow / withHours, 180 * 1.08, 1) << "EUR rate converted with meta.json usdPerUnit";
}

TEST(Overlay, CustomRoleAndResponsibilityEnterTheRaci) {
  ordered_json with = report(kMidsize, {example("ot-operations.json")});
  const auto& raci = with["raci"];
  bool role = false;
  for (const auto& r : raci["roles"]) role = role || r == "ot-security-lead";
  EXPECT_TRUE(role);
  const ordered_json* row = nullptr;
  for (const auto& r : raci["rows"])
    if (r["responsibility"] == "ot-security") row = &r;
  ASSERT_NE(row, nullptr) << "the custom responsibility is a RACI row";
  EXPECT_EQ((*row)["R"], ordered_json::array({"ot-security-lead"}));
  // $sec resolves to the model's security owner: the same A as vulnerability-management's
  // template ($sec in core/knowledge/raci.json).
  for (const auto& r : raci["rows"])
    if (r["responsibility"] == "vulnerability-management") EXPECT_EQ((*row)["A"], r["A"]);
  for (const auto& r : raci["rows"])
    EXPECT_TRUE(r["A"].is_string() && !r["A"].get<std::string>().empty());
}

TEST(Overlay, ResponsibilityAddedByAnOverlayCanBeAssignedToday) {
  const std::string profile = R"({"schema":"seclead.profile/1",
    "organization":{"employees":300,"sector":"manufacturing","jurisdictions":["US"]},
    "currentRoles":[{"id":"r1","role":"cio","reportsTo":"ceo"},
                    {"id":"r2","role":"it-manager","reportsTo":"r1"}],
    "currentAssignments":{"ot-security":{"accountable":"r1","responsible":["r2"]}}})";
  // Without the overlay the id is unknown to the knowledge base...
  Result plain = assess(profile);
  ASSERT_FALSE(plain.ok);
  EXPECT_EQ(plain.errors.at(0).path, "/currentAssignments/ot-security");
  EXPECT_EQ(plain.errors.at(0).code, "unknown-field");
  // ...with it, today's owners of the custom duty are in the current RACI.
  ordered_json with = report(profile, {example("ot-operations.json")});
  const ordered_json* row = nullptr;
  for (const auto& r : with["currentRaci"]["rows"])
    if (r["responsibility"] == "ot-security") row = &r;
  ASSERT_NE(row, nullptr) << with["currentRaci"].dump();
  EXPECT_EQ((*row)["A"], "cio");
  EXPECT_EQ((*row)["R"], ordered_json::array({"it-manager"}));
}

// validate takes the same overlays as assess and agrees with it: the profile above is invalid
// alone, valid with the overlay, and a broken overlay is reported with its index.
TEST(Overlay, ValidateChecksTheProfileAgainstTheOverlaidKnowledge) {
  const std::string profile = R"({"schema":"seclead.profile/1",
    "organization":{"employees":300,"sector":"manufacturing","jurisdictions":["US"]},
    "currentRoles":[{"id":"r1","role":"cio","reportsTo":"ceo"}],
    "currentAssignments":{"ot-security":{"accountable":"r1"}}})";
  Result plain = validate(profile);
  ASSERT_FALSE(plain.ok);
  EXPECT_EQ(plain.errorJson(), assess(profile).errorJson());

  Options options;
  options.overlays = {example("ot-operations.json")};
  Result with = validate(profile, options);
  EXPECT_TRUE(with.ok) << with.errorJson();
  EXPECT_EQ(with.output, "{\"valid\":true}");
  options.explain = true;  // changes nothing for validate
  EXPECT_TRUE(validate(profile, options).ok);

  options.overlays.push_back(R"({"schema":"seclead.overlay/1","name":"x","colour":1})");
  Result broken = validate(profile, options);
  ASSERT_FALSE(broken.ok);
  EXPECT_EQ(broken.errorJson(), assess(profile, options).errorJson());
  ASSERT_FALSE(broken.errors.empty());
  EXPECT_EQ(broken.errors[0].input, "overlay[1]");
  EXPECT_EQ(broken.errors[0].path, "/colour");
}

// The CLI's validate reads --overlay as assess does (it used to accept and ignore it).
TEST(Overlay, CliValidateTakesOverlays) {
  const fs::path dir =
      fs::temp_directory_path() / ("seclead-overlay-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path profile = dir / "profile.json";
  std::ofstream(profile) << R"({"schema":"seclead.profile/1",
    "organization":{"employees":300,"sector":"manufacturing","jurisdictions":["US"]},
    "currentRoles":[{"id":"r1","role":"cio","reportsTo":"ceo"}],
    "currentAssignments":{"ot-security":{"accountable":"r1"}}})";
  const fs::path overlay =
      fs::path(SECLEAD_SOURCE_DIR) / "examples" / "overlays" / "ot-operations.json";
  auto exitCode = [](const std::string& args) {
    const std::string command =
        std::string("'") + SECLEAD_CLI_PATH + "' " + args + " >/dev/null 2>&1 </dev/null";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(exitCode("validate '" + profile.string() + "'"), 2);
  EXPECT_EQ(exitCode("validate '" + profile.string() + "' --overlay '" + overlay.string() + "'"),
            0);
  EXPECT_EQ(exitCode("validate '" + profile.string() + "' --overlay '" +
                     (dir / "missing.json").string() + "'"),
            1);
  fs::remove_all(dir);
}

TEST(Overlay, TextsRenameAndLaterOverlaysSeeEarlierRoles) {
  std::vector<Error> errors;
  auto msp = applyOverlays(embeddedKb(), {example("fractional-msp.json")}, errors);
  ASSERT_TRUE(errors.empty()) << describe(errors);
  ASSERT_TRUE(msp.kb);
  EXPECT_EQ(msp.kb->role("vciso")->name, "Fractional CISO (MSP service)");
  EXPECT_EQ(embeddedKb().role("vciso")->name, "Virtual / fractional CISO")
      << "the base is untouched";

  // The second overlay names the role the first one adds; the other order fails.
  std::string second =
      R"({"schema":"seclead.overlay/1","name":"uses ot-security-lead","texts":{"role.ot-security-lead.name":"Responsable OT"}})";
  auto both = applyOverlays(embeddedKb(), {example("ot-operations.json"), second}, errors);
  ASSERT_TRUE(errors.empty()) << describe(errors);
  EXPECT_EQ(both.kb->role("ot-security-lead")->name, "Responsable OT");
  EXPECT_TRUE(both.kb->role("ot-security-lead")->custom);
  auto reversed = applyOverlays(embeddedKb(), {second, example("ot-operations.json")}, errors);
  EXPECT_FALSE(reversed.kb);
  EXPECT_TRUE(has(errors, "overlay[0]", "/texts/role.ot-security-lead.name", "reference"))
      << describe(errors);
}

TEST(Overlay, BuiltKnowledgeIsCachedByTheOverlayBytes) {
  std::vector<Error> errors;
  auto a = applyOverlays(embeddedKb(), {example("ot-operations.json")}, errors);
  auto b = applyOverlays(embeddedKb(), {example("ot-operations.json")}, errors);
  auto c = applyOverlays(embeddedKb(), {example("ot-operations.json") + " "}, errors);
  ASSERT_TRUE(errors.empty()) << describe(errors);
  EXPECT_EQ(a.kb.get(), b.kb.get()) << "same bytes: the cached knowledge base";
  EXPECT_NE(a.kb.get(), c.kb.get()) << "other bytes (another SHA-256): built anew";
  EXPECT_NE(a.applied[0].sha256, c.applied[0].sha256);
  auto none = applyOverlays(embeddedKb(), {}, errors);
  EXPECT_EQ(none.kb.get(), &embeddedKb()) << "no overlays: the embedded knowledge, not a copy";
}

TEST(Overlay, CacheKeepsTheEightMostRecentlyUsedMerges) {
  std::vector<Error> errors;
  // Other bytes, the same overlay: each a cache entry of its own (trailing spaces, so keys no
  // earlier test used). The results are kept, so a rebuilt knowledge base cannot reuse the
  // address of an evicted one.
  auto merge = [&](int i) {
    return applyOverlays(embeddedKb(), {example("ot-operations.json") + std::string(100 + i, ' ')},
                         errors);
  };
  std::vector<OverlaidKb> first;
  for (int i = 0; i < 8; ++i) first.push_back(merge(i));  // the cache now holds exactly these
  ASSERT_TRUE(errors.empty()) << describe(errors);
  EXPECT_EQ(merge(0).kb.get(), first[0].kb.get()) << "a hit, and now the most recently used";
  first.push_back(merge(8));  // a ninth entry evicts the least recently used: entry 1
  EXPECT_EQ(merge(0).kb.get(), first[0].kb.get()) << "used just before: kept";
  EXPECT_EQ(merge(2).kb.get(), first[2].kb.get()) << "not the least recently used: kept";
  EXPECT_NE(merge(1).kb.get(), first[1].kb.get()) << "the least recently used: built anew";
  EXPECT_TRUE(errors.empty()) << describe(errors);
}

// --- determinism -------------------------------------------------------------------------

TEST(Overlay, SameOverlaysInTheSameOrderGiveByteIdenticalReports) {
  Options options;
  options.overlays = {example("fractional-msp.json"), example("ot-operations.json")};
  for (const auto& entry : fs::directory_iterator(fs::path(SECLEAD_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    std::string profile = readFile(entry.path());
    Result first = assess(profile, options);
    Result second = assess(profile, options);
    ASSERT_TRUE(first.ok) << entry.path() << first.errorJson();
    EXPECT_EQ(first.output, second.output) << entry.path();
    for (const char* format : {"markdown", "csv", "html", "oscal", "summary"})
      EXPECT_EQ(render(first.output, format).output, render(second.output, format).output)
          << format;
  }
}

TEST(Overlay, LaterOverlayWinsWhenTwoReplaceTheSameRule) {
  auto rule = [](int points) {
    return R"({"schema":"seclead.overlay/1","name":"tune )" + std::to_string(points) +
           R"(","rules":[{"id":"tuned","when":{"all":[{"fact":"employees","operator":"greaterThanInclusive","value":1}]},
               "effect":{"score":{"hybrid":)" +
           std::to_string(points) +
           R"(}},"because":"Tuning.","source":"seeds/004_8d32cc9aeeacaec0.txt"}]})";
  };
  ordered_json ab = report(kMidsize, {rule(200), rule(-5)});
  ordered_json ba = report(kMidsize, {rule(-5), rule(200)});
  EXPECT_NE(ab["leadership"]["model"], "hybrid") << "the second overlay's -5 replaced +200";
  EXPECT_EQ(ba["leadership"]["model"], "hybrid") << "the second overlay's +200 replaced -5";
}

// --- broken overlays yield precise errors ---------------------------------------------------

struct Broken {
  const char* name;
  std::string overlay;
  const char* path;
  const char* code;
};

std::string wrap(const std::string& body) {
  return R"({"schema":"seclead.overlay/1","name":"broken")" + (body.empty() ? "" : "," + body) +
         "}";
}

TEST(Overlay, EachKindOfBrokenOverlayYieldsAPreciseError) {
  const std::string rule =
      R"("when":{"all":[{"fact":"employees","operator":"lessThan","value":5}]},"effect":{"score":{"vciso":1}},"because":"b","source":"s")";
  const std::vector<Broken> cases = {
      {"not JSON", "{\"schema\": ", "/schema", "syntax"},
      {"duplicate key", R"({"schema":"seclead.overlay/1","name":"a","name":"b"})", "/name",
       "syntax"},
      {"not an object", "[1]", "", "type"},
      {"schema missing", R"({"name":"x"})", "/schema", "required"},
      {"schema version", R"({"schema":"seclead.overlay/2","name":"x"})", "/schema",
       "schema-version"},
      {"name missing", R"({"schema":"seclead.overlay/1"})", "/name", "required"},
      {"name empty", R"({"schema":"seclead.overlay/1","name":""})", "/name", "range"},
      // 31 + 2 x 6 bytes: describe() cuts at 40 bytes, inside an é.
      {"schema a long non-ASCII string",
       R"({"schema":")" + std::string(31, 'x') + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9" +
           R"(","name":"x"})",
       "/schema", "schema-version"},
      {"unknown top-level key", wrap(R"("colour":"red")"), "/colour", "unknown-field"},
      {"roles not an array", wrap(R"("roles":{})"), "/roles", "type"},
      {"role id malformed", wrap(R"("roles":[{"id":"CISO!","name":"n","source":"s"}])"),
       "/roles/0/id", "enum"},
      {"role source missing", wrap(R"("roles":[{"id":"x","name":"n"}])"), "/roles/0/source",
       "required"},
      {"role unknown key", wrap(R"("roles":[{"id":"x","name":"n","source":"s","salary":1}])"),
       "/roles/0/salary", "unknown-field"},
      {"responsibility domain",
       wrap(R"("responsibilities":[{"id":"x","domain":"misc","name":"n","source":"s"}])"),
       "/responsibilities/0/domain", "enum"},
      {"raci unknown role",
       wrap(
           R"("responsibilities":[{"id":"x","domain":"risk","name":"n","source":"s","raci":{"A":"$sec","R":["wizard"]}}])"),
       "/responsibilities/0/raci/R/0", "reference"},
      {"raci unknown placeholder",
       wrap(
           R"("responsibilities":[{"id":"x","domain":"risk","name":"n","source":"s","raci":{"A":"$boss","R":["ceo"]}}])"),
       "/responsibilities/0/raci/A", "reference"},
      {"raci A missing",
       wrap(
           R"("responsibilities":[{"id":"x","domain":"risk","name":"n","source":"s","raci":{"R":["ceo"]}}])"),
       "/responsibilities/0/raci/A", "required"},
      {"raci R empty",
       wrap(
           R"("responsibilities":[{"id":"x","domain":"risk","name":"n","source":"s","raci":{"A":"ceo","R":[]}}])"),
       "/responsibilities/0/raci/R", "range"},
      {"raci criticality",
       wrap(
           R"("responsibilities":[{"id":"x","domain":"risk","name":"n","source":"s","raci":{"A":"ceo","R":["ceo"],"criticality":"urgent"}}])"),
       "/responsibilities/0/raci/criticality", "enum"},
      {"rule unknown fact",
       wrap(
           R"("rules":[{"id":"r","when":{"all":[{"fact":"headcount","operator":"lessThan","value":5}]},"effect":{"score":{"vciso":1}},"because":"b","source":"s"}])"),
       "/rules/0/when", "reference"},
      {"rule because missing",
       wrap(
           R"("rules":[{"id":"r","when":{"all":[]},"effect":{"score":{"vciso":1}},"source":"s"}])"),
       "/rules/0/because", "required"},
      {"rule effect unknown key",
       wrap(R"("rules":[{"id":"r",)" + rule.substr(0, rule.find("\"effect\"")) +
            R"("effect":{"colour":1},"because":"b","source":"s"}])"),
       "/rules/0/effect/colour", "unknown-field"},
      {"rule when not an object",
       wrap(
           R"("rules":[{"id":"r","when":[],"effect":{"score":{"vciso":1}},"because":"b","source":"s"}])"),
       "/rules/0/when", "type"},
      {"rate not positive",
       wrap(R"("vciso":{"hourlyRate":{"low":-1,"high":300,"currency":"USD","source":"s"}})"),
       "/vciso/hourlyRate/low", "range"},
      {"rate high below low",
       wrap(R"("vciso":{"hourlyRate":{"low":300,"high":200,"currency":"USD","source":"s"}})"),
       "/vciso/hourlyRate/high", "range"},
      {"rate currency",
       wrap(R"("vciso":{"hourlyRate":{"low":1,"high":2,"currency":"XYZ","source":"s"}})"),
       "/vciso/hourlyRate/currency", "enum"},
      {"rate type",
       wrap(R"("vciso":{"hourlyRate":{"low":"cheap","high":2,"currency":"USD","source":"s"}})"),
       "/vciso/hourlyRate/low", "type"},
      {"text unknown key", wrap(R"("texts":{"greeting":"hello"})"), "/texts/greeting",
       "unknown-field"},
      {"text unknown role", wrap(R"("texts":{"role.wizard.name":"Wizard"})"),
       "/texts/role.wizard.name", "reference"},
      {"text not a string", wrap(R"("texts":{"role.ceo.name":7})"), "/texts/role.ceo.name", "type"},
  };
  for (const auto& c : cases) {
    auto errors = errorsOf({c.overlay});
    EXPECT_TRUE(has(errors, "overlay[0]", c.path, c.code))
        << c.name << ": expected overlay[0] " << c.path << " [" << c.code << "], got\n"
        << describe(errors);
  }
}

TEST(Overlay, EveryProblemOfEveryOverlayIsListedWithItsInput) {
  std::string good = example("fractional-msp.json");
  std::string bad = wrap(
      R"("colour":1,"roles":[{"id":"Bad","name":"n","source":"s"}],"vciso":{"hourlyRate":{"low":0,"high":1,"currency":"USD","source":"s"}})");
  auto errors = errorsOf({good, bad});
  EXPECT_TRUE(has(errors, "overlay[1]", "/colour", "unknown-field")) << describe(errors);
  EXPECT_TRUE(has(errors, "overlay[1]", "/roles/0/id", "enum")) << describe(errors);
  EXPECT_TRUE(has(errors, "overlay[1]", "/vciso/hourlyRate/low", "range")) << describe(errors);
  for (const auto& e : errors)
    EXPECT_EQ(e.input, "overlay[1]") << "the valid first overlay has no error";
  // The error object names the overlay.
  Options options;
  options.overlays = {good, bad};
  Result r = assess(kMidsize, options);
  ordered_json json = ordered_json::parse(r.errorJson());
  EXPECT_EQ(json["errors"][0]["input"], "overlay[1]");
}

TEST(Overlay, LimitsApplyToOverlays) {
  std::string deep = std::string(40, '[') + std::string(40, ']');
  auto errors = errorsOf({wrap(R"("texts":{"role.ceo.name":)" + deep + "}")});
  EXPECT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, "limit") << describe(errors);
  EXPECT_EQ(errors[0].input, "overlay[0]");
  std::string huge(1024 * 1024 + 10, ' ');
  errors = errorsOf({wrap("") + huge});
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, "limit") << describe(errors);
}

}  // namespace
}  // namespace seclead
