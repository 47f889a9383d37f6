#include "decision.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "context.h"
#include "facts.h"
#include "id_index.h"
#include "kb.h"
#include "message.h"
#include "profile.h"
#include "sort.h"

namespace seclead {

const std::vector<std::string>& leadershipModels() {
  static const std::vector<std::string> models = {
      "distributed", "vciso", "hybrid", "dedicated-ciso", "cso-with-ciso", "cso-combined"};
  return models;
}

const std::vector<std::string>& reportingLines() {
  static const std::vector<std::string> lines = {"none", "cio", "ceo", "board",
                                                 "cso",  "coo", "cro"};
  return lines;
}

const std::vector<std::string>& dpoVerdicts() {
  static const std::vector<std::string> verdicts = {"required", "recommended", "not-required"};
  return verdicts;
}

int modelRank(std::string_view model) {
  if (model == "distributed") return 0;
  if (model == "vciso" || model == "hybrid") return 1;
  if (model == "dedicated-ciso" || model == "cso-combined") return 2;
  if (model == "cso-with-ciso") return 3;
  return -1;
}

const std::array<const char*, kFixedFactCount>& fixedFactNames() {
  static const std::array<const char*, kFixedFactCount> names = {"employees",
                                                                 "sizeRank",
                                                                 "sizeBand",
                                                                 "revenueUsd",
                                                                 "itBudgetUsd",
                                                                 "securityBudgetUsd",
                                                                 "canFund",
                                                                 "sector",
                                                                 "financialSector",
                                                                 "healthSector",
                                                                 "eu",
                                                                 "us",
                                                                 "usNy",
                                                                 "listedInUs",
                                                                 "countries",
                                                                 "sites",
                                                                 "operationalTechnology",
                                                                 "criticalInfrastructure",
                                                                 "publicSectorBody",
                                                                 "personalData",
                                                                 "specialCategoryData",
                                                                 "systematicMonitoring",
                                                                 "sensitiveData",
                                                                 "hipaa",
                                                                 "paymentCards",
                                                                 "intellectualProperty",
                                                                 "physicalRisk",
                                                                 "cyberThreat",
                                                                 "incidentsLast24Months",
                                                                 "riskAppetite",
                                                                 "maturity",
                                                                 "priority",
                                                                 "cloud",
                                                                 "workforce",
                                                                 "nydfsCovered",
                                                                 "euFinancialEntity",
                                                                 "nis2Class",
                                                                 "frameworks",
                                                                 "obligations",
                                                                 "possibleObligations",
                                                                 "obligationGaps",
                                                                 "regulatoryLoad",
                                                                 "currentRolesKnown",
                                                                 "hasCio",
                                                                 "hasSecurityExecutive",
                                                                 "cioActsAsCiso",
                                                                 "hasDpo",
                                                                 "model",
                                                                 "cisoReportsTo",
                                                                 "dpoVerdict"};
  return names;
}

int DecisionKnowledge::factIndex(std::string_view name) const {
  return indexOf(factNames, name);
}

namespace {

// ---- fact set ---------------------------------------------------------------------------

FactValue num(double v) {
  FactValue f;
  f.kind = FactValue::Num;
  f.num = v;
  return f;
}
FactValue boolean(bool v) {
  FactValue f;
  f.kind = FactValue::Bool;
  f.b = v;
  return f;
}
FactValue str(std::string_view v) {
  FactValue f;
  f.kind = FactValue::Str;
  f.str = v;
  return f;
}
template <class T>
FactValue optNum(const std::optional<T>& v) {
  return v ? num(static_cast<double>(*v)) : FactValue{};
}
FactValue optBool(const std::optional<bool>& v) {
  return v ? boolean(*v) : FactValue{};
}
FactValue optStr(const std::optional<std::string>& v) {
  return v ? str(*v) : FactValue{};
}

// none|limited|large-scale and low|medium|high as 0..2; -1 for anything else.
int level(std::string_view v) {
  if (v == "none" || v == "low") return 0;
  if (v == "limited" || v == "medium") return 1;
  if (v == "large-scale" || v == "high") return 2;
  return -1;
}
FactValue optLevel(const std::optional<std::string>& v) {
  if (!v) return {};
  int l = level(*v);
  return l < 0 ? FactValue{} : num(l);
}

}  // namespace

bool obligationApplies(const ObligationResult& o) {
  if (o.status == "met" || o.status == "gap" || o.status == "partial") return true;
  if (o.status != "unknown" || o.unknownFields.empty()) return false;
  return std::all_of(o.unknownFields.begin(), o.unknownFields.end(), [](const std::string& f) {
    return f == "/currentRoles" || f == "/currentAssignments";
  });
}

namespace {

// Every fact of the profile and its derived facts; the obligation, role and decision facts
// start unknown.
void fillProfileFacts(const DecisionKnowledge& k, const Profile& p, const Facts& f, FactSet& out) {
  out.values.assign(k.factNames.size(), FactValue{});
  out.lists.resize(5);
  auto& v = out.values;
  v[kEmployees] = num(static_cast<double>(f.employees));
  v[kSizeRank] = num(f.sizeRank);
  v[kSizeBand] = str(f.sizeBand);
  v[kRevenueUsd] = optNum(f.revenueUsd);
  v[kItBudgetUsd] = optNum(f.itBudgetUsd);
  v[kSecurityBudgetUsd] = optNum(f.securityBudgetUsd);
  v[kCanFund] = optBool(p.canFundFullTimeSecurityExecutive);
  v[kSector] = str(p.sector);
  v[kFinancialSector] = boolean(f.financialSector);
  v[kHealthSector] = boolean(f.healthSector);
  v[kEu] = boolean(f.eu);
  v[kUs] = boolean(f.us);
  v[kUsNy] = boolean(f.usNy);
  v[kListedInUs] = boolean(f.listedInUs);
  v[kCountries].kind = FactValue::List;
  v[kCountries].list = &f.countries;
  v[kSites] = optNum(p.sites);
  v[kOperationalTechnology] = optBool(p.operationalTechnology);
  v[kCriticalInfrastructure] = optBool(p.criticalInfrastructure);
  v[kPublicSectorBody] = optStr(p.publicSectorBody);
  v[kPersonalData] = optLevel(p.personalData);
  v[kSpecialCategoryData] = optLevel(p.specialCategoryData);
  v[kSystematicMonitoring] = optLevel(p.systematicMonitoring);
  {
    // Sensitive-data volume: the largest of the known indicators (a lower bound when some
    // are unknown); unknown when none is known.
    int s = -1;
    if (p.specialCategoryData) s = std::max(s, level(*p.specialCategoryData));
    if (p.personalData) s = std::max(s, *p.personalData == "large-scale" ? 1 : 0);
    if (p.hipaa)
      s = std::max(s, *p.hipaa == "covered-entity" ? 2 : *p.hipaa == "business-associate" ? 1 : 0);
    if (p.paymentCards)
      s = std::max(s, *p.paymentCards == "service-provider" ? 2
                      : *p.paymentCards == "merchant"       ? 1
                                                            : 0);
    if (s >= 0) v[kSensitiveData] = num(s);
  }
  v[kHipaa] = optStr(p.hipaa);
  v[kPaymentCards] = optStr(p.paymentCards);
  v[kIntellectualProperty] = optLevel(p.intellectualProperty);
  v[kPhysicalRisk] = optLevel(p.physicalRisk);
  v[kCyberThreat] = optLevel(p.cyberThreat);
  v[kIncidents] = optNum(p.incidentsLast24Months);
  v[kRiskAppetite] = optStr(p.riskAppetite);
  v[kMaturity] = optNum(p.securityMaturity);
  v[kPriority] = optStr(p.priority);
  v[kCloud] = optStr(p.cloud);
  v[kWorkforce] = optStr(p.workforce);
  v[kNydfsCovered] = optBool(p.nydfsCovered);
  v[kEuFinancialEntity] = optBool(p.euFinancialEntity);
  v[kNis2Class] = str(f.nis2Class);
  if (p.frameworks) {
    v[kFrameworks].kind = FactValue::List;
    v[kFrameworks].list = &*p.frameworks;
  }
}

// The obligation lists of a fact set and their count, rebuilt in place: the lists keep their
// strings' storage from one evaluation to the next.
class ObligationLists {
 public:
  explicit ObligationLists(FactSet& out) : out_(out) {}
  void add(const std::string& id, const ObligationStanding& s) {
    if (s.applies) put(0, id);
    if (s.possible) put(1, id);
    if (s.gap) put(2, id);
  }
  // Every standing in catalog order.
  void addCatalog(const std::vector<ObligationStanding>& standings,
                  const ObligationCatalog& catalog) {
    for (std::size_t i = 0; i < standings.size() && i < catalog.rules.size(); ++i)
      add(catalog.rules[i].id, standings[i]);
  }
  void finish() {
    auto& l = out_.lists;
    for (std::size_t i = 0; i < 3; ++i)
      if (l[i].size() > n_[i]) l[i].resize(n_[i]);
    auto& v = out_.values;
    v[kObligations] = {FactValue::List, false, 0, {}, &l[0]};
    v[kPossibleObligations] = {FactValue::List, false, 0, {}, &l[1]};
    v[kObligationGaps] = {FactValue::List, false, 0, {}, &l[2]};
    v[kRegulatoryLoad] = num(static_cast<double>(l[0].size()));
  }

