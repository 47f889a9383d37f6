// The organization profile (contract section 1) as typed data. A missing optional field
// is std::nullopt, which means "unknown" everywhere in the engine.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "seclead/engine.h"

namespace seclead {

struct Kb;

struct Money {
  double amount = 0;
  std::string currency;  // ISO 4217, upper case
};

struct CurrentRole {
  std::string id;
  std::string role;       // contract role id
  std::string reportsTo;  // another entry's id, a role id, or empty
  std::string employment = "internal";  // internal | external | affiliate
  double fte = 1.0;
  bool fteGiven = false;
  std::vector<std::string> alsoActsAs;  // role ids
};

struct Assignment {
  std::string accountable;               // a currentRoles id
  std::vector<std::string> responsible;  // currentRoles ids
};

// Optional caller settings (an added optional top-level field "settings").
struct Settings {
  std::optional<Money> vcisoHourlyRateLow;
  std::optional<Money> vcisoHourlyRateHigh;
  std::optional<Money> fullTimeCisoAnnualCost;
};

struct Profile {
  // organization
  std::optional<std::string> name;
  std::int64_t employees = 1;
  std::optional<Money> annualRevenue;
  std::optional<Money> balanceSheetTotal;
  std::optional<Money> totalAssets;
  std::string sector;
  std::vector<std::string> jurisdictions;
  std::optional<std::vector<std::string>> publiclyListed;
  std::optional<std::int64_t> sites;
  std::optional<bool> operationalTechnology;
  std::optional<bool> criticalInfrastructure;
  std::optional<std::string> publicSectorBody;  // none | us-federal-agency | public-authority
  // data
  std::optional<std::string> personalData;          // none | limited | large-scale
  std::optional<std::string> specialCategoryData;   // none | limited | large-scale
  std::optional<std::string> systematicMonitoring;  // none | limited | large-scale
  std::optional<std::string> hipaa;                 // none | covered-entity | business-associate
  std::optional<std::string> paymentCards;          // none | merchant | service-provider
  std::optional<std::string> intellectualProperty;  // low | medium | high
  // regulatory
  std::optional<bool> nydfsCovered;
  std::optional<bool> euFinancialEntity;
  std::optional<std::string> nis2;  // auto | essential | important | none
  std::optional<std::vector<std::string>> frameworks;
  // risk
  std::optional<std::string> physicalRisk;  // low | medium | high
  std::optional<std::string> cyberThreat;   // low | medium | high
  std::optional<std::int64_t> incidentsLast24Months;
  std::optional<std::string> riskAppetite;  // averse | balanced | seeking
  std::optional<int> securityMaturity;      // 1..5
  // strategy
  std::optional<std::string> priority;
  std::optional<std::string> cloud;
  std::optional<std::string> workforce;
  // budget
  std::optional<Money> itBudget;
  std::optional<Money> securityBudget;
  std::optional<bool> canFundFullTimeSecurityExecutive;
  // structure today
  std::optional<std::vector<CurrentRole>> currentRoles;
  std::optional<std::map<std::string, Assignment>> currentAssignments;
  // caller settings
  Settings settings;
};

// Parses and validates profile JSON text. On success returns the profile; otherwise
// appends every problem found to `errors` and returns nullopt. Never throws.
// `kb` (default: the embedded one) names the responsibilities currentAssignments may use,
// so a responsibility added by an overlay can be assigned.
// parseProfileInto() fills `out` in place instead (the engine's call: no Profile is moved,
// which spares the module Profile's move constructor); `out` is empty unless it succeeded.
void parseProfileInto(std::string_view text, std::vector<Error>& errors, const Kb* kb,
                      std::optional<Profile>& out) noexcept;
inline std::optional<Profile> parseProfile(std::string_view text, std::vector<Error>& errors,
                                           const Kb* kb = nullptr) noexcept {
  std::optional<Profile> out;
  parseProfileInto(text, errors, kb, out);
  return out;
}

// JSON Pointers of the optional fields the profile left out (sorted, contract order).
std::vector<std::string> unknownFields(const Profile& profile);

}  // namespace seclead
