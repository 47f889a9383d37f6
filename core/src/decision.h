// The leadership decision: rules (core/knowledge/rules.json) scored into a model, the CISO
// reporting line, the DPO verdict, the rationale and the what-if sensitivity.
//
// Rule conditions use the json-rules-engine syntax ({"all"|"any": [{"fact", "operator",
// "value"}]}) so the rules can be exported to that npm package. They are compiled once at
// load time into fact indexes, operators and typed values; evaluation does no name lookup.
// A fact that is unknown (a missing optional profile field) behaves like json-rules-engine's
// undefined: notEqual and notIn are true, every other comparison is false.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json.h"
#include "obligations.h"

namespace seclead {

struct Context;
struct Kb;
struct KbError;
struct Profile;
struct Facts;
struct Options;

// ---- facts available to conditions -------------------------------------------------------

struct FactValue {
  enum Kind : std::uint8_t { Unknown, Num, Bool, Str, List };
  Kind kind = Unknown;
  bool b = false;
  double num = 0;
  std::string_view str;
  const std::vector<std::string>* list = nullptr;
};

// The fixed facts; obligation-group facts (rules.json "obligationGroups") follow them.
enum FactIndex : int {
  kEmployees,
  kSizeRank,
  kSizeBand,
  kRevenueUsd,
  kItBudgetUsd,
  kSecurityBudgetUsd,
  kCanFund,
  kSector,
  kFinancialSector,
  kHealthSector,
  kEu,
  kUs,
  kUsNy,
  kListedInUs,
  kCountries,
  kSites,
  kOperationalTechnology,
  kCriticalInfrastructure,
  kPublicSectorBody,
  kPersonalData,
  kSpecialCategoryData,
  kSystematicMonitoring,
  kSensitiveData,
  kHipaa,
  kPaymentCards,
  kIntellectualProperty,
  kPhysicalRisk,
  kCyberThreat,
  kIncidents,
  kRiskAppetite,
  kMaturity,
  kPriority,
  kCloud,
  kWorkforce,
  kNydfsCovered,
  kEuFinancialEntity,
  kNis2Class,
  kFrameworks,
  kObligations,
  kPossibleObligations,
  kObligationGaps,
  kRegulatoryLoad,
  kCurrentRolesKnown,
  kHasCio,
  kHasSecurityExecutive,
  kCioActsAsCiso,
  kHasDpo,
  kModel,
  kCisoReportsTo,
  kDpoVerdict,
  kFixedFactCount
};

// Names of the fixed facts, indexed by FactIndex.
const std::array<const char*, kFixedFactCount>& fixedFactNames();

// Values of every fact for one evaluation. Views point into the profile, the facts and
// `lists`, which must outlive the set.
struct FactSet {
  std::vector<FactValue> values;
  std::vector<std::vector<std::string>> lists;  // storage for list facts
  std::string model, cisoReportsTo, dpo;        // decision facts (advice); empty: unknown
};

// ---- compiled conditions ------------------------------------------------------------------

struct Condition {
  enum Op : std::uint8_t {
    All,
    Any,
    Equal,
    NotEqual,
    LessThan,
    LessThanInclusive,
    GreaterThan,
    GreaterThanInclusive,
    In,
    NotIn,
    Contains,
    DoesNotContain
  };
  Op op = All;
  int fact = -1;
  FactValue::Kind valueKind = FactValue::Unknown;
  double num = 0;
  bool b = false;
  std::string str;
  std::vector<std::string> strs;  // in / notIn on strings
  std::vector<double> nums;       // in / notIn on numbers
  std::vector<Condition> children;
};

struct DecisionRule {
  std::string id;
  Condition when;
  std::vector<std::pair<int, int>> score;      // model index -> points
  std::vector<std::pair<int, int>> reportsTo;  // reporting-line index -> points
  int dpo = -1;                                // index into dpoVerdicts(), -1: none
  std::string effect, because, source;
};

struct ObligationGroup {
  std::string name;
  std::vector<std::string> ids;
};

struct DecisionKnowledge {
  std::vector<ObligationGroup> groups;
  std::vector<int> baseScore;        // per model, contract order
  std::vector<int> tieBreak;         // model indexes, most preferred first
  std::vector<int> baseReportsTo;    // per reporting line (reportingLines() order)
  std::vector<int> reportsTieBreak;  // reporting-line indexes, most preferred first
  std::vector<DecisionRule> rules;
  // What-if breakpoints (first value on the upper side): rule constants plus rules.json "whatIf".
  std::vector<double> employeeBreaks, incidentBreaks, revenueUsdBreaks, revenueEurBreaks;
  // Names a condition may use: fixed facts then group facts.
  std::vector<std::string> factNames;
  int factIndex(std::string_view name) const;
};

// Compiles a json-rules-engine condition; on a problem returns false with `error` set.
bool compileCondition(const json& node, const DecisionKnowledge& knowledge, Condition& out,
                      std::string& error);
bool evaluateCondition(const Condition& condition, const FactSet& facts);

// True when the obligation applies: met, gap or partial, or unknown only because today's
// roles were not given (its triggers are known to hold).
bool obligationApplies(const ObligationResult& o);

// Fills every fact from the profile, its derived facts and the obligation results.
void buildFactSet(const DecisionKnowledge& knowledge, const Profile& profile, const Facts& facts,
                  const std::vector<ObligationResult>& obligations, FactSet& out);
// The same from the standings of the catalog's rules (obligationStandings), without texts.
void buildFactSet(const DecisionKnowledge& knowledge, const Profile& profile, const Facts& facts,
                  const std::vector<ObligationStanding>& standings,
                  const ObligationCatalog& catalog, FactSet& out);

// ---- the decision -------------------------------------------------------------------------

struct RationaleEntry {
  std::string rule, effect, because, source;
};

struct SensitivityEntry {
  std::string field;  // JSON Pointer into the profile
  ordered_json from, to;
  std::string model;
};

struct Leadership {
  std::string
      model;  // distributed | vciso | hybrid | dedicated-ciso | cso-with-ciso | cso-combined
  std::string cisoReportsTo;                       // none | cio | ceo | board | cso | coo | cro
  std::string dpo;                                 // required | recommended | not-required
  std::vector<std::pair<std::string, int>> score;  // per model, contract order, 0..100
  std::vector<RationaleEntry> rationale;
  std::vector<SensitivityEntry> sensitivity;
  ordered_json extra = ordered_json::object();  // optional added fields (reasons, charter, ...)
};

// The six models in the contract's order; the tie-break order is documented in rules.json.
const std::vector<std::string>& leadershipModels();
// none | cio | ceo | board | cso | coo | cro
const std::vector<std::string>& reportingLines();
// required | recommended | not-required (strongest first)
const std::vector<std::string>& dpoVerdicts();
// Rank on the escalation scale: distributed 0; vciso, hybrid 1; dedicated-ciso,
// cso-combined 2; cso-with-ciso 3. -1 for an unknown id.
int modelRank(std::string_view model);

void loadDecision(const json& document, Kb& kb, std::vector<KbError>& errors);

Leadership decideLeadership(const Context& ctx, const std::vector<ObligationResult>& obligations);

// The model alone for a profile (derive facts, evaluate obligations, score): the what-if
// primitive the sensitivity search and the tests use.
std::string recommendModel(const Kb& kb, const Profile& profile, const Options& options);

// The models of profiles that differ from ctx.profile only in fields the what-if search
// changes, evaluated in order exactly as the search does (incrementally from ctx: reused
// verdicts and facts, only the rules a change can affect re-scored). For the tests that
// hold this fast path to the full decision.
std::vector<std::string> whatIfModels(const Context& ctx, const std::vector<Profile>& changed);

ordered_json toJson(const Leadership& leadership);

}  // namespace seclead
