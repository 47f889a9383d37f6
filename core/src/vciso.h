// vCISO engagement sizing and cost against a full-time executive.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "json.h"
#include "obligations.h"

namespace seclead {

struct Context;
struct Kb;
struct KbError;
struct Leadership;

// The hour tables are arrays over their fixed keys (vciso.json's keys are checked by the
// loader), so the module instantiates no map for them.
struct VcisoKnowledge {
  std::array<int, 5> hoursBySizeBand{};  // by Facts::sizeRank: micro, small, ..., enterprise
  int perObligation = 0, perIncident = 0, maxIncidents = 0, minHours = 0, maxHours = 0;
  std::array<int, 5> hoursByMaturity{};  // security maturity 1..5
  std::array<int, 3> hoursByThreat{};    // cyber threat, in contract::kLevel's order
  double rateLowUsd = 0, rateHighUsd = 0, fullTimeAnnualUsd = 0;
  std::string hoursSource, rateSource, fullTimeSource;
  std::int64_t triggerHeadcount = 0;
  int triggerIncidents = 0;
  std::vector<std::string> internalCisoObligations, independenceObligations;
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

// Hours a month a vCISO engagement needs for this profile (the sizing model alone).
int vcisoHoursPerMonth(const Context& ctx, const std::vector<ObligationResult>& obligations);

ordered_json toJson(const VcisoPlan& plan);

}  // namespace seclead
