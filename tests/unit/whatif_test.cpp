// The fast paths of an assessment held to the full ones, on every example, the maximal
// profile and every fixture's profile, each with the field changes the what-if search makes:
// - refreshFacts (re-derives only what a what-if can change) equals deriveFacts;
// - obligationStandings (triggers, no texts) equals what evaluateObligations yields;
// - whatIfModels (reused verdicts, only the rules a change can affect re-scored) and
//   recommendModel equal the model of the full path (every obligation with its texts,
//   buildFactSet, every rule scored);
// - today's people (TodayStructure) are found by id as a scan of the list finds them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "context.h"
#include "decision.h"
#include "facts.h"
#include "json.h"
#include "kb.h"
#include "obligations.h"
#include "profile.h"
#include "seclead/engine.h"
#include "test_support.h"

namespace seclead {
namespace {

using test::readFile;

namespace fs = std::filesystem;

struct Case {
  std::string name;
  Profile profile;
};

// Examples, the maximal benchmark profile and every scenario fixture's profile.
const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    std::vector<std::pair<std::string, std::string>> texts;
    const fs::path root(SECLEAD_SOURCE_DIR);
    std::vector<fs::path> files;
    for (const char* dir : {"examples", "tests/scenarios"})
      for (const auto& e : fs::directory_iterator(root / dir))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    files.push_back(root / "tests/bench/maximal-profile.json");
    for (const auto& f : files) {
      std::string text = readFile(f);
      if (f.parent_path().filename() == "scenarios") text = json::parse(text).at("profile").dump();
      texts.emplace_back(f.filename().string(), text);
    }
    std::vector<Case> out;
    for (const auto& [name, text] : texts) {
      std::vector<Error> errors;
      auto p = parseProfile(text, errors);
      if (p) out.push_back({name, std::move(*p)});
    }
    return out;
  }();
  return all;
}

TEST(WhatIfCases, EveryProfileParses) {
  EXPECT_GE(cases().size(), 90u);  // 5 examples + 88 fixtures + the maximal profile
}

using Change = std::function<void(Profile&)>;

// The kinds of change the what-if search makes, over a spread of values (some repeated, so
// a change back to the assessed value is covered too).
std::vector<Change> changesOf(const Profile& p) {
  std::vector<Change> out;
  for (std::int64_t n :
       {std::int64_t{1}, std::int64_t{9}, std::int64_t{10}, std::int64_t{19}, std::int64_t{20},
        std::int64_t{49}, std::int64_t{50}, std::int64_t{249}, std::int64_t{250}, std::int64_t{999},
        std::int64_t{1000}, std::int64_t{20000}, p.employees})
    out.push_back([n](Profile& q) { q.employees = n; });
  if (p.annualRevenue)
    for (double amount : {0.0, 1.9e6, 2.1e6, 7.4e6, 9.9e6, 1.1e7, 5.1e7, 3e9})
      out.push_back([amount](Profile& q) { q.annualRevenue->amount = amount; });
  for (const char* s : {"banking", "insurance", "healthcare", "government", "energy",
                        "manufacturing", "retail", "technology", "hospitality", "other"})
    out.push_back([s](Profile& q) { q.sector = s; });
  using Flag = std::optional<bool> Profile::*;
  for (Flag f : {&Profile::operationalTechnology, &Profile::criticalInfrastructure,
                 &Profile::canFundFullTimeSecurityExecutive})
    for (std::optional<bool> v :
         {std::optional<bool>(true), std::optional<bool>(false), std::optional<bool>()})
      out.push_back([f, v](Profile& q) { q.*f = v; });
  using Level = std::optional<std::string> Profile::*;
  const std::vector<std::pair<Level, std::vector<const char*>>> levels = {
      {&Profile::personalData, {"none", "limited", "large-scale"}},
      {&Profile::specialCategoryData, {"none", "limited", "large-scale"}},
      {&Profile::systematicMonitoring, {"none", "limited", "large-scale"}},
      {&Profile::hipaa, {"none", "business-associate", "covered-entity"}},
      {&Profile::paymentCards, {"none", "merchant", "service-provider"}},
      {&Profile::physicalRisk, {"low", "medium", "high"}},
      {&Profile::cyberThreat, {"low", "medium", "high"}}};
  for (const auto& [member, values] : levels) {
    for (const char* v : values) out.push_back([m = member, v](Profile& q) { q.*m = v; });
    out.push_back([m = member](Profile& q) { q.*m = std::nullopt; });
  }
  for (std::int64_t n : {0, 1, 3, 10})
    out.push_back([n](Profile& q) { q.incidentsLast24Months = n; });
  for (int m : {1, 3, 5}) out.push_back([m](Profile& q) { q.securityMaturity = m; });
  return out;
}

