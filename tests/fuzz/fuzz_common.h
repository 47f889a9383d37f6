// Shared helpers of the libFuzzer targets: a fixed valid profile and the invariants every
// public call must keep on any input (never crash, ok XOR errors, errors well-formed).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "seclead/engine.h"

namespace seclead::fuzz {

// A complete, valid profile (every section filled) used as the fixed base of the overlay target.
inline constexpr std::string_view kBaseProfile = R"({
  "schema": "seclead.profile/1",
  "organization": {
    "name": "Fuzz Base Clinic", "employees": 420,
    "annualRevenue": { "amount": 60000000, "currency": "USD" },
    "sector": "healthcare", "jurisdictions": ["US", "US-NY", "DE"], "publiclyListed": ["US"],
    "sites": 4, "operationalTechnology": true, "criticalInfrastructure": false, "publicSectorBody": "none"
  },
  "data": { "personalData": "large-scale", "specialCategoryData": "large-scale", "systematicMonitoring": "limited",
            "hipaa": "covered-entity", "paymentCards": "merchant", "intellectualProperty": "medium" },
  "regulatory": { "nydfsCovered": false, "euFinancialEntity": false, "nis2": "auto", "frameworks": ["iso27001", "soc2"] },
  "risk": { "physicalRisk": "medium", "cyberThreat": "high", "incidentsLast24Months": 2, "riskAppetite": "balanced",
            "securityMaturity": 2 },
  "strategy": { "priority": "digital-transformation", "cloud": "hybrid", "workforce": "hybrid" },
  "budget": { "it": { "amount": 3000000, "currency": "USD" }, "security": { "amount": 300000, "currency": "USD" },
              "canFundFullTimeSecurityExecutive": true },
  "currentRoles": [
    { "id": "r1", "role": "cio", "reportsTo": "ceo", "employment": "internal", "fte": 1.0 },
    { "id": "r2", "role": "it-manager", "reportsTo": "r1", "alsoActsAs": ["ciso", "dpo"] }
  ],
  "currentAssignments": { "incident-response": { "accountable": "r2", "responsible": ["r2"] } }
})";

inline constexpr const char* kFormats[] = {"json", "markdown", "csv", "html", "oscal", "summary"};

[[noreturn]] inline void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "seclead fuzz invariant broken: %s\n%.2000s\n", what, detail.c_str());
  std::abort();
}

// ok XOR errors; every error carries a known code; an error's path is empty or a JSON Pointer.
inline void checkResult(const Result& r, const char* call) {
  if (r.ok && !r.errors.empty()) fail(call, "ok with errors: " + r.errorJson());
  if (!r.ok && r.errors.empty()) fail(call, "not ok and no error");
  if (!r.ok && !r.output.empty()) fail(call, "not ok but output: " + r.output);
  static constexpr std::string_view kCodes[] = {"syntax",    "type",     "range",
                                                "enum",      "required", "unknown-field",
                                                "reference", "limit",    "schema-version"};
  for (const auto& e : r.errors) {
    bool known = false;
    for (auto c : kCodes) known = known || e.code == c;
    if (!known) fail(call, "unknown error code '" + e.code + "'");
    if (!e.path.empty() && e.path[0] != '/')
      fail(call, "error path is not a JSON Pointer: " + e.path);
  }
  (void)r.errorJson();  // must serialize whatever the messages hold
}

}  // namespace seclead::fuzz
