#include "obligations.h"

#include "context.h"

namespace seclead {

void loadObligations(const json& document, Kb& kb, std::vector<KbError>& errors) {
  (void)document, (void)kb, (void)errors;  // TODO(issue 3): the regulation catalog
}

void deriveRegulatoryFacts(const Profile& profile, const Kb& kb, Facts& facts) {
  (void)profile, (void)kb, (void)facts;
}

std::vector<ObligationResult> evaluateObligations(const Context& ctx) {
  (void)ctx;
  return {};
}

ordered_json toJson(const ObligationResult& r) {
  ordered_json out;
  out["id"] = r.id;
  out["status"] = r.status;
  out["requires"] = r.requirement;
  out["roles"] = r.roles;
  out["source"] = r.source;
  out["reason"] = r.reason;
  if (!r.unknownFields.empty()) out["unknownFields"] = r.unknownFields;
  return out;
}

}  // namespace seclead
