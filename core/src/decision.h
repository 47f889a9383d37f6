// The leadership decision: rules (core/knowledge/rules.json) scored into a model, the CISO
// reporting line, the DPO verdict, the rationale and the what-if sensitivity.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "json.h"
#include "obligations.h"

namespace seclead {

struct Context;
struct Kb;
struct KbError;

struct DecisionKnowledge {
  json raw;  // rules.json; decision.cpp compiles what it needs
};

struct RationaleEntry {
  std::string rule, effect, because, source;
};

struct SensitivityEntry {
  std::string field;  // JSON Pointer into the profile
  ordered_json from, to;
  std::string model;
};

struct Leadership {
  std::string model;          // distributed | vciso | hybrid | dedicated-ciso | cso-with-ciso | cso-combined
  std::string cisoReportsTo;  // none | cio | ceo | board | cso | coo | cro
  std::string dpo;            // required | recommended | not-required
  std::vector<std::pair<std::string, int>> score;  // per model, contract order, 0..100
  std::vector<RationaleEntry> rationale;
  std::vector<SensitivityEntry> sensitivity;
  ordered_json extra = ordered_json::object();  // optional added fields (reasons, charter, ...)
};

// The six models in the contract's order; the tie-break order is documented in rules.json.
const std::vector<std::string>& leadershipModels();

void loadDecision(const json& document, Kb& kb, std::vector<KbError>& errors);

Leadership decideLeadership(const Context& ctx, const std::vector<ObligationResult>& obligations);

ordered_json toJson(const Leadership& leadership);

}  // namespace seclead
