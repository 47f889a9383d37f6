#include "obligations.h"

#include <algorithm>
#include <array>

#include "context.h"
#include "id_index.h"
#include "message.h"
#include "sort.h"

namespace seclead {

// ---------------------------------------------------------------------------------------------
// Profile fields that can leave a regulatory fact unknown.

const char* regFieldPointer(std::uint32_t field) {
  static constexpr std::array<const char*, kRegFieldCount> kPointers = {
      "/organization/annualRevenue",
      "/organization/balanceSheetTotal",
      "/organization/totalAssets",
      "/organization/publiclyListed",
      "/organization/publicSectorBody",
      "/data/personalData",
      "/data/specialCategoryData",
      "/data/systematicMonitoring",
      "/data/hipaa",
      "/data/paymentCards",
      "/regulatory/nydfsCovered",
      "/regulatory/euFinancialEntity",
      "/regulatory/nis2",
      "/regulatory/frameworks",
      "/currentRoles"};
  return field < kRegFieldCount ? kPointers[field] : "";
}

namespace {

constexpr std::uint32_t bit(RegField f) {
  return 1u << f;
}

std::vector<std::string> pointersOf(std::uint32_t mask) {
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < kRegFieldCount; ++i)
    if (mask & (1u << i)) out.push_back(regFieldPointer(i));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Facts a trigger may name. The table order is the fact id.

using FactType = TriggerFactType;

enum FactId : int {
  kEu,
  kCountries,
  kSector,
  kEmployees,
  kNydfsCovered,
  kNydfsExempt,
  kEuFinancialEntity,
  kDoraMicro,
  kNis2InScope,
  kNis2Class,
  kNis2Sector,
  kHipaa,
  kPaymentCards,
  kUsListed,
  kPublicSectorBody,
  kFrameworks,
  kPersonalData,
  kSpecialCategory,
  kSystematicMonitoring,
  kDpoExists,
  kFactCount
};

struct FactSpec {
  const char* name;
  FactType type;
};

constexpr std::array<FactSpec, kFactCount> kFacts = {{
    {"eu", FactType::Bool},
    {"countries", FactType::List},
    {"sector", FactType::Str},
    {"employees", FactType::Num},
    {"nydfsCovered", FactType::Bool},
    {"nydfsExempt", FactType::Bool},
    {"euFinancialEntity", FactType::Bool},
    {"doraMicroenterprise", FactType::Bool},
    {"nis2InScope", FactType::Bool},
    {"nis2Class", FactType::Str},
    {"nis2Sector", FactType::Str},
    {"hipaa", FactType::Str},
    {"paymentCards", FactType::Str},
    {"usListed", FactType::Bool},
    {"publicSectorBody", FactType::Str},
    {"frameworks", FactType::List},
    {"personalData", FactType::Str},
    {"specialCategoryData", FactType::Str},
    {"systematicMonitoring", FactType::Str},
    {"dpoExists", FactType::Bool},
}};

struct FactValue {
  bool known = false;
  std::uint32_t unknownMask = 0;
  bool b = false;
  double n = 0;
  const std::string* s = nullptr;
  const std::vector<std::string>* list = nullptr;
};

using FactTable = std::array<FactValue, kFactCount>;

FactValue boolFact(const std::optional<bool>& v, std::uint32_t mask) {
  FactValue f;
  f.known = v.has_value();
  f.b = v.value_or(false);
  if (!f.known) f.unknownMask = mask;
  return f;
}

FactValue strFact(const std::optional<std::string>& v, std::uint32_t mask) {
  FactValue f;
  f.known = v.has_value();
  if (f.known)
    f.s = &*v;
  else
    f.unknownMask = mask;
  return f;
}

FactTable factTable(const Profile& p, const Facts& facts) {
  static const std::vector<std::string> kNone;
  FactTable t;
  t[kEu] = boolFact(facts.eu, 0);
  t[kCountries].known = true;
  t[kCountries].list = &facts.countries;
  t[kSector].known = true;
  t[kSector].s = &p.sector;
  t[kEmployees].known = true;
  t[kEmployees].n = static_cast<double>(p.employees);
  t[kNydfsCovered] = boolFact(facts.nydfsCovered, bit(kRegNydfsCovered));
  t[kNydfsExempt] = boolFact(facts.nydfsExempt, facts.nydfsExemptUnknown);
  t[kEuFinancialEntity] = boolFact(facts.euFinancialEntity, bit(kRegEuFinancialEntity));
  t[kDoraMicro] = boolFact(facts.doraMicroenterprise, facts.doraMicroUnknown);
  t[kNis2InScope] = boolFact(facts.nis2InScope, facts.nis2Unknown);
  t[kNis2Class].known = facts.nis2Class != "unknown";
  t[kNis2Class].s = &facts.nis2Class;
  if (!t[kNis2Class].known) t[kNis2Class].unknownMask = facts.nis2Unknown;
  t[kNis2Sector].known = true;
  t[kNis2Sector].s = &facts.nis2Sector;
  t[kHipaa] = strFact(facts.hipaa, bit(kRegHipaa));
  t[kPaymentCards] = strFact(facts.paymentCards, bit(kRegPaymentCards));
  t[kUsListed] = boolFact(facts.usListed, bit(kRegPubliclyListed));
  t[kPublicSectorBody] = strFact(facts.publicSectorBody, bit(kRegPublicSectorBody));
  t[kFrameworks].known = true;
  t[kFrameworks].list = p.frameworks ? &*p.frameworks : &kNone;
  t[kPersonalData] = strFact(p.personalData, bit(kRegPersonalData));
  t[kSpecialCategory] = strFact(p.specialCategoryData, bit(kRegSpecialCategory));
  t[kSystematicMonitoring] = strFact(p.systematicMonitoring, bit(kRegSystematicMonitoring));
  // Without currentRoles no DPO is known to exist: the duty then follows the mandatory test
  // alone, so listing today's roles can add gdpr-dpo-independence but never remove it.
  t[kDpoExists] = boolFact(facts.dpoExists.value_or(false), 0);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Three-valued evaluation.

enum class Tri : std::uint8_t { False, True, Unknown };

bool contains(const std::vector<std::string>& list, const std::string& s) {
  for (const auto& item : list)
    if (item == s) return true;
  return false;
}

Tri leaf(const Trigger& c, const FactValue& v, std::uint32_t& mask) {
  if (!v.known) {
    mask |= v.unknownMask;
    return Tri::Unknown;
  }
  bool r = false;
  using Op = Trigger::Op;
  switch (kFacts[c.fact].type) {
    case FactType::Bool:
      r = c.op == Op::Equal ? v.b == c.boolValue : v.b != c.boolValue;
      break;
    case FactType::Num:
      switch (c.op) {
        case Op::Equal:
          r = v.n == c.numValue;
          break;
        case Op::NotEqual:
          r = v.n != c.numValue;
          break;
        case Op::Less:
          r = v.n < c.numValue;
          break;
        case Op::LessEq:
          r = v.n <= c.numValue;
          break;
        case Op::Greater:
          r = v.n > c.numValue;
          break;
        default:
          r = v.n >= c.numValue;
          break;
      }
      break;
    case FactType::Str:
      switch (c.op) {
        case Op::Equal:
          r = *v.s == c.strValue;
          break;
        case Op::NotEqual:
          r = *v.s != c.strValue;
          break;
        case Op::In:
          r = contains(c.listValue, *v.s);
          break;
        default:
          r = !contains(c.listValue, *v.s);
          break;
      }
      break;
    case FactType::List:
      r = contains(*v.list, c.strValue) == (c.op == Op::Contains);
      break;
  }
  return r ? Tri::True : Tri::False;
}

Tri eval(const Trigger& c, const FactTable& facts, const ObligationCatalog& cat,
         std::uint32_t& mask) {
  switch (c.kind) {
    case Trigger::Kind::Leaf:
      return leaf(c, facts[c.fact], mask);
    case Trigger::Kind::Ref:
      return eval(cat.conditions[c.ref], facts, cat, mask);
    case Trigger::Kind::Not: {
      Tri t = eval(c.children[0], facts, cat, mask);
      return t == Tri::Unknown ? t : (t == Tri::True ? Tri::False : Tri::True);
    }
    case Trigger::Kind::All:
    case Trigger::Kind::Any: {
      const Tri decisive = c.kind == Trigger::Kind::All ? Tri::False : Tri::True;
      std::uint32_t local = 0;
      bool unknown = false;
      for (const auto& child : c.children) {
        std::uint32_t m = 0;
        Tri t = eval(child, facts, cat, m);
        if (t == decisive) return t;
        if (t == Tri::Unknown) unknown = true, local |= m;
      }
      if (unknown) {
        mask |= local;
        return Tri::Unknown;
      }
      return decisive == Tri::False ? Tri::True : Tri::False;
    }
  }
  return Tri::Unknown;
}

// ---------------------------------------------------------------------------------------------
// Judging a duty against today's people.

std::string roleName(const Kb& kb, std::uint64_t mask) {
  for (std::size_t i = 0; i < kb.roles.size() && i < 64; ++i)
    if (mask & (std::uint64_t{1} << i)) return kb.roles[i].id;
  return {};
}

std::string roleList(const Kb& kb, std::uint64_t mask) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < kb.roles.size() && i < 64; ++i)
    if (mask & (std::uint64_t{1} << i)) names.push_back(kb.roles[i].id);
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string who(const Person& p) {
  return p.id == p.role ? p.role : concat({p.id, " (", p.role, ")"});
}

struct Verdict {
  int rank = 0;  // 2 met, 1 partial, 0 gap
  std::string reason;
};

const char* statusOf(int rank) {
  return rank == 2 ? "met" : rank == 1 ? "partial" : "gap";
}

Verdict judgeSegregation(const Kb& kb, const ObligationCatalog& cat, const Profile& profile,
                         const std::vector<Person>& people) {
  const std::uint64_t audit = roleBit(kb, "internal-audit");
  for (const auto& p : people)
    if ((p.roles & audit) && (p.roles & cat.securityLead))
      return {0, concat({who(p), " both leads security and audits it (ISO/IEC 27002 5.3)."})};
  if (profile.currentAssignments) {
    const auto& as = *profile.currentAssignments;
    auto auditIt = as.find("security-audit");
    if (auditIt != as.end() && !auditIt->second.accountable.empty()) {
      const std::string& auditor = auditIt->second.accountable;
      for (const char* design : {"security-policy", "secure-architecture"}) {
        auto it = as.find(design);
        if (it == as.end()) continue;
        const auto& doers = it->second.responsible;
        if (it->second.accountable == auditor ||
            std::find(doers.begin(), doers.end(), auditor) != doers.end())
          return {0, concat({auditor, " both designs ", design,
                             " and is accountable for security-audit."})};
      }
    }
  }
  for (const auto& p : people)
    if ((p.roles & cat.securityLead) && (p.roles & cat.itLine))
      return {1, who(p) +
                     " leads security and also runs IT, so IT's controls lack an "
                     "independent owner."};
  return {2, "No one both designs and audits security controls in today's roles."};
}

// What lowers a holder's verdict, in the order judgeHolder checks it.
enum class Problem : std::uint8_t {
  None,
  ExternalNoOverseer,
  ExternalNotManagement,
  ExternalNotOfficial,
  ReportsToForbidden,
  ReportsToWeakens,
  ReportsNotTo,
  Conflict,
  LikelyConflict,
  NotPrimaryDuty
};

// How well one holder of the duty meets it: the rank and the first of its worst problems
// (with the conflicting roles for a conflict). No text: judge() writes it for the chosen
// holder alone.
struct HolderVerdict {
  int rank = 2;
  Problem problem = Problem::None;
  std::uint64_t conflicting = 0;
};

HolderVerdict judgeHolder(const ObligationCatalog& cat, const Duty& d,
                          const std::vector<Person>& people, const Person& p) {
  HolderVerdict v;
  auto down = [&](int rank, Problem problem, std::uint64_t conflicting = 0) {
    if (rank < v.rank) v = {rank, problem, conflicting};
  };
  if (p.external && d.external != Duty::External::Allowed) {
    if (d.external == Duty::External::NeedsOverseer) {
      bool overseen = p.manager >= 0 ? !people[p.manager].external &&
                                           (people[p.manager].roles & cat.seniorInternal)
                                     : (p.managerRole & cat.seniorInternal) != 0;
      if (!overseen) down(1, Problem::ExternalNoOverseer);
    } else if (d.external == Duty::External::Partial) {
      down(1, Problem::ExternalNotManagement);
    } else {
      down(0, Problem::ExternalNotOfficial);
    }
  }
  if (p.managerRole & d.reportsToGap) down(0, Problem::ReportsToForbidden);
  if (p.managerRole & d.reportsToPartial) down(1, Problem::ReportsToWeakens);
  if (d.reportsToRequired && !(p.managerRole & d.reportsToRequired)) down(1, Problem::ReportsNotTo);
  const std::uint64_t others = p.roles & ~d.holders;
  if (others & d.alsoActsAsGap) down(0, Problem::Conflict, others & d.alsoActsAsGap);
  if (others & d.alsoActsAsPartial) down(1, Problem::LikelyConflict, others & d.alsoActsAsPartial);
  if (d.primaryDuty && (others || p.fte < 1.0)) down(1, Problem::NotPrimaryDuty);
  return v;
}

std::string reasonOf(const Kb& kb, const Duty& d, const Person& p, const HolderVerdict& v) {
  auto combined = [&](const char* what) {
    const std::string duty = roleName(kb, p.roles & d.holders), other = roleName(kb, v.conflicting);
    const bool same = other == p.role;
    return concat({"The ", duty, " duty sits with ", who(p), same ? "" : ", who also acts as ",
                   same ? std::string_view() : std::string_view(other), ", ", what, "."});
  };
  switch (v.problem) {
    case Problem::None: {
      const std::string held = roleName(kb, p.roles & d.holders);
      const bool same = held == p.role;
      return concat({who(p), same ? "" : ", acting as ",
                     same ? std::string_view() : std::string_view(held), same ? "" : ",",
                     " holds the duty."});
    }
    case Problem::ExternalNoOverseer:
      return concat({who(p), " is external and no senior internal overseer is named."});
    case Problem::ExternalNotManagement:
      return concat(
          {who(p), " is external, while the rule expects a member of the entity's management."});
    case Problem::ExternalNotOfficial:
      return concat({who(p), " is external, while the rule expects an internal official."});
    case Problem::ReportsToForbidden:
      return concat({who(p), " reports to the ", p.managerRoleId, ", which the rule forbids."});
    case Problem::ReportsToWeakens:
      return concat(
          {who(p), " reports to the ", p.managerRoleId, ", which weakens its independence."});
    case Problem::ReportsNotTo:
      return concat(
          {who(p), " does not report directly to the ", roleList(kb, d.reportsToRequired), "."});
    case Problem::Conflict:
      return combined("a conflict of interest");
    case Problem::LikelyConflict:
      return combined("a likely conflict of interest");
    case Problem::NotPrimaryDuty:
      return concat({who(p), " holds other duties, while security must be the primary duty."});
  }
  return {};
}

Verdict judge(const ObligationRule& rule, const Kb& kb, const ObligationCatalog& cat,
              const Profile& profile, const std::vector<Person>& people) {
  const Duty& d = rule.duty;
  if (d.segregation) return judgeSegregation(kb, cat, profile, people);
  Verdict best;
  best.rank = -1;
  int bestIndex = -1;
  // The first holder with the best rank; ranks only, then the reason for that holder.
  for (std::size_t i = 0; i < people.size() && best.rank < 2; ++i) {
    const Person& p = people[i];
    if (!(p.roles & d.holders)) continue;
    int rank = judgeHolder(cat, d, people, p).rank;
    if (rank > best.rank) best.rank = rank, bestIndex = static_cast<int>(i);
  }
  if (bestIndex >= 0) {
    const Person& p = people[static_cast<std::size_t>(bestIndex)];
    const HolderVerdict v = judgeHolder(cat, d, people, p);
    best = {v.rank, reasonOf(kb, d, p, v)};
  }
  if (bestIndex < 0) {
    for (const auto& p : people)
      if (p.roles & d.partialHolders) {
        best = {1, concat({"No ", roleList(kb, d.holders), " today; ", who(p),
                           " covers the duty only in part."})};
        break;
      }
    if (best.rank < 0) best = {0, concat({"No ", roleList(kb, d.holders), " in today's roles."})};
  }
  if (best.rank >= 1 && d.needsAlso) {
    bool other = false, same = false;
    for (std::size_t i = 0; i < people.size(); ++i)
      if (people[i].roles & d.needsAlso) (static_cast<int>(i) == bestIndex ? same : other) = true;
    if (!other && same && best.rank == 2)
      best = {1, concat({"One person holds both ", roleList(kb, d.holders), " and ",
                         roleList(kb, d.needsAlso), "."})};
    else if (!other && !same && best.rank == 2)
      best = {1, concat({"No ", roleList(kb, d.needsAlso), " in today's roles to support it."})};
  }
  return best;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

int triggerFact(std::string_view name, TriggerFactType& type) {
  for (int i = 0; i < kFactCount; ++i)
    if (name == kFacts[static_cast<std::size_t>(i)].name) {
      type = kFacts[static_cast<std::size_t>(i)].type;
      return i;
    }
  return -1;
}

int ObligationCatalog::conditionIndex(std::string_view name) const {
  return indexOf(conditionNames, name);
}

std::uint64_t roleBit(const Kb& kb, std::string_view role) {
  for (std::size_t i = 0; i < kb.roles.size() && i < 64; ++i)
    if (kb.roles[i].id == role) return std::uint64_t{1} << i;
  return 0;
}

namespace {

int findId(const IdIndex& index, std::string_view id) {
  return static_cast<int>(index.find(id));
}

// Role id -> index in kb.roles and role bit, through a sorted table.
class RoleBits {
 public:
  explicit RoleBits(const Kb& kb) : table_(indexOfIds(kb.roles)) {}
  int index(std::string_view role) const { return findId(table_, role); }
  // As roleBit(): 0 when not a role (or beyond the 64 a mask can hold).
  std::uint64_t operator()(std::string_view role) const {
    int i = index(role);
    return i >= 0 && i < 64 ? std::uint64_t{1} << i : 0;
  }

 private:
  IdIndex table_;
};

}  // namespace

std::vector<Person> peopleOf(const Profile& profile, const Kb& kb) {
  std::vector<Person> people;
  if (!profile.currentRoles) return people;
  const auto& entries = *profile.currentRoles;
  people.reserve(entries.size() + 2);
  // Role ids are looked up several times per entry: a sorted table instead of a scan of
  // kb.roles each time (120 entries x 30 roles in a large profile).
  const RoleBits bitOf(kb);
  const std::uint64_t vciso = bitOf("vciso");
  for (const auto& e : entries) {
    Person p;
    p.id = e.id;
    p.role = e.role;
    p.roleIndex = bitOf.index(e.role);
    const std::uint64_t primary = bitOf(e.role);
    p.roles = primary;
    for (const auto& r : e.alsoActsAs) p.roles |= bitOf(r);
    p.external = e.employment != "internal" || (p.roles & vciso & primary);
    p.fte = e.fte;
    people.push_back(std::move(p));
  }
  std::uint64_t held = 0;
  for (const auto& p : people) held |= p.roles;
  const auto index = indexOfIds(entries);  // entry id -> position (ids are unique)
  // Role ids named as reportsTo but held by no entry still exist today ("reportsTo": "ceo").
  std::vector<Person> implied;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string& to = entries[i].reportsTo;
    if (to.empty()) continue;
    people[i].manager = findId(index, to);
    if (people[i].manager >= 0) {
      people[i].managerRoleId = entries[people[i].manager].role;
      people[i].managerRole = bitOf(people[i].managerRoleId);
    } else if (std::uint64_t b = bitOf(to)) {
      people[i].managerRoleId = to;
      people[i].managerRole = b;
      if (!(held & b)) {
        Person v;
        v.id = v.role = to;
        v.roleIndex = bitOf.index(to);
        v.roles = b;
        held |= b;
        implied.push_back(std::move(v));
      }
    }
  }
  for (auto& v : implied) people.push_back(std::move(v));
  // Every organization has a top executive, whether or not currentRoles lists one.
  if (std::uint64_t ceo = bitOf("ceo"); ceo && !(held & ceo)) {
    Person v;
    v.id = v.role = "ceo";
    v.roleIndex = bitOf.index("ceo");
    v.roles = ceo;
    people.push_back(std::move(v));
  }
  return people;
}

TodayStructure::TodayStructure(const Kb& kb, const Profile& profile)
    : kb_(kb), profile_(profile), people_(peopleOf(profile, kb)) {
  byId_ = indexOfIds(people_);
  for (const auto& p : people_) held_ |= p.roles;
  verdicts_.resize(kb.obligations.rules.size());
}

const Person* TodayStructure::person(std::string_view id) const {
  int i = findId(byId_, id);
  return i < 0 ? nullptr : &people_[static_cast<std::size_t>(i)];
}

void TodayStructure::judgeInto(std::size_t rule, Verdict& v) {
  auto judged = judge(kb_.obligations.rules[rule], kb_, kb_.obligations, profile_, people_);
  v.rank = judged.rank;
  v.reason = std::move(judged.reason);
}

void Context::buildToday() const {
  todayCache = std::make_shared<TodayStructure>(kb, profile);
}

void deriveRegulatoryFacts(const Profile& profile, const Kb& kb, Facts& facts) {
  const std::string& s = profile.sector;
  const std::int64_t staff = profile.employees;
  // Set again below only where unknown; cleared so a re-derivation (refreshFacts) starts clean.
  facts.nydfsExemptUnknown = facts.doraMicroUnknown = facts.nis2Unknown = 0;

  // NYDFS 500.19(a): exempt if ANY one test holds: < 20 staff, < $7.5M revenue, < $15M assets.
  facts.nydfsCovered = profile.nydfsCovered;
  if (!facts.nydfsCovered && !(facts.usNy && (facts.financialSector))) facts.nydfsCovered = false;
  // Money in USD and EUR as deriveFacts converted it (the same conversions, done once).
  const auto& revUsd = facts.revenueUsd;
  const auto& assetsUsd = facts.totalAssetsUsd;
  if (staff < 20 || (revUsd && *revUsd < 7.5e6) || (assetsUsd && *assetsUsd < 15e6)) {
    facts.nydfsExempt = true;
  } else if (!revUsd || !assetsUsd) {
    facts.nydfsExempt.reset();
    facts.nydfsExemptUnknown =
        (revUsd ? 0 : bit(kRegAnnualRevenue)) | (assetsUsd ? 0 : bit(kRegTotalAssets));
  } else {
    facts.nydfsExempt = false;
  }

  // DORA Art. 3(60): microenterprise = < 10 staff and turnover and/or balance sheet <= EUR 2M.
  const auto& turnover = facts.revenueEur;
  const auto& balance = facts.balanceSheetEur;
  facts.euFinancialEntity = profile.euFinancialEntity;
  if (!facts.euFinancialEntity && !(facts.eu && facts.financialSector))
    facts.euFinancialEntity = false;
  if (staff >= 10) {
    facts.doraMicroenterprise = false;
  } else if ((turnover && *turnover <= 2e6) || (balance && *balance <= 2e6)) {
    facts.doraMicroenterprise = true;
  } else if (turnover && balance) {
    facts.doraMicroenterprise = false;
  } else {
    facts.doraMicroenterprise.reset();
    facts.doraMicroUnknown =
        (turnover ? 0 : bit(kRegAnnualRevenue)) | (balance ? 0 : bit(kRegBalanceSheet));
  }

  // NIS2 Annexes I and II, mapped from the contract's sector list [I].
  static constexpr std::array<std::string_view, 10> kAnnexI = {"energy",
                                                               "utilities",
                                                               "transport",
                                                               "banking",
                                                               "financial-services",
                                                               "healthcare",
                                                               "pharmaceuticals",
                                                               "digital-infrastructure",
                                                               "telecom",
                                                               "government"};
  static constexpr std::array<std::string_view, 5> kAnnexII = {"chemicals", "food", "manufacturing",
                                                               "research", "technology"};
  facts.nis2Sector = "none";
  for (auto a : kAnnexI)
    if (s == a) facts.nis2Sector = "annex-i";
  for (auto a : kAnnexII)
    if (s == a) facts.nis2Sector = "annex-ii";
  const std::string nis2 = profile.nis2.value_or("auto");
  facts.nis2Unknown = 0;
  if (nis2 == "essential" || nis2 == "important") {
    facts.nis2InScope = true;
    facts.nis2Class = nis2;
  } else if (nis2 == "none" || !facts.eu || facts.nis2Sector == "none") {
    facts.nis2InScope = false;
    facts.nis2Class = "none";
  } else {
    // Size cap (Recommendation 2003/361/EC): >= 50 staff, or turnover AND balance > EUR 10M.
    const bool smallByMoney = (turnover && *turnover <= 10e6) || (balance && *balance <= 10e6);
    if (staff >= 50 || (turnover && balance && !smallByMoney)) {
      facts.nis2InScope = true;
    } else if (smallByMoney) {
      facts.nis2InScope = false;
    } else {
      facts.nis2InScope.reset();
      facts.nis2Unknown =
          (turnover ? 0 : bit(kRegAnnualRevenue)) | (balance ? 0 : bit(kRegBalanceSheet));
    }
    if (!facts.nis2InScope) {
      facts.nis2Class = "unknown";
    } else if (!*facts.nis2InScope) {
      facts.nis2Class = "none";
    } else {
      // Essential: Annex I and large (>= 250 staff, or > EUR 50M turnover and > EUR 43M balance).
      const bool large =
          staff >= 250 || (turnover && balance && *turnover > 50e6 && *balance > 43e6);
      facts.nis2Class = facts.nis2Sector == "annex-i" && large ? "essential" : "important";
    }
  }

  facts.hipaa = profile.hipaa;
  if (!facts.hipaa && !(facts.us && (facts.healthSector || s == "insurance"))) facts.hipaa = "none";
  facts.paymentCards = profile.paymentCards;
  if (!facts.paymentCards &&
      !(s == "retail" || s == "hospitality" || s == "banking" || s == "financial-services"))
    facts.paymentCards = "none";
  facts.publicSectorBody = profile.publicSectorBody;
  if (!facts.publicSectorBody && s != "government") facts.publicSectorBody = "none";
  if (profile.publiclyListed)
    facts.usListed = facts.listedInUs;
  else if (!(facts.us && staff >= 50))
    facts.usListed = false;
  else
    facts.usListed.reset();

  const ObligationCatalog& cat = kb.obligations;
  int mandatory = cat.conditionIndex("gdprDpoMandatory");
  if (mandatory >= 0) {
    FactTable table = factTable(profile, facts);
    std::uint32_t mask = 0;
    Tri t = eval(cat.conditions[mandatory], table, cat, mask);
    if (t == Tri::Unknown)
      facts.gdprDpoMandatory.reset();
    else
      facts.gdprDpoMandatory = t == Tri::True;
    facts.gdprDpoUnknown = t == Tri::Unknown ? mask : 0;
  }
}

std::vector<ObligationResult> evaluateObligations(const Context& ctx) {
  const ObligationCatalog& cat = ctx.kb.obligations;
  const FactTable table = factTable(ctx.profile, ctx.facts);
  std::vector<ObligationResult> out;
  out.reserve(cat.rules.size());
  for (std::size_t i = 0; i < cat.rules.size(); ++i) {
    const ObligationRule& rule = cat.rules[i];
    std::uint32_t mask = 0;
    Tri t = eval(rule.trigger, table, cat, mask);
    if (t == Tri::False && !ctx.options.explain) continue;
    ObligationResult r;
    r.id = rule.id;
    r.requirement = rule.requirement;
    r.roles = rule.roles;
    r.source = rule.source;
    r.binding = rule.binding;
    if (t == Tri::False) {
      r.status = "not-applicable";
      r.reason = concat({"Not applicable (applies when: ", rule.appliesWhen, ")."});
    } else if (t == Tri::Unknown) {
      r.status = "unknown";
      r.unknownFields = pointersOf(mask);
      const std::string fields = joined(r.unknownFields, ", ");
      r.reason =
          concat({"Whether it applies depends on ", fields, ", which the profile left out."});
    } else if (!ctx.profile.currentRoles) {
      r.status = "unknown";
      r.unknownFields = {regFieldPointer(kRegCurrentRoles)};
      r.reason = "It applies, but today's roles were not given, so whether it is met is unknown.";
    } else {
      TodayStructure& today = ctx.today();
      r.status = statusOf(today.rank(i));
      r.reason = today.reason(i);
    }
    out.push_back(std::move(r));
  }
  return out;
}

void obligationStandings(const Context& ctx, std::vector<ObligationStanding>& out) {
  const ObligationCatalog& cat = ctx.kb.obligations;
  const FactTable table = factTable(ctx.profile, ctx.facts);
  out.assign(cat.rules.size(), ObligationStanding{});
  for (std::size_t i = 0; i < cat.rules.size(); ++i) {
    std::uint32_t mask = 0;
    Tri t = eval(cat.rules[i].trigger, table, cat, mask);
    ObligationStanding& s = out[i];
    if (t == Tri::False) continue;
    if (t == Tri::Unknown) {
      // As obligationApplies() on unknownFields = pointersOf(mask): applies only when every
      // missing field is today's roles.
      s.applies = mask != 0 && (mask & ~bit(kRegCurrentRoles)) == 0;
      s.possible = !s.applies;
    } else if (!ctx.profile.currentRoles) {
      s.applies = true;  // unknown only because today's roles were not given
    } else {
      s.applies = true;
      s.gap = ctx.today().rank(i) < 2;
    }
  }
}

ordered_json toJson(const ObligationResult& r) {
  ordered_json out;
  out.set("id", r.id);
  out.set("status", r.status);
  out.set("requires", r.requirement);
  out.set("roles", r.roles);
  out.set("source", r.source);
  out.set("reason", r.reason);
  if (!r.unknownFields.empty()) out.set("unknownFields", r.unknownFields);
  return out;
}

}  // namespace seclead
