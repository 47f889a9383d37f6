#include "findings.h"

#include "context.h"
#include "decision.h"
#include "raci.h"

namespace seclead {

std::vector<Finding> findIssues(const Context& ctx, const Leadership& leadership,
                                const std::vector<ObligationResult>& obligations,
                                const std::optional<Raci>& currentRaci) {
  (void)ctx, (void)leadership, (void)obligations, (void)currentRaci;
  return {};  // TODO(issue 3)
}

ordered_json toJson(const Finding& f) {
  ordered_json out;
  out["id"] = f.id;
  out["kind"] = f.kind;
  out["severity"] = f.severity;
  out["message"] = f.message;
  out["recommendation"] = f.recommendation;
  out["roles"] = f.roles;
  if (!f.responsibility.empty()) out["responsibility"] = f.responsibility;
  if (!f.obligation.empty()) out["obligation"] = f.obligation;
  out["source"] = f.source;
  return out;
}

}  // namespace seclead