 private:
  void put(std::size_t list, const std::string& id) {
    auto& l = out_.lists[list];
    if (n_[list] < l.size())
      l[n_[list]].assign(id);
    else
      l.push_back(id);
    ++n_[list];
  }
  FactSet& out_;
  std::size_t n_[3] = {0, 0, 0};  // applicable, possible, gaps
};

// Facts of today's roles (currentRoles).
void fillRoleFacts(const Profile& p, FactSet& out) {
  auto& v = out.values;
  bool known = p.currentRoles.has_value();
  v[kCurrentRolesKnown] = boolean(known);
  if (known) {
    bool cio = false, exec = false, cioCiso = false, dpo = false;
    for (const auto& r : *p.currentRoles) {
      auto acts = [&](const char* id) {
        return r.role == id ||
               std::find(r.alsoActsAs.begin(), r.alsoActsAs.end(), id) != r.alsoActsAs.end();
      };
      if (r.role == "cio") cio = true;
      // A security executive holds the role as their main job (an IT manager who "also
      // acts as" CISO is not one).
      if (r.role == "ciso" || r.role == "cso" || r.role == "vciso") exec = true;
      if (r.role == "cio" && acts("ciso")) cioCiso = true;
      if (acts("dpo")) dpo = true;
    }
    v[kHasCio] = boolean(cio);
    v[kHasSecurityExecutive] = boolean(exec);
    v[kCioActsAsCiso] = boolean(cioCiso);
    v[kHasDpo] = boolean(dpo);
  }
}

// The decision facts (known in the second pass and in advice).
void fillDecisionFacts(FactSet& out) {
  auto& v = out.values;
  if (!out.model.empty()) v[kModel] = str(out.model);
  if (!out.cisoReportsTo.empty()) v[kCisoReportsTo] = str(out.cisoReportsTo);
  if (!out.dpo.empty()) v[kDpoVerdict] = str(out.dpo);
}

// Group facts: whether any obligation of the group applies.
void fillGroupFacts(const DecisionKnowledge& k, FactSet& out) {
  const auto& applicable = out.lists[0];
  for (std::size_t g = 0; g < k.groups.size(); ++g) {
    bool any = false;
    for (const auto& id : k.groups[g].ids)
      any = any || std::find(applicable.begin(), applicable.end(), id) != applicable.end();
    out.values[kFixedFactCount + g] = boolean(any);
  }
}

ObligationStanding standingOf(const ObligationResult& o) {
  ObligationStanding s;
  s.applies = obligationApplies(o);
  s.possible = o.status == "unknown" && !s.applies;
  s.gap = o.status == "gap" || o.status == "partial";
  return s;
}

}  // namespace

void buildFactSet(const DecisionKnowledge& k, const Profile& p, const Facts& f,
                  const std::vector<ObligationResult>& obligations, FactSet& out) {
  fillProfileFacts(k, p, f, out);
  ObligationLists lists(out);
  for (const auto& o : obligations) lists.add(o.id, standingOf(o));
  lists.finish();
  fillRoleFacts(p, out);
  fillDecisionFacts(out);
  fillGroupFacts(k, out);
}

void buildFactSet(const DecisionKnowledge& k, const Profile& p, const Facts& f,
                  const std::vector<ObligationStanding>& standings,
                  const ObligationCatalog& catalog, FactSet& out) {
  fillProfileFacts(k, p, f, out);
  ObligationLists lists(out);
  lists.addCatalog(standings, catalog);
  lists.finish();
  fillRoleFacts(p, out);
  fillDecisionFacts(out);
  fillGroupFacts(k, out);
}

// ---- conditions (compiled by compileCondition, decision_load.cpp) -----------------------

bool evaluateCondition(const Condition& c, const FactSet& facts) {
  if (c.op == Condition::All) {
    for (const auto& child : c.children)
      if (!evaluateCondition(child, facts)) return false;
    return true;
  }
  if (c.op == Condition::Any) {
    for (const auto& child : c.children)
      if (evaluateCondition(child, facts)) return true;
    return false;
  }
  const FactValue& f = facts.values[static_cast<std::size_t>(c.fact)];
  if (f.kind == FactValue::Unknown) return c.op == Condition::NotEqual || c.op == Condition::NotIn;
  auto same = [&]() {
    if (f.kind != c.valueKind) return false;
    if (f.kind == FactValue::Num) return f.num == c.num;
    if (f.kind == FactValue::Bool) return f.b == c.b;
    return f.str == c.str;
  };
  switch (c.op) {
    case Condition::Equal:
      return same();
    case Condition::NotEqual:
      return !same();
    case Condition::LessThan:
      return f.kind == FactValue::Num && f.num < c.num;
    case Condition::LessThanInclusive:
      return f.kind == FactValue::Num && f.num <= c.num;
    case Condition::GreaterThan:
      return f.kind == FactValue::Num && f.num > c.num;
    case Condition::GreaterThanInclusive:
      return f.kind == FactValue::Num && f.num >= c.num;
    case Condition::In:
    case Condition::NotIn: {
      bool found = false;
      if (f.kind == FactValue::Str)
        found = std::find(c.strs.begin(), c.strs.end(), f.str) != c.strs.end();
      else if (f.kind == FactValue::Num)
        found = std::find(c.nums.begin(), c.nums.end(), f.num) != c.nums.end();
      return c.op == Condition::In ? found : !found;
    }
    case Condition::Contains:
    case Condition::DoesNotContain: {
      if (f.kind != FactValue::List) return false;
      bool found = std::find(f.list->begin(), f.list->end(), c.str) != f.list->end();
      return c.op == Condition::Contains ? found : !found;
    }
    default:
      return false;
  }
}

// ---- scoring ----------------------------------------------------------------------------

namespace {

// Sums base and the points of every firing scoring rule; returns the winning model index.
// The winning model of raw scores: the highest, ties to the earlier model of tieBreak.
int bestModel(const DecisionKnowledge& k, const std::vector<int>& raw) {
  int best = k.tieBreak.empty() ? 0 : k.tieBreak.front();
  for (int m : k.tieBreak)
    if (raw[static_cast<std::size_t>(m)] > raw[static_cast<std::size_t>(best)]) best = m;
  return best;
}

int scoreModels(const DecisionKnowledge& k, const FactSet& facts, std::vector<int>& raw,
                std::vector<const DecisionRule*>* fired) {
  raw = k.baseScore;
  for (const auto& rule : k.rules) {
    if (rule.score.empty() || !evaluateCondition(rule.when, facts)) continue;
    for (const auto& [m, points] : rule.score) raw[static_cast<std::size_t>(m)] += points;
    if (fired) fired->push_back(&rule);
  }
  return bestModel(k, raw);
}

// The facts a condition reads, appended to `out` (with repeats).
void factsOf(const Condition& c, std::vector<int>& out) {
  if (c.op == Condition::All || c.op == Condition::Any) {
    for (const auto& child : c.children) factsOf(child, out);
    return;
  }
  if (c.fact >= 0) out.push_back(c.fact);
}

// Whether two values make every condition on them decide alike (false when unsure).
bool sameValue(const FactValue& a, const FactValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case FactValue::Unknown:
      return true;
    case FactValue::Num:
      return a.num == b.num;
    case FactValue::Bool:
      return a.b == b.b;
    case FactValue::Str:
      return a.str == b.str;
    case FactValue::List:
      return a.list == b.list || (a.list && b.list && *a.list == *b.list);
  }
  return false;
}

// The model of profiles that differ from an assessed one only in fields the what-if search
// changes (none of jurisdictions, listings, frameworks, today's roles and assignments). It
// reuses what those fields alone decide: today's people and the obligations' verdicts
// against them, the geography facts and the role facts. Per changed profile it re-derives
// the other facts, re-evaluates the obligations' triggers (no texts), and re-evaluates only
// the scoring rules that read a fact whose value differs from the assessed profile's; the
// others keep their result.
class ModelEvaluator {
 public:
  explicit ModelEvaluator(const Context& base)
      : kb_(base.kb), options_(base.options), facts_(base.facts) {
    const DecisionKnowledge& k = kb_.decision;
    base.today();  // built from the assessed profile, before any changed copy can build it
    today_ = base.todayCache;
    FactSet roles;
    fillProfileFacts(k, base.profile, base.facts, roles);
    fillRoleFacts(base.profile, roles);
    for (int f : {kCurrentRolesKnown, kHasCio, kHasSecurityExecutive, kCioActsAsCiso, kHasDpo})
      roleFacts_.emplace_back(f, roles.values[static_cast<std::size_t>(f)]);
    // Each group as the catalog rules whose id it names: the group fact is whether one of
    // them applies (the same as looking its ids up in the applicable list).
    const auto& rules = kb_.obligations.rules;
    const IdIndex byId = indexOfIds(rules);  // ids are unique: loadObligations rejects repeats
    for (const auto& g : k.groups) {
      std::vector<std::size_t> members;
      for (const auto& id : g.ids)
        if (long at = byId.find(id); at >= 0) members.push_back(static_cast<std::size_t>(at));
      groupRules_.push_back(std::move(members));
    }
    words_ = (k.factNames.size() + 63) / 64;
    for (const auto& rule : k.rules) {
      std::vector<int> facts;
      if (!rule.score.empty()) factsOf(rule.when, facts);
      std::vector<std::uint64_t> mask(words_, 0);
      for (int f : facts)
        if (f >= 0) mask[static_cast<std::size_t>(f) / 64] |= std::uint64_t{1} << (f % 64);
      ruleFacts_.push_back(std::move(mask));
    }
    // The assessed profile: its fact set and which scoring rules fire.
    fill(base.profile, base.facts, base, baseStandings_, baseSet_, nullptr);
    baseFired_.assign((k.rules.size() + 63) / 64, 0);
    for (std::size_t r = 0; r < k.rules.size(); ++r)
      if (!k.rules[r].score.empty() && evaluateCondition(k.rules[r].when, baseSet_))
        baseFired_[r / 64] |= std::uint64_t{1} << (r % 64);
  }

