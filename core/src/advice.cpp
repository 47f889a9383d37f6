#include "advice.h"

#include "context.h"
#include "decision.h"
#include "raci.h"

namespace seclead {

void loadAdvice(const json& document, Kb& kb, std::vector<KbError>& errors) {
  (void)errors;
  kb.advice.raw = document;  // TODO(issue 4)
}

std::vector<CollaborationPractice> adviseCollaboration(const Context& ctx, const Leadership& leadership) {
  (void)ctx, (void)leadership;
  return {};
}

std::vector<RoadmapItem> planRoadmap(const Context& ctx, const Leadership& leadership,
                                     const std::vector<ObligationResult>& obligations,
                                     const std::vector<Finding>& findings) {
  (void)ctx, (void)leadership, (void)obligations, (void)findings;
  return {};
}

ordered_json roleCharter(const Context& ctx, const Leadership& leadership, const Raci& raci) {
  (void)ctx, (void)leadership, (void)raci;
  return nullptr;
}

ordered_json toJson(const CollaborationPractice& p) {
  ordered_json out;
  out["challenge"] = p.challenge;
  out["practice"] = p.practice;
  out["because"] = p.because;
  out["source"] = p.source;
  return out;
}

ordered_json toJson(const RoadmapItem& item) {
  ordered_json out;
  out["horizon"] = item.horizon;
  out["action"] = item.action;
  out["owner"] = item.owner;
  out["because"] = item.because;
  out["source"] = item.source;
  return out;
}

}  // namespace seclead
