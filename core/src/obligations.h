// Regulatory role obligations (contract section 6): the catalog (core/knowledge/
// obligations.json) and its evaluation against the profile and today's roles.
//
// Triggers are json-rules-engine style conditions (all / any / not, fact + operator + value,
// or {"condition": name}) compiled once at load into a tree of integer ids: evaluation does no
// string lookups. Logic is three-valued: a leaf over a fact the profile left out is unknown,
// `all` is false as soon as one child is false, `any` true as soon as one child is true.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "id_index.h"
#include "json.h"

namespace seclead {

struct Context;
struct Facts;
struct Kb;
struct KbError;
struct Profile;

// A compiled trigger condition.
struct Trigger {
  enum class Kind : std::uint8_t { All, Any, Not, Leaf, Ref };
  enum class Op : std::uint8_t {
    Equal,
    NotEqual,
    Less,
    LessEq,
    Greater,
    GreaterEq,
    In,
    NotIn,
    Contains,
    NotContains
  };
  Kind kind = Kind::Leaf;
  std::vector<Trigger> children;  // All / Any / Not
  int fact = -1;                  // Leaf: fact id (obligations.cpp)
  Op op = Op::Equal;
  bool boolValue = false;
  double numValue = 0;
  std::string strValue;
  std::vector<std::string> listValue;  // In / NotIn
  int ref = -1;                        // Ref: index into ObligationCatalog::conditions
};

// Who meets a duty today, compiled from "satisfiedBy" (role sets as bit masks over kb.roles).
struct Duty {
  std::uint64_t holders = 0, partialHolders = 0, needsAlso = 0;
  std::uint64_t reportsToGap = 0, reportsToPartial = 0, reportsToRequired = 0;
  std::uint64_t alsoActsAsGap = 0, alsoActsAsPartial = 0;
  enum class External : std::uint8_t {
    Allowed,
    NeedsOverseer,
    Partial,
    Gap
  } external = External::Allowed;
  bool primaryDuty = false;
  bool segregation = false;  // iso27001-segregation: design vs audit of controls
};

// One catalog entry, as loaded from the knowledge base.
struct ObligationRule {
  std::string id;
  std::string regulation;
  std::string binding;             // law | contract | voluntary
  std::string requirement;         // one sentence
  std::string appliesWhen;         // text for the not-applicable reason
  std::string remedy;              // the recommendation of an obligation-gap finding
  std::vector<std::string> roles;  // roles it concerns
  std::string source;
  Trigger trigger;
  Duty duty;
};

struct ObligationCatalog {
  std::vector<ObligationRule> rules;  // catalog order = report order
  std::vector<std::string> conditionNames;
  std::vector<Trigger> conditions;  // named shared conditions
  std::uint64_t securityLead = 0;   // role group masks used by findings
  std::uint64_t seniorInternal = 0;
  std::uint64_t itLine = 0;
  std::uint64_t decidesProcessing = 0;
  std::uint64_t controlFunctions = 0;
  int conditionIndex(std::string_view name) const;
};

struct ObligationResult {
  std::string id;
  std::string status;  // met | gap | partial | not-applicable | unknown
  std::string requirement;
  std::vector<std::string> roles;
  std::string source;
  std::string reason;                      // one sentence: why this status
  std::vector<std::string> unknownFields;  // pointers whose absence made it unknown
  std::string binding;                     // law | contract | voluntary (not serialized)
};

void loadObligations(const json& document, Kb& kb, std::vector<KbError>& errors);

// Applicable (or unknown) obligations in catalog order; with explain, not-applicable too.
std::vector<ObligationResult> evaluateObligations(const Context& ctx);

// Regulatory classifications derived from the profile (NIS2 class, DORA micro, NYDFS exemption).
// Reads the geography, money and sector-group facts and dpoExists, which deriveFacts sets first.
void deriveRegulatoryFacts(const Profile& profile, const Kb& kb, Facts& facts);

ordered_json toJson(const ObligationResult& result);

// A person of today's structure (one currentRoles entry), with role sets as bit masks over
// kb.roles. Shared by obligations, the current RACI and the findings.
struct Person {
  std::string id;
  std::string role;               // primary role id
  int roleIndex = -1;             // of the primary role in kb.roles, or -1
  std::uint64_t roles = 0;        // primary role plus alsoActsAs
  bool external = false;          // employment external/affiliate, or the vciso role
  int manager = -1;               // index of the currentRoles entry it reports to, or -1
  std::uint64_t managerRole = 0;  // role bit of whom it reports to (entry or role id), or 0
  std::string managerRoleId;      // that role id, or empty
  double fte = 1.0;
};

std::vector<Person> peopleOf(const Profile& profile, const Kb& kb);
std::uint64_t roleBit(const Kb& kb, std::string_view role);  // 0 when not a role

// The facts a trigger may name (their table is in obligations.cpp): the index of the fact
// called `name`, with its value type, or -1. For the loader (obligations_load.cpp).
enum class TriggerFactType : std::uint8_t { Bool, Num, Str, List };
int triggerFact(std::string_view name, TriggerFactType& type);

// What depends only on today's structure (currentRoles, currentAssignments): the people and
// each obligation's verdict against them. No what-if changes these fields, so one assessment
// builds them once (on first use, see Context::today) and every step and every what-if
// evaluation reuses them.
class TodayStructure {
 public:
  TodayStructure(const Kb& kb, const Profile& profile);
  TodayStructure(const TodayStructure&) = delete;  // byId_ views into people_
  TodayStructure& operator=(const TodayStructure&) = delete;
  const std::vector<Person>& people() const { return people_; }
  std::uint64_t held() const { return held_; }  // every role someone holds today
  // The person with this currentRoles id (or implied role id), or nullptr.
  const Person* person(std::string_view id) const;
  // Judges catalog rule `rule` against today's people (only with currentRoles): rank 2 met,
  // 1 partial, 0 gap, and the reason.
  int rank(std::size_t rule) { return verdict(rule).rank; }
  const std::string& reason(std::size_t rule) { return verdict(rule).reason; }

 private:
  struct Verdict {
    int rank = -1;  // -1: not judged yet
    std::string reason;
  };
  const Verdict& verdict(std::size_t rule) {
    Verdict& v = verdicts_[rule];
    if (v.rank < 0) judgeInto(rule, v);
    return v;
  }
  // Out of line for the reason of Context::buildToday (context.h): verdict() is called for
  // every rule by every step, the judging once per rule.
  [[gnu::noinline]] void judgeInto(std::size_t rule, Verdict& v);
  const Kb& kb_;
  const Profile& profile_;
  std::vector<Person> people_;
  IdIndex byId_;  // person id -> position in people_
  std::uint64_t held_ = 0;
  std::vector<Verdict> verdicts_;  // by catalog rule
};

// What the leadership decision reads of one obligation (obligationApplies and the status
// groups of buildFactSet), without its texts: the what-if search evaluates only this.
struct ObligationStanding {
  bool applies = false;   // obligationApplies()
  bool possible = false;  // unknown and not applies
  bool gap = false;       // gap or partial
  bool operator==(const ObligationStanding&) const = default;
};

// Standings of every catalog rule, in catalog order; equal to what evaluateObligations()
// yields for the same context.
void obligationStandings(const Context& ctx, std::vector<ObligationStanding>& out);

}  // namespace seclead