  int model(const Profile& profile) {
    // Of the money fields, the what-if search changes only the revenue (WhatIf::run).
    refreshFacts(profile, kb_, facts_, MoneyFacts::RevenueOnly);
    fill(profile, facts_, Context{kb_, profile, facts_, options_, today_}, standings_, set_,
         &baseSet_);
    changed_.assign(words_, 0);
    for (std::size_t f = 0; f < set_.values.size(); ++f)
      if (f >= baseSet_.values.size() || !sameValue(set_.values[f], baseSet_.values[f]))
        changed_[f / 64] |= std::uint64_t{1} << (f % 64);
    return score(set_);
  }

 private:
  // The fact set the scoring rules see (model unknown), as buildFactSet builds it.
  // `base`: the assessed profile's set, whose obligation facts are reused when every
  // standing is the same (the usual case), or null.
  void fill(const Profile& profile, const Facts& facts, const Context& ctx,
            std::vector<ObligationStanding>& standings, FactSet& set, const FactSet* base) {
    const DecisionKnowledge& k = kb_.decision;
    obligationStandings(ctx, standings);
    fillProfileFacts(k, profile, facts, set);
    for (const auto& [f, value] : roleFacts_) set.values[static_cast<std::size_t>(f)] = value;
    if (base && standings == baseStandings_) {
      for (int f : {kObligations, kPossibleObligations, kObligationGaps, kRegulatoryLoad})
        set.values[static_cast<std::size_t>(f)] = base->values[static_cast<std::size_t>(f)];
      for (std::size_t g = 0; g < groupRules_.size(); ++g)
        set.values[kFixedFactCount + g] = base->values[kFixedFactCount + g];
      return;
    }
    ObligationLists lists(set);
    lists.addCatalog(standings, kb_.obligations);
    lists.finish();
    for (std::size_t g = 0; g < groupRules_.size(); ++g) {
      bool any = false;
      for (std::size_t i : groupRules_[g]) any = any || standings[i].applies;
      set.values[kFixedFactCount + g] = boolean(any);
    }
  }

