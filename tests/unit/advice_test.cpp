// Collaboration practices, roadmap and role charter: chosen by the profile, not fixed lists.
#include <gtest/gtest.h>

#include <set>

#include "json_support.h"
#include "json.h"
#include "seclead/engine.h"

namespace seclead {
namespace {

json base(int employees) {
  json p = json::parse(R"({
    "schema": "seclead.profile/1",
    "organization": {"employees": 600, "sector": "retail", "jurisdictions": ["US"],
                     "publiclyListed": [], "publicSectorBody": "none",
                     "operationalTechnology": false, "criticalInfrastructure": false},
    "data": {"personalData": "limited", "specialCategoryData": "none",
             "systematicMonitoring": "none", "hipaa": "none", "paymentCards": "none"},
    "regulatory": {"nydfsCovered": false, "euFinancialEntity": false, "nis2": "none",
                   "frameworks": []},
    "risk": {"physicalRisk": "low", "cyberThreat": "medium", "incidentsLast24Months": 0,
             "riskAppetite": "balanced", "securityMaturity": 3},
    "strategy": {"priority": "digital-transformation"},
    "budget": {"canFundFullTimeSecurityExecutive": true},
    "currentRoles": [{"id": "c", "role": "ceo"}, {"id": "i", "role": "cio", "reportsTo": "c"}]
  })");
  p["organization"]["employees"] = employees;
  return p;
}

json report(const json& p) {
  Result r = assess(p.dump());
  EXPECT_TRUE(r.ok) << r.errorJson();
  return r.ok ? json::parse(r.output) : json::object();
}

std::map<std::string, std::string> practices(const json& rep) {
  std::map<std::string, std::string> out;
  for (const auto& c : rep["collaboration"]) out[c["challenge"].get<std::string>()] = c["practice"].get<std::string>();
  return out;
}

TEST(Collaboration, ThreeFrictionPointsWhenCioAndCisoExist) {
  json rep = report(base(600));
  ASSERT_EQ(rep["leadership"]["model"], "dedicated-ciso");
  auto p = practices(rep);
  EXPECT_EQ(p.size(), 3u);
  for (const char* c : {"budget-allocation", "risk-perspectives", "communication-gaps"})
    EXPECT_TRUE(p.count(c)) << c;
  for (const auto& c : rep["collaboration"]) EXPECT_FALSE(c["source"].get<std::string>().empty());
}

TEST(Collaboration, RiskSeekingUnderTheCioGetsAToleranceApprovedAboveBoth) {
  json p = base(600);
  p["risk"]["riskAppetite"] = "seeking";
  json rep = report(p);
  ASSERT_EQ(rep["leadership"]["cisoReportsTo"], "cio");
  std::string practice = practices(rep)["risk-perspectives"];
  EXPECT_NE(practice.find("CEO or board approve"), std::string::npos) << practice;
  // Balanced appetite: the general shared-tolerance practice instead.
  std::string balanced = practices(report(base(600)))["risk-perspectives"];
  EXPECT_NE(balanced, practice);
}

TEST(Collaboration, NoneForADistributedModel) {
  json p = base(6);
  p["budget"]["canFundFullTimeSecurityExecutive"] = false;
  p["risk"]["cyberThreat"] = "low";
  p["currentRoles"] = json::parse(R"([{"id": "c", "role": "ceo"}])");
  json rep = report(p);
  ASSERT_EQ(rep["leadership"]["model"], "distributed");
  EXPECT_TRUE(rep["collaboration"].empty());
}

TEST(Roadmap, OrderedByHorizonWithOwnersThatAreRoles) {
  json rep = report(base(600));
  const auto& items = rep["roadmap"];
  ASSERT_FALSE(items.empty());
  auto rank = [](const std::string& h) { return h == "30-days" ? 0 : h == "90-days" ? 1 : 2; };
  int last = 0;
  std::set<std::string> horizons;
  for (const auto& item : items) {
    int r = rank(item["horizon"].get<std::string>());
    EXPECT_GE(r, last) << item.dump();
    last = r;
    horizons.insert(item["horizon"].get<std::string>());
    EXPECT_EQ(item["owner"].get<std::string>().find('{'), std::string::npos) << item.dump();
    EXPECT_EQ(item["action"].get<std::string>().find('{'), std::string::npos) << item.dump();
    EXPECT_FALSE(item["source"].get<std::string>().empty()) << item.dump();
  }
  EXPECT_EQ(horizons.size(), 3u);
}

TEST(Roadmap, FollowsTheRecommendationNotAFixedList) {
  json big = report(base(600));  // dedicated CISO to recruit
  json small = base(6);
  small["budget"]["canFundFullTimeSecurityExecutive"] = false;
  small["risk"]["cyberThreat"] = "low";
  small["currentRoles"] = json::parse(R"([{"id": "c", "role": "ceo"}])");
  json tiny = report(small);  // distributed
  auto actions = [](const json& rep) {
    std::string all;
    for (const auto& i : rep["roadmap"]) all += i["action"].get<std::string>() + "\n";
    return all;
  };
  EXPECT_NE(actions(big).find("Recruit the Chief Information Security Officer"), std::string::npos)
      << actions(big);
  EXPECT_NE(actions(tiny).find("which existing leader owns each security responsibility"),
            std::string::npos)
      << actions(tiny);
  EXPECT_EQ(actions(tiny).find("Recruit"), std::string::npos);
}

TEST(Roadmap, ObligationGapsComeFirst) {
  json p = base(600);
  p["regulatory"]["nydfsCovered"] = true;
  p["organization"]["jurisdictions"] = {"US", "US-NY"};
  p["organization"]["sector"] = "insurance";
  p["organization"]["annualRevenue"] = {{"amount", 90000000}, {"currency", "USD"}};
  p["organization"]["totalAssets"] = {{"amount", 300000000}, {"currency", "USD"}};
  json rep = report(p);
  bool found = false;
  for (const auto& item : rep["roadmap"])
    if (item["action"].get<std::string>().find("nydfs-500.4") != std::string::npos) {
      EXPECT_EQ(item["horizon"], "30-days") << item.dump();
      found = true;
    }
  EXPECT_TRUE(found) << rep["roadmap"].dump() << rep["obligations"].dump();
}

TEST(Charter, ForTheRecommendedExecutiveWithSkillsAndAuthority) {
  json rep = report(base(600));
  const json& charter = rep["leadership"]["charter"];
  EXPECT_EQ(charter["role"], "ciso");
  EXPECT_EQ(charter["reportsTo"], "Chief Information Officer");
  ASSERT_TRUE(charter.contains("accountableFor") || charter.contains("responsibleFor"));
  std::string skills = charter["skills"].dump();
  EXPECT_NE(skills.find("Crisis management"), std::string::npos) << skills;
  EXPECT_FALSE(charter["authority"].empty());
}

TEST(Charter, HybridCarriesBothSkillSets) {
  json p = base(45);
  p["budget"]["canFundFullTimeSecurityExecutive"] = false;
  json rep = report(p);
  ASSERT_EQ(rep["leadership"]["model"], "hybrid");
  const json& charter = rep["leadership"]["charter"];
  EXPECT_EQ(charter["role"], "cio");
  std::string skills = charter["skills"].dump();
  EXPECT_NE(skills.find("Strategic planning"), std::string::npos);
  EXPECT_NE(skills.find("Cybersecurity knowledge"), std::string::npos);
}

TEST(Charter, NoneWhenNoSecurityExecutive) {
  json p = base(6);
  p["budget"]["canFundFullTimeSecurityExecutive"] = false;
  p["risk"]["cyberThreat"] = "low";
  json rep = report(p);
  ASSERT_EQ(rep["leadership"]["model"], "distributed");
  EXPECT_FALSE(rep["leadership"].contains("charter"));
}

}  // namespace
}  // namespace seclead