// The model by the full path: every obligation with its texts, buildFactSet, every rule.
std::string fullModel(const Profile& q) {
  const Kb& kb = embeddedKb();
  const DecisionKnowledge& k = kb.decision;
  Facts facts = deriveFacts(q, kb);
  Options options;
  Context ctx{kb, q, facts, options};
  FactSet set;
  buildFactSet(k, q, facts, evaluateObligations(ctx), set);
  std::vector<int> raw = k.baseScore;
  for (const auto& rule : k.rules)
    if (!rule.score.empty() && evaluateCondition(rule.when, set))
      for (const auto& [m, points] : rule.score) raw[static_cast<std::size_t>(m)] += points;
  int best = k.tieBreak.front();
  for (int m : k.tieBreak)
    if (raw[static_cast<std::size_t>(m)] > raw[static_cast<std::size_t>(best)]) best = m;
  return leadershipModels()[static_cast<std::size_t>(best)];
}

TEST(WhatIfFastPath, RefreshFactsEqualsDeriveFacts) {
  const Kb& kb = embeddedKb();
  int compared = 0;
  for (const auto& c : cases()) {
    // One Facts refreshed through every change in turn, as the search reuses it.
    Facts facts = deriveFacts(c.profile, kb);
    for (const auto& change : changesOf(c.profile)) {
      Profile q = c.profile;
      change(q);
      refreshFacts(q, kb, facts);
      ASSERT_TRUE(facts == deriveFacts(q, kb)) << c.name;
      ++compared;
    }
  }
  EXPECT_GT(compared, 4000);
}

TEST(WhatIfFastPath, StandingsEqualTheObligationResults) {
  const Kb& kb = embeddedKb();
  int applies = 0, possible = 0, gaps = 0;
  for (const auto& c : cases()) {
    auto changes = changesOf(c.profile);
    for (std::size_t i = 0; i < changes.size(); i += 3) {
      Profile q = c.profile;
      changes[i](q);
      Facts facts = deriveFacts(q, kb);
      for (bool explain : {false, true}) {
        Options options;
        options.explain = explain;
        Context ctx{kb, q, facts, options};
        const auto results = evaluateObligations(ctx);
        std::vector<ObligationStanding> standings;
        obligationStandings(ctx, standings);
        ASSERT_EQ(standings.size(), kb.obligations.rules.size());
        for (std::size_t r = 0; r < standings.size(); ++r) {
          const std::string& id = kb.obligations.rules[r].id;
          ObligationStanding want;
          for (const auto& o : results) {
            if (o.id != id) continue;
            want.applies = obligationApplies(o);
            want.possible = o.status == "unknown" && !want.applies;
            want.gap = o.status == "gap" || o.status == "partial";
          }
          ASSERT_TRUE(standings[r] == want) << c.name << " " << id;
          applies += want.applies, possible += want.possible, gaps += want.gap;
        }
      }
    }
  }
  // Every kind of standing occurs, so the comparison covers each.
  EXPECT_GT(applies, 100);
  EXPECT_GT(possible, 20);
  EXPECT_GT(gaps, 20);
}

TEST(WhatIfFastPath, ModelsEqualTheFullDecision) {
  const Kb& kb = embeddedKb();
  std::size_t compared = 0, differentFromAssessed = 0;
  for (const auto& c : cases()) {
    Facts facts = deriveFacts(c.profile, kb);
    Options options;
    Context ctx{kb, c.profile, facts, options};
    const std::string assessed = fullModel(c.profile);
    ASSERT_EQ(recommendModel(kb, c.profile, options), assessed) << c.name;
    std::vector<Profile> changed;
    for (const auto& change : changesOf(c.profile)) {
      changed.push_back(c.profile);
      change(changed.back());
    }
    const auto models = whatIfModels(ctx, changed);
    ASSERT_EQ(models.size(), changed.size());
    for (std::size_t i = 0; i < changed.size(); ++i) {
      const std::string want = fullModel(changed[i]);
      ASSERT_EQ(models[i], want) << c.name << ", change " << i;
      differentFromAssessed += want != assessed;
      ++compared;
    }
  }
  EXPECT_GT(compared, 4000u);
  EXPECT_GT(differentFromAssessed, 500u);  // the changes do move models, often
}

