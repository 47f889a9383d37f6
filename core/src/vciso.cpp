#include "vciso.h"

#include "context.h"
#include "decision.h"

namespace seclead {

void loadVciso(const json& document, Kb& kb, std::vector<KbError>& errors) {
  (void)errors;
  kb.vciso.raw = document;  // TODO(issue 4)
}

VcisoPlan sizeVciso(const Context& ctx, const Leadership& leadership,
                    const std::vector<ObligationResult>& obligations) {
  (void)ctx, (void)leadership, (void)obligations;
  return {};
}

ordered_json toJson(const VcisoPlan& p) {
  ordered_json out;
  out["recommended"] = p.recommended;
  out["hoursPerMonth"] = p.hoursPerMonth;
  out["monthlyCost"] = {{"low", p.monthlyLow}, {"high", p.monthlyHigh}, {"currency", p.currency}};
  out["transitionTriggers"] = p.transitionTriggers;
  for (const auto& [key, value] : p.extra.items()) out[key] = value;
  return out;
}

}  // namespace seclead
