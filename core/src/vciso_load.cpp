// Reading vciso.json: the monthly hours by size band, maturity and threat, the hourly rates,
// the full-time costs and the triggers for a full-time CISO. Kept apart from the sizing in
// vciso.cpp, which the WebAssembly module compiles for speed (core/CMakeLists.txt): the
// loader runs once per process and is smaller built for size.
#include "contract.h"
#include "kb.h"
#include "vciso.h"

namespace seclead {

void loadVciso(const json& doc, Kb& kb, std::vector<KbError>& errors) {
  KbReader read{"vciso.json", errors};
  VcisoKnowledge& k = kb.vciso;
  if (!doc.is_object()) return read.fail("", "expected an object");
  const json& hours = doc.valueRef("hours", json::sharedEmptyObject());
  const json& rate = doc.valueRef("rate", json::sharedEmptyObject());
  const json& fullTime = doc.valueRef("fullTime", json::sharedEmptyObject());
  const json& triggers = doc.valueRef("triggers", json::sharedEmptyObject());
  const json& bySizeBand = hours.valueRef("bySizeBand", json::sharedEmptyObject());
  const char* const bands[] = {"micro", "small", "medium", "large", "enterprise"};
  for (std::size_t i = 0; i < k.hoursBySizeBand.size(); ++i)
    k.hoursBySizeBand[i] = static_cast<int>(read.num(bySizeBand, bands[i], "/hours/bySizeBand"));
  k.hoursSource = read.str(hours, "bySizeBandSource", "/hours");
  k.perObligation = static_cast<int>(read.num(hours, "perApplicableObligation", "/hours"));
  k.perIncident = static_cast<int>(read.num(hours, "perIncident", "/hours"));
  k.maxIncidents = static_cast<int>(read.num(hours, "maxIncidents", "/hours"));
  k.minHours = static_cast<int>(read.num(hours, "minHours", "/hours"));
  k.maxHours = static_cast<int>(read.num(hours, "maxHours", "/hours"));
  const json& byMaturity = hours.valueRef("byMaturity", json::sharedEmptyObject());
  const char* const levels[] = {"1", "2", "3", "4", "5"};
  for (std::size_t i = 0; i < k.hoursByMaturity.size(); ++i)
    k.hoursByMaturity[i] = static_cast<int>(read.num(byMaturity, levels[i], "/hours/byMaturity"));
  const json& byThreat = hours.valueRef("byThreat", json::sharedEmptyObject());
  for (std::size_t i = 0; i < k.hoursByThreat.size(); ++i)
    // kLevel's views are of string literals, so their data() ends in a NUL.
    k.hoursByThreat[i] =
        static_cast<int>(read.num(byThreat, contract::kLevel[i].data(), "/hours/byThreat"));
  k.rateLowUsd = read.num(rate, "lowUsd", "/rate");
  k.rateHighUsd = read.num(rate, "highUsd", "/rate");
  k.rateSource = read.str(rate, "source", "/rate");
  if (k.rateLowUsd <= 0 || k.rateHighUsd < k.rateLowUsd)
    read.fail("/rate", "expected 0 < lowUsd <= highUsd");
  k.fullTimeAnnualUsd = read.num(fullTime, "annualCostUsd", "/fullTime");
  k.fullTimeSource = read.str(fullTime, "source", "/fullTime");
  k.triggerHeadcount = static_cast<std::int64_t>(read.num(triggers, "headcount", "/triggers"));
  k.triggerIncidents = static_cast<int>(read.num(triggers, "incidents", "/triggers"));
  k.internalCisoObligations = read.strs(triggers, "internalCisoObligations", "/triggers");
  k.independenceObligations = read.strs(triggers, "independenceObligations", "/triggers");
}

}  // namespace seclead
