// vCISO sizing: the hours model, cost from the rate range, caller overrides, currency,
// break-even and the transition triggers.
#include <gtest/gtest.h>

#include "json_support.h"
#include "json.h"
#include "kb.h"
#include "seclead/engine.h"

namespace seclead {
namespace {

json profile(int employees, const char* cyberThreat, int maturity, int incidents) {
  json p = json::parse(R"({
    "schema": "seclead.profile/1",
    "organization": {"employees": 30, "sector": "professional-services", "jurisdictions": ["US"],
                     "publiclyListed": [], "publicSectorBody": "none"},
    "data": {"personalData": "limited", "specialCategoryData": "none",
             "systematicMonitoring": "none", "hipaa": "none", "paymentCards": "none"},
    "regulatory": {"nydfsCovered": false, "euFinancialEntity": false, "nis2": "none",
                   "frameworks": []},
    "risk": {"physicalRisk": "low", "cyberThreat": "medium", "incidentsLast24Months": 0,
             "riskAppetite": "balanced", "securityMaturity": 3},
    "budget": {"canFundFullTimeSecurityExecutive": false}
  })");
  p["organization"]["employees"] = employees;
  p["risk"]["cyberThreat"] = cyberThreat;
  p["risk"]["securityMaturity"] = maturity;
  p["risk"]["incidentsLast24Months"] = incidents;
  return p;
}

json vcisoOf(const json& p) {
  Result r = assess(p.dump());
  EXPECT_TRUE(r.ok) << r.errorJson();
  return r.ok ? json::parse(r.output)["vciso"] : json::object();
}

TEST(Vciso, HoursFollowTheDocumentedModel) {
  // small band 8 h + maturity 3 (0) + no incidents + medium threat (2) + no obligations = 10 h
  json v = vcisoOf(profile(30, "medium", 3, 0));
  EXPECT_EQ(v["hoursPerMonth"], 10) << v.dump();
  EXPECT_EQ(v["basis"]["sizeBand"]["hours"], 8);
  EXPECT_EQ(v["basis"]["threat"]["hours"], 2);
  // 10 h x $300..$500 (vciso.json rate, regulations.md §20)
  EXPECT_EQ(v["monthlyCost"]["low"], 3000);
  EXPECT_EQ(v["monthlyCost"]["high"], 5000);
  EXPECT_EQ(v["monthlyCost"]["currency"], "USD");
  // $403K / 12 / $400 mid rate = 84 h
  EXPECT_EQ(v["breakEvenHoursPerMonth"], 84);
  EXPECT_EQ(v["fullTimeAnnualCost"], 403000);
}

TEST(Vciso, MoreRiskMeansMoreHours) {
  int calm = vcisoOf(profile(30, "low", 4, 0))["hoursPerMonth"].get<int>();
  int busy = vcisoOf(profile(30, "high", 1, 3))["hoursPerMonth"].get<int>();
  // high threat +6 vs 0, maturity 1 +6 vs -2, 3 incidents +6
  EXPECT_EQ(busy - calm, 6 + 8 + 6);
  int bigger = vcisoOf(profile(120, "low", 4, 0))["hoursPerMonth"].get<int>();
  EXPECT_GT(bigger, calm);
}

TEST(Vciso, RecommendedWhenTheModelIsVciso) {
  json p = profile(30, "high", 1, 1);
  p["data"]["personalData"] = "large-scale";
  Result r = assess(p.dump());
  ASSERT_TRUE(r.ok);
  json report = json::parse(r.output);
  EXPECT_EQ(report["leadership"]["model"], "vciso");
  EXPECT_TRUE(report["vciso"]["recommended"].get<bool>());
  const auto& triggers = report["vciso"]["transitionTriggers"];
  ASSERT_FALSE(triggers.empty());
  EXPECT_NE(triggers[0].get<std::string>().find("250"), std::string::npos) << triggers.dump();
}

TEST(Vciso, NotRecommendedForAnEnterpriseWithACiso) {
  json p = profile(3000, "high", 3, 0);
  p["budget"]["canFundFullTimeSecurityExecutive"] = true;
  p["currentRoles"] =
      json::parse(R"([{"id":"c","role":"ceo"},{"id":"s","role":"ciso","reportsTo":"c"}])");
  json v = vcisoOf(p);
  EXPECT_FALSE(v["recommended"].get<bool>());
  EXPECT_TRUE(v["transitionTriggers"].empty());
}

TEST(Vciso, InterimWhenAFullTimeExecutiveIsStillToBeHired) {
  json p = profile(3000, "high", 3, 0);
  p["budget"]["canFundFullTimeSecurityExecutive"] = true;
  p["currentRoles"] =
      json::parse(R"([{"id":"c","role":"ceo"},{"id":"i","role":"cio","reportsTo":"c"}])");
  json v = vcisoOf(p);
  EXPECT_TRUE(v["recommended"].get<bool>());
  EXPECT_TRUE(v.contains("interim"));
}

TEST(Vciso, CallerSettingsOverrideRatesAndFullTimeCost) {
  json p = profile(30, "medium", 3, 0);
  p["settings"] = json::parse(R"({"vcisoHourlyRate": {"low": 200, "high": 250, "currency": "USD"},
                                  "fullTimeCisoAnnualCost": {"amount": 240000, "currency": "USD"}})");
  json v = vcisoOf(p);
  EXPECT_EQ(v["monthlyCost"]["low"], 2000);
  EXPECT_EQ(v["monthlyCost"]["high"], 2500);
  EXPECT_EQ(v["fullTimeAnnualCost"], 240000);
  EXPECT_EQ(v["breakEvenHoursPerMonth"], 89);  // 240000 / 12 / 225
  EXPECT_TRUE(v["basis"]["hourlyRate"]["overridden"].get<bool>());
}

TEST(Vciso, CostIsInTheProfilesCurrency) {
  json p = profile(30, "medium", 3, 0);
  p["organization"]["annualRevenue"] = {{"amount", 5000000}, {"currency", "EUR"}};
  json v = vcisoOf(p);
  EXPECT_EQ(v["monthlyCost"]["currency"], "EUR");
  const Kb& kb = embeddedKb();
  auto expected = kb.fromUsd(10 * 300, "EUR");
  ASSERT_TRUE(expected);
  EXPECT_EQ(v["monthlyCost"]["low"].get<long long>(), std::llround(*expected));
  EXPECT_TRUE(v["monthlyCost"]["low"].is_number_integer());
}

TEST(Vciso, KnowledgeCarriesItsSources) {
  const Kb& kb = embeddedKb();
  EXPECT_GT(kb.vciso.rateLowUsd, 0);
  EXPECT_GE(kb.vciso.rateHighUsd, kb.vciso.rateLowUsd);
  EXPECT_NE(kb.vciso.rateSource.find("regulations.md"), std::string::npos);
  EXPECT_NE(kb.vciso.fullTimeSource.find("403K"), std::string::npos);
}

}  // namespace
}  // namespace seclead
