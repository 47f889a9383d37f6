// The leadership decision: the condition compiler, the rules' integrity, and the properties
// the issue asks for (monotonicity, determinism, rationale and sensitivity that hold).
#include "json_support.h"
#include "decision.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <set>

#include "context.h"
#include "facts.h"
#include "json.h"
#include "kb.h"
#include "profile.h"
#include "seclead/engine.h"

namespace seclead {
namespace {

// ---- helpers ----------------------------------------------------------------------------

json baseProfile() {
  return json::parse(R"({
    "schema": "seclead.profile/1",
    "organization": {"employees": 120, "sector": "technology", "jurisdictions": ["US"],
                     "publiclyListed": [], "operationalTechnology": false,
                     "criticalInfrastructure": false, "publicSectorBody": "none"},
    "data": {"personalData": "limited", "specialCategoryData": "none",
             "systematicMonitoring": "none", "hipaa": "none", "paymentCards": "none",
             "intellectualProperty": "medium"},
    "regulatory": {"nydfsCovered": false, "euFinancialEntity": false, "nis2": "auto",
                   "frameworks": []},
    "risk": {"physicalRisk": "low", "cyberThreat": "medium", "incidentsLast24Months": 0,
             "riskAppetite": "balanced", "securityMaturity": 2},
    "strategy": {"priority": "growth", "cloud": "cloud-first", "workforce": "hybrid"},
    "budget": {"canFundFullTimeSecurityExecutive": true}
  })");
}

// A deterministic generator (no std::random_device: the tests must be reproducible).
struct Lcg {
  std::uint64_t s;
  std::uint64_t next() { return s = s * 6364136223846793005ULL + 1442695040888963407ULL; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[(next() >> 33) % v.size()];
  }
};

std::vector<json> variedProfiles(int count) {
  Lcg g{42};
  const std::vector<std::string> sectors = {"banking",
                                            "insurance",
                                            "financial-services",
                                            "healthcare",
                                            "government",
                                            "energy",
                                            "manufacturing",
                                            "retail",
                                            "technology",
                                            "professional-services",
                                            "education",
                                            "digital-infrastructure",
                                            "nonprofit",
                                            "transport"};
  const std::vector<json> jurisdictions = {json{"US"},       json{"US", "US-NY"}, json{"DE"},
                                           json{"FR", "DE"}, json{"GB"},          json{"IN"},
                                           json{"SG"},       json{"AU"},          json{"US", "NL"}};
  const std::vector<std::string> levels = {"none", "limited", "large-scale"};
  const std::vector<std::string> risks = {"low", "medium", "high"};
  const std::vector<std::string> hipaa = {"none", "none", "business-associate", "covered-entity"};
  const std::vector<std::string> cards = {"none", "merchant", "service-provider"};
  const std::vector<std::int64_t> sizes = {3, 12, 30, 60, 120, 300, 700, 1500, 8000};
  const std::vector<std::string> appetite = {"averse", "balanced", "seeking"};
  const std::vector<std::string> priority = {"growth", "efficiency", "digital-transformation",
                                             "security-and-compliance"};
  const std::vector<int> bools = {0, 1};
  std::vector<json> out;
  for (int i = 0; i < count; ++i) {
    json p = baseProfile();
    p["organization"]["employees"] = g.pick(sizes);
    p["organization"]["sector"] = g.pick(sectors);
    p["organization"]["jurisdictions"] = g.pick(jurisdictions);
    p["organization"]["operationalTechnology"] = g.pick(bools) == 1;
    p["data"]["personalData"] = g.pick(levels);
    p["data"]["specialCategoryData"] = g.pick(levels);
    p["data"]["systematicMonitoring"] = g.pick(levels);
    p["data"]["hipaa"] = g.pick(hipaa);
    p["data"]["paymentCards"] = g.pick(cards);
    p["regulatory"]["nydfsCovered"] = g.pick(bools) == 1;
    p["risk"]["physicalRisk"] = g.pick(risks);
    p["risk"]["cyberThreat"] = g.pick(risks);
    p["risk"]["incidentsLast24Months"] = static_cast<int>(g.next() >> 61);
    p["risk"]["riskAppetite"] = g.pick(appetite);
    p["risk"]["securityMaturity"] = 1 + static_cast<int>((g.next() >> 33) % 5);
    p["strategy"]["priority"] = g.pick(priority);
    p["budget"]["canFundFullTimeSecurityExecutive"] = g.pick(bools) == 1;
    if (g.pick(bools) == 1) p["budget"].erase("canFundFullTimeSecurityExecutive");
    if (g.pick(bools) == 1)
      p["organization"]["annualRevenue"] = {{"amount", 25000000}, {"currency", "USD"}};
    out.push_back(std::move(p));
  }
  return out;
}

json assessJson(const json& profile) {
  Result r = assess(profile.dump());
  EXPECT_TRUE(r.ok) << r.errorJson() << "\n" << profile.dump();
  return r.ok ? json::parse(r.output) : json::object();
}

std::string modelOf(const json& profile) {
  json report = assessJson(profile);
  return report.contains("leadership") ? report["leadership"]["model"].get<std::string>() : "";
}

// ---- conditions -------------------------------------------------------------------------

struct CompiledFixture {
  const DecisionKnowledge& k = embeddedKb().decision;
  Condition compile(const char* text) {
    Condition c;
    std::string error;
    EXPECT_TRUE(compileCondition(json::parse(text), k, c, error)) << error;
    return c;
  }
};

TEST(DecisionConditions, OperatorsCompareTypedValues) {
  CompiledFixture f;
  Profile p;
  p.employees = 300;
  p.sector = "banking";
  p.jurisdictions = {"DE"};
  p.cyberThreat = "high";
  Facts facts = deriveFacts(p, embeddedKb());
  FactSet set;
  buildFactSet(f.k, p, facts, {}, set);
  auto yes = [&](const char* text) { return evaluateCondition(f.compile(text), set); };
  EXPECT_TRUE(
      yes(R"({"all":[{"fact":"employees","operator":"greaterThanInclusive","value":300}]})"));
  EXPECT_FALSE(yes(R"({"all":[{"fact":"employees","operator":"greaterThan","value":300}]})"));
  EXPECT_TRUE(yes(R"({"all":[{"fact":"employees","operator":"lessThan","value":301}]})"));
  EXPECT_TRUE(
      yes(R"({"all":[{"fact":"sector","operator":"in","value":["insurance","banking"]}]})"));
  EXPECT_FALSE(yes(R"({"all":[{"fact":"sector","operator":"notIn","value":["banking"]}]})"));
  EXPECT_TRUE(yes(R"({"all":[{"fact":"countries","operator":"contains","value":"DE"}]})"));
  EXPECT_TRUE(yes(R"({"all":[{"fact":"eu","operator":"equal","value":true}]})"));
  EXPECT_TRUE(yes(R"({"all":[{"fact":"cyberThreat","operator":"equal","value":2}]})"));
  EXPECT_TRUE(yes(R"({"any":[{"fact":"us","operator":"equal","value":true},
                               {"fact":"sizeBand","operator":"equal","value":"large"}]})"));
  EXPECT_FALSE(yes(R"({"all":[{"fact":"us","operator":"equal","value":true},
                               {"fact":"sizeBand","operator":"equal","value":"large"}]})"));
}