  // scoreModels over `set`, re-evaluating only rules that read a changed fact; the others
  // keep the assessed profile's result.
  int score(const FactSet& set) {
    const DecisionKnowledge& k = kb_.decision;
    raw_ = k.baseScore;
    for (std::size_t r = 0; r < k.rules.size(); ++r) {
      const DecisionRule& rule = k.rules[r];
      if (rule.score.empty()) continue;
      bool dirty = false;
      for (std::size_t w = 0; w < words_; ++w) dirty = dirty || (ruleFacts_[r][w] & changed_[w]);
      const bool fired =
          dirty ? evaluateCondition(rule.when, set) : (baseFired_[r / 64] >> (r % 64)) & 1;
      if (!fired) continue;
      for (const auto& [m, points] : rule.score) raw_[static_cast<std::size_t>(m)] += points;
    }
    return bestModel(k, raw_);
  }

  const Kb& kb_;
  const Options& options_;
  std::shared_ptr<TodayStructure> today_;
  Facts facts_;  // of the changed profile
  std::vector<std::pair<int, FactValue>> roleFacts_;
  std::vector<std::vector<std::size_t>> groupRules_;   // by group: catalog rule indexes
  std::size_t words_ = 0;                              // 64-bit words of a fact mask
  std::vector<std::vector<std::uint64_t>> ruleFacts_;  // by decision rule: facts it reads
  std::vector<ObligationStanding> baseStandings_, standings_;
  FactSet baseSet_, set_;
  std::vector<std::uint64_t> baseFired_;  // bit r: scoring rule r fires for the assessed one
  std::vector<std::uint64_t> changed_;    // facts whose value differs from the assessed one
  std::vector<int> raw_;
};

// ---- sensitivity ------------------------------------------------------------------------

class WhatIf {
 public:
  WhatIf(const Context& ctx, int model)
      : kb_(ctx.kb), p_(ctx.profile), q_(ctx.profile), evaluator_(ctx), model_(model) {}