// Every sensitivity entry of the report names a change that gives that model by the full path.
TEST(WhatIfFastPath, SensitivityEntriesHoldByTheFullDecision) {
  const Kb& kb = embeddedKb();
  int checked = 0;
  for (const auto& c : cases()) {
    Facts facts = deriveFacts(c.profile, kb);
    Options options;
    Context ctx{kb, c.profile, facts, options};
    const Leadership l = decideLeadership(ctx, evaluateObligations(ctx));
    for (const auto& s : l.sensitivity) {
      Profile q = c.profile;
      const auto& to = s.to;
      if (s.field == "/organization/employees") {
        q.employees = to.get<std::int64_t>();
      } else if (s.field == "/organization/annualRevenue/amount") {
        q.annualRevenue->amount = to.get<double>();
      } else if (s.field == "/organization/sector") {
        q.sector = to.get<std::string>();
      } else if (s.field == "/risk/incidentsLast24Months") {
        q.incidentsLast24Months = to.get<std::int64_t>();
      } else if (s.field == "/risk/securityMaturity") {
        q.securityMaturity = to.get<int>();
      } else {
        const std::vector<std::pair<const char*, std::optional<bool> Profile::*>> flags = {
            {"/organization/operationalTechnology", &Profile::operationalTechnology},
            {"/organization/criticalInfrastructure", &Profile::criticalInfrastructure},
            {"/budget/canFundFullTimeSecurityExecutive",
             &Profile::canFundFullTimeSecurityExecutive}};
        const std::vector<std::pair<const char*, std::optional<std::string> Profile::*>> levels = {
            {"/data/personalData", &Profile::personalData},
            {"/data/specialCategoryData", &Profile::specialCategoryData},
            {"/data/systematicMonitoring", &Profile::systematicMonitoring},
            {"/data/hipaa", &Profile::hipaa},
            {"/data/paymentCards", &Profile::paymentCards},
            {"/risk/physicalRisk", &Profile::physicalRisk},
            {"/risk/cyberThreat", &Profile::cyberThreat}};
        bool known = false;
        for (const auto& [field, member] : flags)
          if (s.field == field) q.*member = to.get<bool>(), known = true;
        for (const auto& [field, member] : levels)
          if (s.field == field) q.*member = to.get<std::string>(), known = true;
        ASSERT_TRUE(known) << "unexpected field " << s.field;
      }
      EXPECT_EQ(fullModel(q), s.model) << c.name << " " << s.field;
      EXPECT_NE(s.model, l.model) << c.name << " " << s.field;
      ++checked;
    }
  }
  EXPECT_GT(checked, 150);
}

TEST(TodayStructure, FindsPeopleByIdAsAScanDoes) {
  Profile p;
  p.employees = 80;
  p.sector = "technology";
  p.jurisdictions = {"US"};
  auto entry = [](std::string id, std::string role, std::string reportsTo) {
    CurrentRole r;
    r.id = std::move(id);
    r.role = std::move(role);
    r.reportsTo = std::move(reportsTo);
    return r;
  };
  // "ceo" is an entry's id (its role is coo) and, with no ceo role held, also the implied
  // top executive appended to the list: the entry comes first and wins.
  p.currentRoles = std::vector<CurrentRole>{
      entry("ceo", "coo", ""), entry("it-1", "it-manager", "ceo"), entry("sec", "ciso", "cio")};
  const Kb& kb = embeddedKb();
  Facts facts = deriveFacts(p, kb);
  Options options;
  Context ctx{kb, p, facts, options};
  const auto& people = ctx.people();
  ASSERT_GE(people.size(), 4u);  // three entries, the implied cio and the implied ceo
  for (const auto& want : people) {
    const Person* first = nullptr;
    for (const auto& q : people)
      if (!first && q.id == want.id) first = &q;
    EXPECT_EQ(ctx.today().person(want.id), first) << want.id;
  }
  EXPECT_EQ(ctx.today().person("ceo")->role, "coo");
  EXPECT_EQ(ctx.today().person("nobody"), nullptr);
  EXPECT_EQ(people[1].manager, 0);  // reportsTo an entry id
  EXPECT_EQ(people[2].managerRoleId, "cio");
  EXPECT_EQ(&ctx.people(), &Context(ctx).people());  // copies share one structure
  for (const auto& person : people) {
    EXPECT_EQ(
        person.roleIndex >= 0 && person.roleIndex < 64 ? std::uint64_t{1} << person.roleIndex : 0,
        roleBit(kb, person.role))
        << person.id;
  }
}

}  // namespace
}  // namespace seclead
