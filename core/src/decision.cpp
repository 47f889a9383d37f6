#include "decision.h"

#include <algorithm>

#include "context.h"
#include "facts.h"
#include "id_index.h"
#include "kb.h"
#include "model_evaluator.h"
#include "profile.h"

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

// The winning model of raw scores: the highest, ties to the earlier model of tieBreak.
int bestModel(const DecisionKnowledge& k, const std::vector<int>& raw) {
  int best = k.tieBreak.empty() ? 0 : k.tieBreak.front();
  for (int m : k.tieBreak)
    if (raw[static_cast<std::size_t>(m)] > raw[static_cast<std::size_t>(best)]) best = m;
  return best;
}

}  // namespace

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

namespace {

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

}  // namespace

// ---- the what-if evaluator (model_evaluator.h) ------------------------------------------

ModelEvaluator::ModelEvaluator(const Context& base)
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

int ModelEvaluator::model(const Profile& profile) {
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

// The fact set the scoring rules see (model unknown), as buildFactSet builds it.
// `base`: the assessed profile's set, whose obligation facts are reused when every
// standing is the same (the usual case), or null.
void ModelEvaluator::fill(const Profile& profile, const Facts& facts, const Context& ctx,
                          std::vector<ObligationStanding>& standings, FactSet& set,
                          const FactSet* base) {
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
int ModelEvaluator::score(const FactSet& set) {
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

}  // namespace seclead
