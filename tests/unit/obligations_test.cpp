// Regulation catalog, regulatory facts at every size edge, three-valued triggers, judgement
// against today's roles, and two properties: adding a currentRoles entry never removes an
// obligation; reordering the profile's keys never changes a byte of the report.
#include "json_support.h"
#include "test_support.h"
#include "obligations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "context.h"
#include "facts.h"
#include "kb.h"
#include "profile.h"
#include "seclead/engine.h"

namespace seclead {
namespace {

using test::org;
using test::role;

namespace fs = std::filesystem;

Money eur(double amount) {
  return {amount, "EUR"};
}
Money usd(double amount) {
  return {amount, "USD"};
}

Facts factsOf(const Profile& p) {
  return deriveFacts(p, embeddedKb());
}

std::map<std::string, ObligationResult> evaluate(const Profile& p, bool explain = false) {
  Facts f = factsOf(p);
  Options o;
  o.explain = explain;
  Context ctx{embeddedKb(), p, f, o};
  std::map<std::string, ObligationResult> out;
  for (auto& r : evaluateObligations(ctx)) out.emplace(r.id, r);
  return out;
}

TEST(ObligationCatalog, HoldsEveryContractIdWithItsFields) {
  const std::vector<std::string>& contract = test::contractObligationIds();
  const json& entries = embeddedKb().documents.at("obligations.json")["obligations"];
  ASSERT_EQ(entries.size(), embeddedKb().obligations.rules.size());
  std::vector<std::string> ids;
  std::size_t i = 0;
  for (const auto& r : embeddedKb().obligations.rules) {
    ids.push_back(r.id);
    EXPECT_FALSE(r.requirement.empty()) << r.id;
    EXPECT_FALSE(r.roles.empty()) << r.id;
    EXPECT_NE(r.source.find('['), std::string::npos)
        << r.id << ": the source carries a [P]/[S]/[I] tag";
    const json& entry = entries[i++];  // the document entry the rule was loaded from
    EXPECT_EQ(entry.value("id", ""), r.id);
    for (const char* key : {"outsourcing", "independence", "cadence", "trigger", "satisfiedBy"})
      EXPECT_TRUE(entry.contains(key)) << r.id << " lacks " << key;
  }
  EXPECT_EQ(ids, contract);
}

TEST(ObligationCatalog, BrokenTriggersAreReported) {
  std::map<std::string, json> docs = embeddedKb().documents;
  docs["obligations.json"]["obligations"][0]["trigger"] = {
      {"fact", "noSuchFact"}, {"operator", "equal"}, {"value", true}};
  docs["obligations.json"]["obligations"][1]["trigger"] = {
      {"fact", "employees"}, {"operator", "contains"}, {"value", "x"}};
  docs["obligations.json"]["obligations"][2]["satisfiedBy"]["holders"] = {"chief-wizard"};
  std::vector<KbError> errors;
  buildKb(docs, errors);
  std::set<std::string> paths;
  for (const auto& e : errors)
    if (e.file == "obligations.json") paths.insert(e.path);
  EXPECT_TRUE(paths.count("/obligations/0/trigger/fact"));
  EXPECT_TRUE(paths.count("/obligations/1/trigger"));
  EXPECT_TRUE(paths.count("/obligations/2/satisfiedBy/holders"));
}

TEST(RegulatoryFacts, NydfsExemptionAt19And20) {
  Profile p = org(19, "insurance", {"US", "US-NY"});
  p.nydfsCovered = true;
  p.annualRevenue = usd(50e6);
  p.totalAssets = usd(100e6);
  EXPECT_EQ(factsOf(p).nydfsExempt, true);  // 500.19(a)(1)
  p.employees = 20;
  EXPECT_EQ(factsOf(p).nydfsExempt, false);
  p.totalAssets = usd(14.9e6);
  EXPECT_EQ(factsOf(p).nydfsExempt, true);  // 500.19(a)(3)
  p.totalAssets.reset();
  Facts f = factsOf(p);
  EXPECT_FALSE(f.nydfsExempt.has_value());  // unknown assets could exempt it
  EXPECT_EQ(f.nydfsExemptUnknown, 1u << kRegTotalAssets);
  p.annualRevenue = usd(7e6);
  EXPECT_EQ(factsOf(p).nydfsExempt, true);  // known revenue settles it: (a)(2)
}

TEST(RegulatoryFacts, Nis2SizeCapAndClassAtEveryEdge) {
  Profile p = org(49, "energy", {"DE"});
  p.annualRevenue = eur(5e6);
  p.balanceSheetTotal = eur(5e6);
  EXPECT_EQ(factsOf(p).nis2InScope, false);
  EXPECT_EQ(factsOf(p).nis2Class, "none");
  p.employees = 50;
  EXPECT_EQ(factsOf(p).nis2InScope, true);
  EXPECT_EQ(factsOf(p).nis2Class, "important");
  p.employees = 249;
  EXPECT_EQ(factsOf(p).nis2Class, "important");
  p.employees = 250;
  EXPECT_EQ(factsOf(p).nis2Class, "essential");  // Annex I and large
  p.sector = "food";                             // Annex II is never essential by size
  EXPECT_EQ(factsOf(p).nis2Class, "important");
  p.sector = "retail";
  EXPECT_EQ(factsOf(p).nis2InScope, false);
  // Money test: 49 staff but > EUR 50M turnover and > EUR 43M balance sheet: large.
  p = org(49, "transport", {"FR"});
  p.annualRevenue = eur(60e6);
  p.balanceSheetTotal = eur(44e6);
  EXPECT_EQ(factsOf(p).nis2Class, "essential");
  p.balanceSheetTotal.reset();
  Facts f = factsOf(p);
  EXPECT_FALSE(f.nis2InScope.has_value());
  EXPECT_EQ(f.nis2Class, "unknown");
  EXPECT_EQ(f.nis2Unknown, 1u << kRegBalanceSheet);
  // Outside the EU, auto means none; an explicit class overrides everything.
  p = org(5000, "energy", {"US"});
  EXPECT_EQ(factsOf(p).nis2InScope, false);
  p.nis2 = "essential";
  EXPECT_EQ(factsOf(p).nis2Class, "essential");
}

TEST(RegulatoryFacts, DoraMicroenterpriseAt9And10) {
  Profile p = org(9, "financial-services", {"DE"});
  p.euFinancialEntity = true;
  p.annualRevenue = eur(1.5e6);
  EXPECT_EQ(factsOf(p).doraMicroenterprise, true);
  p.employees = 10;
  EXPECT_EQ(factsOf(p).doraMicroenterprise, false);
  p.employees = 9;
  p.annualRevenue = eur(3e6);
  p.balanceSheetTotal = eur(3e6);
  EXPECT_EQ(factsOf(p).doraMicroenterprise, false);
  p.balanceSheetTotal.reset();
  EXPECT_FALSE(
      factsOf(p).doraMicroenterprise.has_value());  // a small balance sheet could make it micro
}

TEST(RegulatoryFacts, AbsentFlagsAreUnknownOnlyWhereTheyCouldApply) {
  Profile p = org(500, "retail", {"US"});
  EXPECT_EQ(factsOf(p).nydfsCovered, false);       // not a NY financial firm
  EXPECT_EQ(factsOf(p).euFinancialEntity, false);  // not in the EU
  EXPECT_FALSE(factsOf(p).paymentCards.has_value());
  EXPECT_FALSE(factsOf(p).usListed.has_value());
  p = org(500, "insurance", {"US", "US-NY"});
  EXPECT_FALSE(factsOf(p).nydfsCovered.has_value());
  EXPECT_FALSE(factsOf(p).hipaa.has_value());
}

TEST(Triggers, ThreeValuedLogic) {
  // all: false wins over unknown (not in the EU, data fields unknown).
  Profile p = org(300, "healthcare", {"US"});
  EXPECT_EQ(factsOf(p).gdprDpoMandatory, false);
  // any: true wins over unknown (large-scale monitoring known, special data unknown).
  p = org(300, "media", {"FR"});
  p.systematicMonitoring = "large-scale";
  EXPECT_EQ(factsOf(p).gdprDpoMandatory, true);
  // unknown only when nothing decides; the mask names exactly the undecided fields.
  p.systematicMonitoring = "none";
  Facts f = factsOf(p);
  EXPECT_FALSE(f.gdprDpoMandatory.has_value());
  EXPECT_EQ(f.gdprDpoUnknown, 1u << kRegSpecialCategory);
  auto obligations = evaluate(p);
  ASSERT_TRUE(obligations.count("gdpr-dpo-designation"));
  EXPECT_EQ(obligations["gdpr-dpo-designation"].status, "unknown");
  EXPECT_EQ(obligations["gdpr-dpo-designation"].unknownFields,
            std::vector<std::string>{"/data/specialCategoryData"});
}

TEST(Judgement, NydfsExternalCisoNeedsASeniorInternalOverseer) {
  Profile p = org(100, "banking", {"US", "US-NY"});
  p.nydfsCovered = true;
  p.annualRevenue = usd(40e6);
  p.totalAssets = usd(400e6);
  p.currentRoles =
      std::vector<CurrentRole>{role("r1", "ceo"), role("v", "vciso", "", {}, "external")};
  EXPECT_EQ(evaluate(p)["nydfs-500.4"].status, "partial");
  (*p.currentRoles)[1].reportsTo = "r1";
  EXPECT_EQ(evaluate(p)["nydfs-500.4"].status, "met");
  p.currentRoles = std::vector<CurrentRole>{role("r1", "ceo")};
  EXPECT_EQ(evaluate(p)["nydfs-500.4"].status, "gap");
  p.currentRoles.reset();
  auto r = evaluate(p)["nydfs-500.4"];
  EXPECT_EQ(r.status, "unknown");
  EXPECT_EQ(r.unknownFields, std::vector<std::string>{"/currentRoles"});
}

TEST(Judgement, DpoConflictsAndReportingLine) {
  Profile p = org(200, "healthcare", {"NL"});
  p.specialCategoryData = "large-scale";
  for (const char* conflicting : {"cio", "it-manager", "ceo", "coo", "cfo", "hr-director"}) {
    p.currentRoles = std::vector<CurrentRole>{
        role("c", "ceo"),
        role("x", conflicting == std::string("ceo") ? "ceo" : conflicting, "c", {"dpo"})};
    EXPECT_EQ(evaluate(p)["gdpr-dpo-independence"].status, "gap") << conflicting;
  }
  p.currentRoles =
      std::vector<CurrentRole>{role("c", "ceo"), role("d", "dpo", "c", {}, "external")};
  EXPECT_EQ(evaluate(p)["gdpr-dpo-independence"].status, "met");
  p.currentRoles = std::vector<CurrentRole>{role("c", "ceo"), role("s", "ciso", "c", {"dpo"})};
  EXPECT_EQ(evaluate(p)["gdpr-dpo-independence"].status, "partial");
}

TEST(Judgement, RbiFismaDoraMas) {
  Profile bank = org(5000, "banking", {"IN"});
  bank.currentRoles =
      std::vector<CurrentRole>{role("c", "ceo"), role("i", "cio", "c"), role("s", "ciso", "i")};
  EXPECT_EQ(evaluate(bank)["rbi-ciso"].status, "gap");
  (*bank.currentRoles)[2].reportsTo = "cro";
  EXPECT_EQ(evaluate(bank)["rbi-ciso"].status, "met");

  Profile agency = org(4000, "government", {"US"});
  agency.publicSectorBody = "us-federal-agency";
  agency.currentRoles = std::vector<CurrentRole>{role("i", "cio"), role("s", "ciso", "i")};
  EXPECT_EQ(evaluate(agency)["fisma-saiso"].status, "met");
  (*agency.currentRoles)[1].fte = 0.5;
  EXPECT_EQ(evaluate(agency)["fisma-saiso"].status, "partial");

  Profile eu = org(400, "insurance", {"LU"});
  eu.euFinancialEntity = true;
  eu.currentRoles =
      std::vector<CurrentRole>{role("c", "ceo"), role("i", "cio", "c"), role("s", "ciso", "i")};
  EXPECT_EQ(evaluate(eu)["dora-ict-risk-control-function"].status, "partial");
  eu.currentRoles->push_back(role("r", "cro", "c"));
  EXPECT_EQ(evaluate(eu)["dora-ict-risk-control-function"].status, "met");

  Profile sg = org(400, "banking", {"SG"});
  sg.currentRoles = std::vector<CurrentRole>{role("c", "ceo"), role("s", "ciso", "c")};
  EXPECT_EQ(evaluate(sg)["mas-trm-ciso"].status, "partial");  // no CIO
  sg.currentRoles->push_back(role("i", "cio", "c"));
  EXPECT_EQ(evaluate(sg)["mas-trm-ciso"].status, "met");
}

TEST(Explain, ListsNotApplicableWithAReason) {
  Profile p = org(30, "other", {"BR"});
  auto plain = evaluate(p);
  EXPECT_TRUE(plain.empty());
  auto explained = evaluate(p, true);
  EXPECT_EQ(explained.size(), embeddedKb().obligations.rules.size());
  EXPECT_EQ(explained["rbi-ciso"].status, "not-applicable");
  EXPECT_NE(explained["rbi-ciso"].reason.find("Indian bank"), std::string::npos);
}

// ---- properties over every fixture profile ---------------------------------------------------

std::vector<json> fixtureProfiles() {
  std::vector<json> out;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(fs::path(SECLEAD_SOURCE_DIR) / "tests/scenarios"))
    if (e.path().extension() == ".json") paths.push_back(e.path());
  for (const auto& e : fs::directory_iterator(fs::path(SECLEAD_SOURCE_DIR) / "examples"))
    if (e.path().extension() == ".json") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    json doc = json::parse(s.str(), nullptr, false);
    if (doc.is_object() && doc.contains("profile")) doc = doc["profile"];
    if (doc.is_object() && doc.value("schema", "") == "seclead.profile/1") out.push_back(doc);
  }
  return out;
}

