#include "decision.h"

#include "context.h"

namespace seclead {

const std::vector<std::string>& leadershipModels() {
  static const std::vector<std::string> models = {"distributed",    "vciso",         "hybrid",
                                                  "dedicated-ciso", "cso-with-ciso", "cso-combined"};
  return models;
}

void loadDecision(const json& document, Kb& kb, std::vector<KbError>& errors) {
  (void)errors;
  kb.decision.raw = document;  // TODO(issue 4): compile the rules
}

Leadership decideLeadership(const Context& ctx, const std::vector<ObligationResult>& obligations) {
  (void)ctx, (void)obligations;
  Leadership l;
  l.model = "distributed";
  l.cisoReportsTo = "none";
  l.dpo = "not-required";
  for (const auto& m : leadershipModels()) l.score.emplace_back(m, 0);
  return l;
}

ordered_json toJson(const Leadership& l) {
  ordered_json out;
  out["model"] = l.model;
  out["cisoReportsTo"] = l.cisoReportsTo;
  out["dpo"] = l.dpo;
  ordered_json score = ordered_json::object();
  for (const auto& [model, value] : l.score) score[model] = value;
  out["score"] = std::move(score);
  ordered_json rationale = ordered_json::array();
  for (const auto& r : l.rationale)
    rationale.push_back({{"rule", r.rule}, {"effect", r.effect}, {"because", r.because}, {"source", r.source}});
  out["rationale"] = std::move(rationale);
  ordered_json sensitivity = ordered_json::array();
  for (const auto& s : l.sensitivity)
    sensitivity.push_back({{"field", s.field}, {"from", s.from}, {"to", s.to}, {"model", s.model}});
  out["sensitivity"] = std::move(sensitivity);
  for (const auto& [key, value] : l.extra.items()) out[key] = value;
  return out;
}

}  // namespace seclead
