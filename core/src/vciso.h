// vCISO engagement sizing and cost against a full-time executive.
#pragma once

#include <string>
#include <vector>

#include "json.h"
#include "obligations.h"

namespace seclead {

struct Context;
struct Kb;
struct KbError;
struct Leadership;

struct VcisoKnowledge {
  json raw;  // vciso.json: hours model, hourly rate range, full-time cost, triggers, sources
};

struct VcisoPlan {
  bool recommended = false;
  int hoursPerMonth = 0;
  double monthlyLow = 0, monthlyHigh = 0;
  std::string currency = "USD";
  std::vector<std::string> transitionTriggers;
  ordered_json extra = ordered_json::object();  // optional added fields (break-even, basis, ...)
};

void loadVciso(const json& document, Kb& kb, std::vector<KbError>& errors);

VcisoPlan sizeVciso(const Context& ctx, const Leadership& leadership,
                    const std::vector<ObligationResult>& obligations);

ordered_json toJson(const VcisoPlan& plan);

}  // namespace seclead