  std::vector<SensitivityEntry> run() {
    const DecisionKnowledge& k = kb_.decision;
    numeric("/organization/employees", p_.employees, 1, 10'000'000, around(k.employeeBreaks),
            [](Profile& p, std::int64_t v) { p.employees = v; });
    if (p_.annualRevenue) {
      auto amount = static_cast<std::int64_t>(std::llround(p_.annualRevenue->amount));
      auto perUsd = kb_.fromUsd(1, p_.annualRevenue->currency);
      auto perEur = kb_.toUsd(1, "EUR");
      std::vector<std::int64_t> candidates;
      if (perUsd) candidates = around(k.revenueUsdBreaks, *perUsd);
      if (perUsd && perEur)
        for (auto v : around(k.revenueEurBreaks, *perEur * *perUsd)) candidates.push_back(v);
      numeric("/organization/annualRevenue/amount", amount, 0, 1'000'000'000'000'000LL, candidates,
              [](Profile& p, std::int64_t v) { p.annualRevenue->amount = static_cast<double>(v); });
    }
    categorical(
        "/organization/sector", p_.sector, kSectors, true,
        [](Profile& p, const std::string* v) { p.sector = *v; },
        [this](Profile& q) { q.sector = p_.sector; });
    flag("/organization/operationalTechnology", &Profile::operationalTechnology);
    flag("/organization/criticalInfrastructure", &Profile::criticalInfrastructure);
    ordinal("/data/personalData", &Profile::personalData, kDataLevels);
    ordinal("/data/specialCategoryData", &Profile::specialCategoryData, kDataLevels);
    ordinal("/data/systematicMonitoring", &Profile::systematicMonitoring, kDataLevels);
    ordinal("/data/hipaa", &Profile::hipaa, kHipaaValues);
    ordinal("/data/paymentCards", &Profile::paymentCards, kCardValues);
    ordinal("/risk/physicalRisk", &Profile::physicalRisk, kRiskLevels);
    ordinal("/risk/cyberThreat", &Profile::cyberThreat, kRiskLevels);
    if (p_.incidentsLast24Months)
      numeric("/risk/incidentsLast24Months", *p_.incidentsLast24Months, 0, 1000,
              around(k.incidentBreaks),
              [](Profile& p, std::int64_t v) { p.incidentsLast24Months = v; });
    if (p_.securityMaturity)
      numeric("/risk/securityMaturity", *p_.securityMaturity, 1, 5, {1, 2, 3, 4, 5},
              [](Profile& p, std::int64_t v) { p.securityMaturity = static_cast<int>(v); });
    flag("/budget/canFundFullTimeSecurityExecutive", &Profile::canFundFullTimeSecurityExecutive);
    return std::move(out_);
  }