TEST(Property, AddingACurrentRoleNeverRemovesAnObligation) {
  int checked = 0;
  for (const json& doc : fixtureProfiles()) {
    std::vector<Error> errors;
    auto profile = parseProfile(doc.dump(), errors);
    if (!profile) continue;
    auto before = evaluate(*profile);
    for (const auto& info : embeddedKb().roles) {
      Profile more = *profile;
      if (!more.currentRoles) more.currentRoles = std::vector<CurrentRole>{};
      more.currentRoles->push_back(role("added", info.id));
      auto after = evaluate(more);
      for (const auto& [id, r] : before)
        EXPECT_TRUE(after.count(id))
            << id << " vanished after adding a " << info.id << " to " << doc.dump().substr(0, 120);
      ++checked;
    }
  }
  EXPECT_GT(checked, 30 * 19);
}

ordered_json reversedKeys(const json& j) {
  if (j.is_object()) {
    ordered_json out = ordered_json::object();
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    for (auto it = keys.rbegin(); it != keys.rend(); ++it) out[*it] = reversedKeys(j[*it]);
    return out;
  }
  if (j.is_array()) {
    ordered_json out = ordered_json::array();
    for (const auto& item : j) out.push_back(reversedKeys(item));
    return out;
  }
  return ordered_json(j);
}

TEST(Property, ReportIsByteIdenticalWhenProfileKeysAreReordered) {
  int checked = 0;
  for (const json& doc : fixtureProfiles()) {
    Result a = assess(doc.dump());
    Result b = assess(reversedKeys(doc).dump());
    ASSERT_EQ(a.ok, b.ok) << doc.dump();
    EXPECT_EQ(a.output, b.output) << doc.dump().substr(0, 200);
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

}  // namespace
}  // namespace seclead
