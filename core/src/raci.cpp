#include "raci.h"

#include "context.h"
#include "decision.h"

namespace seclead {

void loadRaci(const json& document, Kb& kb, std::vector<KbError>& errors) {
  (void)errors;
  kb.raci.raw = document;  // TODO(issue 3)
}

Raci buildRecommendedRaci(const Context& ctx, const Leadership& leadership) {
  (void)ctx, (void)leadership;
  return {};
}

std::optional<Raci> buildCurrentRaci(const Context& ctx) {
  (void)ctx;
  return std::nullopt;
}

ordered_json toJson(const Raci& raci) {
  ordered_json out;
  out["roles"] = raci.roles;
  ordered_json rows = ordered_json::array();
  for (const auto& row : raci.rows) {
    ordered_json r;
    r["responsibility"] = row.responsibility;
    r["R"] = row.R;
    r["A"] = row.A;
    r["C"] = row.C;
    r["I"] = row.I;
    rows.push_back(std::move(r));
  }
  out["rows"] = std::move(rows);
  return out;
}

}  // namespace seclead