  int evaluations() const { return evaluations_; }

 private:
  static inline const std::vector<std::string> kSectors = {
      "banking",       "insurance",       "financial-services",
      "healthcare",    "pharmaceuticals", "government",
      "defense",       "energy",          "utilities",
      "transport",     "telecom",         "digital-infrastructure",
      "manufacturing", "chemicals",       "food",
      "retail",        "technology",      "professional-services",
      "education",     "research",        "media",
      "hospitality",   "nonprofit",       "other"};
  static inline const std::vector<std::string> kDataLevels = {"none", "limited", "large-scale"};
  static inline const std::vector<std::string> kRiskLevels = {"low", "medium", "high"};
  static inline const std::vector<std::string> kHipaaValues = {"none", "business-associate",
                                                               "covered-entity"};
  static inline const std::vector<std::string> kCardValues = {"none", "merchant",
                                                              "service-provider"};

  // Applies one change to the working copy, evaluates, and undoes that change, so the
  // search never copies the whole profile. The undo puts back only the changed field:
  // restoring all fifteen after each of the ~100 evaluations copied eight strings each time
  // (4% of an assessment in WebAssembly).
  template <class Change, class Undo>
  int modelWith(Change change, Undo undo) {
    change(q_);
    ++evaluations_;
    int m = evaluator_.model(q_);
    undo(q_);
    return m;
  }

  // The undo of every numeric change: the four numbers are scalars, so all go back at once.
  void restoreNumbers(Profile& q) const {
    q.employees = p_.employees;
    if (p_.annualRevenue) q.annualRevenue->amount = p_.annualRevenue->amount;
    q.incidentsLast24Months = p_.incidentsLast24Months;
    q.securityMaturity = p_.securityMaturity;
  }

  void add(const char* field, ordered_json from, ordered_json to, int model) {
    out_.push_back({field, std::move(from), std::move(to), leadershipModels()[model]});
  }

  // Nearest value in each direction that changes the model. The model only changes where a
  // fact changes, i.e. at a breakpoint, so trying both sides of each breakpoint (nearest
  // first) finds the nearest change without scanning.
  template <class Set>
  void numeric(const char* field, std::int64_t current, std::int64_t lo, std::int64_t hi,
               const std::vector<std::int64_t>& candidates, Set set) {
    std::vector<std::int64_t> up, down;
    for (std::int64_t v : candidates) {
      if (v < lo || v > hi) continue;
      if (v > current) up.push_back(v);
      if (v < current) down.push_back(v);
    }
    sortStable(up);
    up.erase(std::unique(up.begin(), up.end()), up.end());
    sortStable(down, [](std::int64_t a, std::int64_t b) { return a > b; });
    down.erase(std::unique(down.begin(), down.end()), down.end());
    for (const auto* list : {&down, &up}) {
      for (std::int64_t v : *list) {
        int m =
            modelWith([&](Profile& q) { set(q, v); }, [this](Profile& q) { restoreNumbers(q); });
        if (m != model_) {
          add(field, current, v, m);
          break;
        }
      }
    }
  }

  // Both sides of each breakpoint.
  static std::vector<std::int64_t> around(const std::vector<double>& breaks, double scale = 1) {
    std::vector<std::int64_t> out;
    for (double b : breaks) {
      double v = b * scale;
      auto f = static_cast<std::int64_t>(std::floor(v)),
           c = static_cast<std::int64_t>(std::ceil(v));
      for (std::int64_t x : {f - 1, f, c, c + 1}) out.push_back(x);
    }
    return out;
  }