TEST(DecisionConditions, UnknownFactsBehaveLikeUndefined) {
  CompiledFixture f;
  Profile p;
  p.sector = "retail";
  p.jurisdictions = {"US"};
  Facts facts = deriveFacts(p, embeddedKb());
  FactSet set;
  buildFactSet(f.k, p, facts, {}, set);  // physicalRisk, canFund, ... unknown
  auto yes = [&](const char* text) { return evaluateCondition(f.compile(text), set); };
  EXPECT_FALSE(yes(R"({"all":[{"fact":"physicalRisk","operator":"lessThan","value":5}]})"));
  EXPECT_FALSE(yes(R"({"all":[{"fact":"canFund","operator":"equal","value":false}]})"));
  EXPECT_TRUE(yes(R"({"all":[{"fact":"canFund","operator":"notEqual","value":true}]})"));
  EXPECT_TRUE(yes(R"({"all":[{"fact":"riskAppetite","operator":"notIn","value":["seeking"]}]})"));
}

TEST(DecisionConditions, BadConditionsAreRejectedAtLoad) {
  const DecisionKnowledge& k = embeddedKb().decision;
  for (const char* bad :
       {R"({"all":[{"fact":"nope","operator":"equal","value":1}]})",
        R"({"all":[{"fact":"employees","operator":"like","value":1}]})",
        R"({"all":[{"fact":"employees","operator":"lessThan","value":"x"}]})", R"({"all":[]})",
        R"({"fact":"sector","operator":"in","value":"x"})", R"([1,2])"}) {
    Condition c;
    std::string error;
    EXPECT_FALSE(compileCondition(json::parse(bad), k, c, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
  // A scoring rule may not read the decision it makes.
  json doc = embeddedKb().documents.at("rules.json");
  doc["rules"].push_back(
      {{"id", "bad.self"},
       {"when", {{"all", {{{"fact", "model"}, {"operator", "equal"}, {"value", "vciso"}}}}}},
       {"effect", {{"score", {{"vciso", 10}}}}},
       {"because", "x"},
       {"source", "x"}});
  Kb kb;
  std::vector<KbError> errors;
  loadDecision(doc, kb, errors);
  EXPECT_FALSE(errors.empty());
}

// ---- knowledge integrity ----------------------------------------------------------------

TEST(DecisionRules, EveryRuleHasIdEffectReasonAndSource) {
  const DecisionKnowledge& k = embeddedKb().decision;
  ASSERT_GE(k.rules.size(), 30u);
  std::set<std::string> ids;
  for (const auto& r : k.rules) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_FALSE(r.because.empty()) << r.id;
    EXPECT_FALSE(r.source.empty()) << r.id;
    EXPECT_FALSE(r.effect.empty()) << r.id;
  }
  EXPECT_EQ(k.tieBreak.size(), leadershipModels().size());
}

// Authors' rule (rules.json "description"): a rule that fires as employees, regulatory load or
// threat grow gives points that never decrease with rank; one that fires as they shrink,
// points that never increase. Checked for the rules whose direction is plain.
TEST(DecisionRules, ScoringPointsFollowTheEscalationScale) {
  const DecisionKnowledge& k = embeddedKb().decision;
  const auto& models = leadershipModels();
  for (const auto& r : k.rules) {
    if (r.score.empty() || r.when.children.size() != 1) continue;
    const Condition& c = r.when.children.front();
    bool growing = c.op == Condition::GreaterThan || c.op == Condition::GreaterThanInclusive ||
                   (c.op == Condition::Equal && c.valueKind == FactValue::Bool && c.b &&
                    c.fact >= kFixedFactCount);
    bool shrinking = c.op == Condition::LessThan || c.op == Condition::LessThanInclusive;
    bool monotoneFact = c.fact == kEmployees || c.fact == kSizeRank || c.fact == kCyberThreat ||
                        c.fact == kIncidents || c.fact == kPhysicalRisk ||
                        c.fact == kSensitiveData || c.fact == kRegulatoryLoad ||
                        c.fact >= kFixedFactCount;
    if (!monotoneFact || (!growing && !shrinking)) continue;
    std::vector<int> points(models.size(), 0);
    for (const auto& [m, v] : r.score) points[static_cast<std::size_t>(m)] = v;
    for (std::size_t a = 0; a < models.size(); ++a)
      for (std::size_t b = 0; b < models.size(); ++b) {
        if (modelRank(models[a]) <= modelRank(models[b])) continue;
        if (growing)
          EXPECT_GE(points[a], points[b]) << r.id << ": " << models[a] << " vs " << models[b];
        else
          EXPECT_LE(points[a], points[b]) << r.id << ": " << models[a] << " vs " << models[b];
      }
  }
}

// ---- properties -------------------------------------------------------------------------

TEST(DecisionProperties, RaisingEmployeesNeverMovesDownTheScale) {
  const std::vector<int> sizes = {1,   5,   9,   10,  19,  20,   49,   50,
                                  120, 249, 250, 600, 999, 1000, 20000};
  for (json p : variedProfiles(60)) {
    int previous = -1;
    std::string previousModel;
    for (int n : sizes) {
      p["organization"]["employees"] = n;
      std::string model = modelOf(p);
      int rank = modelRank(model);
      EXPECT_GE(rank, previous) << "employees " << n << ": " << previousModel << " -> " << model
                                << "\n"
                                << p.dump();
      previous = std::max(previous, rank);
      previousModel = model;
    }
  }
}

TEST(DecisionProperties, RaisingRegulatoryLoadNeverMovesDownTheScale) {
  for (json p : variedProfiles(60)) {
    p["regulatory"]["frameworks"] = json::array();
    p["regulatory"]["nydfsCovered"] = false;
    std::vector<std::function<void(json&)>> steps = {
        [](json& q) { q["regulatory"]["frameworks"].push_back("iso27001"); },
        [](json& q) { q["regulatory"]["frameworks"].push_back("soc2"); },
        [](json& q) { q["regulatory"]["frameworks"].push_back("nist-csf"); },
        [](json& q) {
          q["regulatory"]["nydfsCovered"] = true;
          q["organization"]["jurisdictions"].push_back("US-NY");
        },
        [](json& q) {
          if (q["data"]["paymentCards"] == "none") q["data"]["paymentCards"] = "merchant";
        },
    };
    int previous = modelRank(modelOf(p));
    for (std::size_t i = 0; i < steps.size(); ++i) {
      steps[i](p);
      int rank = modelRank(modelOf(p));
      EXPECT_GE(rank, previous) << "step " << i << "\n" << p.dump();
      previous = std::max(previous, rank);
    }
  }
}

TEST(DecisionProperties, RaisingThreatNeverMovesDownTheScale) {
  for (json p : variedProfiles(60)) {
    for (const char* field : {"cyberThreat", "physicalRisk"}) {
      json q = p;
      int previous = -1;
      for (const char* level : {"low", "medium", "high"}) {
        q["risk"][field] = level;
        int rank = modelRank(modelOf(q));
        EXPECT_GE(rank, previous) << field << " " << level << "\n" << q.dump();
        previous = std::max(previous, rank);
      }
    }
    json q = p;
    int previous = -1;
    for (int incidents : {0, 1, 2, 3, 6, 20}) {
      q["risk"]["incidentsLast24Months"] = incidents;
      int rank = modelRank(modelOf(q));
      EXPECT_GE(rank, previous) << "incidents " << incidents << "\n" << q.dump();
      previous = std::max(previous, rank);
    }
  }
}

TEST(DecisionProperties, SameProfileGivesByteIdenticalReports) {
  for (const json& p : variedProfiles(20)) {
    Result a = assess(p.dump());
    Result b = assess(p.dump());
    ASSERT_TRUE(a.ok && b.ok);
    EXPECT_EQ(a.output, b.output);
  }
}

TEST(DecisionProperties, RationaleNamesExistingRulesWithSources) {
  std::set<std::string> ids;
  for (const auto& r : embeddedKb().decision.rules) ids.insert(r.id);
  for (const json& p : variedProfiles(40)) {
    json report = assessJson(p);
    const json& l = report["leadership"];
    EXPECT_FALSE(l["rationale"].empty());
    for (const auto& e : l["rationale"]) {
      EXPECT_TRUE(ids.count(e["rule"].get<std::string>())) << e.dump();
      EXPECT_FALSE(e["source"].get<std::string>().empty()) << e.dump();
      EXPECT_FALSE(e["because"].get<std::string>().empty()) << e.dump();
    }
    int best = 0;
    for (const auto& [m, v] : l["score"].items()) {
      EXPECT_GE(v.get<int>(), 0);
      EXPECT_LE(v.get<int>(), 100);
      best = std::max(best, v.get<int>());
    }
    EXPECT_EQ(l["score"][l["model"].get<std::string>()].get<int>(), best) << l.dump();
    if (l["model"] == "distributed") EXPECT_EQ(l["cisoReportsTo"], "none");
  }
}

TEST(DecisionProperties, EverySensitivityEntryReallyChangesTheModel) {
  int checked = 0;
  for (const json& p : variedProfiles(25)) {
    json report = assessJson(p);
    const std::string model = report["leadership"]["model"].get<std::string>();
    for (const auto& s : report["leadership"]["sensitivity"]) {
      json changed = p;
      setAt(changed, s["field"].get<std::string>(), s["to"]);
      std::string now = modelOf(changed);
      EXPECT_NE(now, model) << s.dump();
      EXPECT_EQ(now, s["model"].get<std::string>()) << s.dump() << "\n" << p.dump();
      ++checked;
    }
  }
  EXPECT_GT(checked, 25);
}

TEST(DecisionProperties, EmployeeSensitivityIsTheNearestChange) {
  json p = baseProfile();
  p["organization"]["employees"] = 12;
  p["budget"]["canFundFullTimeSecurityExecutive"] = false;
  json report = assessJson(p);
  const std::string model = report["leadership"]["model"].get<std::string>();
  for (const auto& s : report["leadership"]["sensitivity"]) {
    if (s["field"] != "/organization/employees") continue;
    int to = s["to"].get<int>();
    int step = to > 12 ? -1 : 1;  // one step back toward 12 keeps the model
    json q = p;
    q["organization"]["employees"] = to + step;
    EXPECT_EQ(modelOf(q), model) << s.dump();
  }
}

// Brute force over employees 1..3000: the reported change is the nearest one either way.
TEST(DecisionProperties, EmployeeSensitivityMatchesABruteForceScan) {
  int compared = 0;
  for (const json& p : variedProfiles(8)) {
    std::vector<Error> errors;
    auto profile = parseProfile(p.dump(), errors);
    ASSERT_TRUE(profile);
    const std::int64_t current = profile->employees;
    const std::string model = recommendModel(embeddedKb(), *profile, Options{});
    std::int64_t up = 0, down = 0;
    for (std::int64_t n = current + 1; n <= 3000 && !up; ++n) {
      Profile q = *profile;
      q.employees = n;
      if (recommendModel(embeddedKb(), q, Options{}) != model) up = n;
    }
    for (std::int64_t n = current - 1; n >= 1 && !down; --n) {
      Profile q = *profile;
      q.employees = n;
      if (recommendModel(embeddedKb(), q, Options{}) != model) down = n;
    }
    json report = assessJson(p);
    std::int64_t gotUp = 0, gotDown = 0;
    for (const auto& s : report["leadership"]["sensitivity"]) {
      if (s["field"] != "/organization/employees") continue;
      (s["to"].get<std::int64_t>() > current ? gotUp : gotDown) = s["to"].get<std::int64_t>();
    }
    if (up) EXPECT_EQ(gotUp, up) << p.dump();
    EXPECT_EQ(gotDown, down) << p.dump();
    compared += (up != 0) + (down != 0);
  }
  EXPECT_GT(compared, 4);
}

// The whole what-if search for a typical profile; the issue's budget is ~50 us in an
// optimised build. The bound here is loose (Debug builds, shared machine); the number is
// printed for the record.
TEST(DecisionPerformance, SensitivitySearchIsFast) {
  Result r = assess(baseProfile().dump());
  ASSERT_TRUE(r.ok);
  std::vector<Error> errors;
  auto profile = parseProfile(baseProfile().dump(), errors);
  ASSERT_TRUE(profile);
  Options options;
  const Kb& kb = embeddedKb();
  Facts facts = deriveFacts(*profile, kb);
  Context ctx{kb, *profile, facts, options};
  auto obligations = evaluateObligations(ctx);
  const int runs = 20;
  auto start = std::chrono::steady_clock::now();
  std::size_t entries = 0;
  for (int i = 0; i < runs; ++i) entries += decideLeadership(ctx, obligations).sensitivity.size();
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count() /
            runs;
  std::cout << "[ perf ] decideLeadership incl. sensitivity: " << us << " us/profile, "
            << entries / runs << " entries\n";
  EXPECT_LT(us, 200000);
}

}  // namespace
}  // namespace seclead
