// Regulatory role obligations (contract section 6): the catalog (core/knowledge/
// obligations.json) and its evaluation against the profile and today's roles.
#pragma once

#include <string>
#include <vector>

#include "json.h"

namespace seclead {

struct Context;
struct Facts;
struct Kb;
struct KbError;
struct Profile;

// One catalog entry, as loaded from the knowledge base.
struct ObligationRule {
  std::string id;
  std::string requirement;          // one sentence
  std::vector<std::string> roles;  // roles it concerns
  std::string source;
  json raw;  // the whole entry, for fields the evaluator reads (triggers, duty, ...)
};

struct ObligationCatalog {
  std::vector<ObligationRule> rules;  // catalog order = report order
};

struct ObligationResult {
  std::string id;
  std::string status;  // met | gap | partial | not-applicable | unknown
  std::string requirement;
  std::vector<std::string> roles;
  std::string source;
  std::string reason;                      // one sentence: why this status
  std::vector<std::string> unknownFields;  // pointers whose absence made it unknown
};

void loadObligations(const json& document, Kb& kb, std::vector<KbError>& errors);

// Applicable (or unknown) obligations in catalog order; with explain, not-applicable too.
std::vector<ObligationResult> evaluateObligations(const Context& ctx);

// Regulatory classifications derived from the profile (NIS2 class, DORA micro, NYDFS exemption).
void deriveRegulatoryFacts(const Profile& profile, const Kb& kb, Facts& facts);

ordered_json toJson(const ObligationResult& result);

}  // namespace seclead