  // For a categorical field: the first value (knowledge order) giving each other model.
  template <class Set, class Undo>
  void categorical(const char* field, const std::string& current,
                   const std::vector<std::string>& values, bool known, Set set, Undo undo) {
    std::vector<int> seen;
    for (const auto& value : values) {
      if (known && value == current) continue;
      int m = modelWith([&](Profile& q) { set(q, &value); }, undo);
      if (m == model_ || std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
      seen.push_back(m);
      add(field, known ? ordered_json(current) : ordered_json(nullptr), value, m);
    }
  }

  // For an ordered level: the nearest level below and above that changes the model; for
  // an unknown level, every level that changes it.
  void ordinal(const char* field, std::optional<std::string> Profile::*member,
               const std::vector<std::string>& values) {
    const auto& current = p_.*member;
    auto undo = [this, member](Profile& q) { q.*member = p_.*member; };
    if (!current) {
      categorical(
          field, "", values, false, [member](Profile& q, const std::string* v) { q.*member = *v; },
          undo);
      return;
    }
    int at = indexOf(values, *current);
    if (at < 0) return;
    for (int dir : {-1, +1}) {
      for (int i = at + dir; i >= 0 && i < static_cast<int>(values.size()); i += dir) {
        const std::string& value = values[static_cast<std::size_t>(i)];
        int m = modelWith([&](Profile& q) { q.*member = value; }, undo);
        if (m != model_) {
          add(field, *current, value, m);
          break;
        }
      }
    }
  }

  void flag(const char* field, std::optional<bool> Profile::*member) {
    const auto& current = p_.*member;
    for (bool value : {false, true}) {
      if (current && *current == value) continue;
      int m = modelWith([&](Profile& q) { q.*member = value; },
                        [this, member](Profile& q) { q.*member = p_.*member; });
      if (m != model_)
        add(field, current ? ordered_json(*current) : ordered_json(nullptr), value, m);
    }
  }

  const Kb& kb_;
  const Profile& p_;
  Profile q_;  // working copy
  ModelEvaluator evaluator_;
  int model_;
  int evaluations_ = 0;
  std::vector<SensitivityEntry> out_;
};

}  // namespace

std::string recommendModel(const Kb& kb, const Profile& profile, const Options& options) {
  const Facts facts = deriveFacts(profile, kb);
  const Context ctx{kb, profile, facts, options};
  std::vector<ObligationStanding> standings;
  obligationStandings(ctx, standings);
  FactSet set;
  buildFactSet(kb.decision, profile, facts, standings, kb.obligations, set);
  std::vector<int> raw;
  return leadershipModels()[static_cast<std::size_t>(scoreModels(kb.decision, set, raw, nullptr))];
}

std::vector<std::string> whatIfModels(const Context& ctx, const std::vector<Profile>& changed) {
  ModelEvaluator evaluator(ctx);
  std::vector<std::string> out;
  for (const auto& q : changed)
    out.push_back(leadershipModels()[static_cast<std::size_t>(evaluator.model(q))]);
  return out;
}

Leadership decideLeadership(const Context& ctx, const std::vector<ObligationResult>& obligations) {
  const DecisionKnowledge& k = ctx.kb.decision;
  const auto& models = leadershipModels();
  const auto& lines = reportingLines();
  Leadership l;

  FactSet facts;
  buildFactSet(k, ctx.profile, ctx.facts, obligations, facts);
  std::vector<int> raw;
  std::vector<const DecisionRule*> scored;
  int best = scoreModels(k, facts, raw, &scored);
  l.model = models[static_cast<std::size_t>(best)];

  // Scores: shifted down so the best is at most 100, then clamped to 0..100.
  int top = *std::max_element(raw.begin(), raw.end());
  int shift = std::max(0, top - 100);
  for (std::size_t m = 0; m < models.size(); ++m)
    l.score.emplace_back(models[m], std::clamp(raw[m] - shift, 0, 100));

  // Second pass: reporting line and DPO, with the chosen model known to the conditions.
  facts.model = l.model;
  buildFactSet(k, ctx.profile, ctx.facts, obligations, facts);
  std::vector<int> reports = k.baseReportsTo;
  int dpo = 2;
  std::vector<const DecisionRule*> dpoRules, reportRules, ordered;
  for (const auto& rule : k.rules) {
    bool decisionRule = !rule.reportsTo.empty() || rule.dpo >= 0;
    bool fired = std::find(scored.begin(), scored.end(), &rule) != scored.end();
    if (decisionRule && !fired) fired = evaluateCondition(rule.when, facts);
    if (!fired) continue;
    for (const auto& [line, points] : rule.reportsTo)
      reports[static_cast<std::size_t>(line)] += points;
    if (!rule.reportsTo.empty()) reportRules.push_back(&rule);
    if (rule.dpo >= 0) {
      if (rule.dpo < dpo) dpo = rule.dpo, dpoRules.clear();
      if (rule.dpo == dpo) dpoRules.push_back(&rule);
    }
    ordered.push_back(&rule);
  }
  // Rationale: scoring rules first, those favouring the chosen model most over the others
  // first (so the first entries say why it won); then the reporting-line and DPO rules;
  // knowledge order breaks ties.
  int runnerUp = -1;
  for (int m : k.tieBreak)
    if (m != best && (runnerUp < 0 ||
                      raw[static_cast<std::size_t>(m)] > raw[static_cast<std::size_t>(runnerUp)]))
      runnerUp = m;
  // Weight of a rule for the chosen model: its points there against the mean of its points
  // for the other models (times the number of other models, to stay in integers).
  auto margin = [&](const DecisionRule* r) {
    if (r->score.empty()) return std::numeric_limits<int>::min();
    int w = 0, others = 0;
    for (const auto& [m, points] : r->score) (m == best ? w : others) += points;
    return w * static_cast<int>(models.size() - 1) - others;
  };
  sortStable(ordered,
             [&](const DecisionRule* a, const DecisionRule* b) { return margin(a) > margin(b); });
  for (const auto* r : ordered) l.rationale.push_back({r->id, r->effect, r->because, r->source});
  if (runnerUp >= 0) l.extra.set("runnerUp", models[static_cast<std::size_t>(runnerUp)]);
  l.dpo = dpoVerdicts()[static_cast<std::size_t>(dpo)];

  std::string reportingReason;
  if (l.model == "distributed") {
    l.cisoReportsTo = "none";
    reportingReason =
        "No security executive in this model: each leader answers for the duties assigned in the "
        "RACI.";
  } else {
    int line = k.reportsTieBreak.empty() ? 1 : k.reportsTieBreak.front();
    for (int i : k.reportsTieBreak)
      if (reports[static_cast<std::size_t>(i)] > reports[static_cast<std::size_t>(line)]) line = i;
    l.cisoReportsTo = lines[static_cast<std::size_t>(line)];
    std::vector<std::string> ids;
    for (const auto* r : reportRules)
      for (const auto& [li, points] : r->reportsTo)
        if (li == line && points > 0) ids.push_back(r->id);
    const DecisionRule* strongest = nullptr;
    int strongestPoints = 0;
    for (const auto* r : reportRules)
      for (const auto& [li, points] : r->reportsTo)
        if (li == line && points > strongestPoints) strongest = r, strongestPoints = points;
    if (ids.empty()) {
      reportingReason =
          "Default line: most CISOs report to the CIO (surveys: 36-46%), which keeps security "
          "close to IT when nothing calls for independence.";
    } else {
      reportingReason = concat(
          {strongest->because, ids.size() > 1 ? " (rules " : " (rule ", joined(ids, ", "), ")"});
    }
  }
  std::string dpoReason;
  if (dpoRules.empty()) {
    dpoReason =
        "No DPO trigger applies: no GDPR Art. 37 obligation and no large-scale EU personal data.";
  } else {
    for (const auto* r : dpoRules) {
      if (!dpoReason.empty()) dpoReason += ' ';
      dpoReason += r->because;
    }
  }
  l.extra.set("reportingReason", reportingReason);
  l.extra.set("dpoReason", dpoReason);

  WhatIf whatIf(ctx, best);
  l.sensitivity = whatIf.run();
  // Unknown inputs that would change the model once answered: the conclusions they weaken.
  ordered_json weakened = ordered_json::array();
  for (const auto& e : l.sensitivity)
    if (e.from.is_null() && std::find(weakened.begin(), weakened.end(), e.field) == weakened.end())
      weakened.push_back(e.field);
  if (!weakened.empty()) l.extra.set("weakenedByUnknowns", std::move(weakened));
  return l;
}

ordered_json toJson(const Leadership& l) {
  ordered_json out;
  out.set("model", l.model);
  out.set("cisoReportsTo", l.cisoReportsTo);
  out.set("dpo", l.dpo);
  ordered_json score = ordered_json::object();
  for (const auto& [model, value] : l.score) score[model] = value;
  out.set("score", std::move(score));
  ordered_json rationale = ordered_json::array();
  for (const auto& r : l.rationale) {
    ordered_json& item = rationale.emplace_back();  // null; set() makes it an object
    item.set("rule", r.rule);
    item.set("effect", r.effect);
    item.set("because", r.because);
    item.set("source", r.source);
  }
  out.set("rationale", std::move(rationale));
  ordered_json sensitivity = ordered_json::array();
  for (const auto& s : l.sensitivity) {
    ordered_json& item = sensitivity.emplace_back();
    item.set("field", s.field);
    item.set("from", s.from);
    item.set("to", s.to);
    item.set("model", s.model);
  }
  out.set("sensitivity", std::move(sensitivity));
  for (const auto& [key, value] : l.extra.items()) out[key] = value;
  return out;
}

}  // namespace seclead
