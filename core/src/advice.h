// CIO/CISO collaboration practices, the 30/90/365-day roadmap and the role charter.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "decision.h"
#include "findings.h"
#include "json.h"
#include "obligations.h"

namespace seclead {

struct Context;
struct Kb;
struct KbError;
struct Raci;

struct AdvicePractice {
  std::string id;
  bool always = true;
  Condition when;
  std::string practice, because, source;
};

struct AdviceChallenge {
  std::string challenge;
  std::vector<AdvicePractice> practices;  // first match wins
};

struct RoadmapTemplate {
  std::string id, horizon;
  bool always = true;
  Condition when;
  std::string action, owner, because, source;
};

struct CharterText {
  std::string text, source;
  bool always = true;
  Condition when;
};

// Name -> text, in the knowledge file's order (names unique: the reader refuses a repeated
// member name). Pairs, not a map: no map code in the module for these small tables.
using TextTable = std::vector<std::pair<std::string, std::string>>;

// The text of `name` in `table`, or null.
const std::string* textOf(const TextTable& table, std::string_view name);

struct RoleSkill {
  std::string role, skill, source;
};

struct AdviceKnowledge {
  Condition collaborationWhen;
  std::string collaborationReason;
  std::vector<AdviceChallenge> challenges;
  std::vector<RoadmapTemplate> roadmap;
  TextTable findingHorizon, findingOwner, executives;  // looked up by textOf()
  std::vector<RoleSkill> skills;  // advice.json order: by role, then as listed
  std::vector<CharterText> authority;
};

struct CollaborationPractice {
  std::string challenge;  // budget-allocation | risk-perspectives | communication-gaps
  std::string practice;
  std::string because;
  std::string source;
};

struct RoadmapItem {
  std::string horizon;  // 30-days | 90-days | 12-months
  std::string action;
  std::string owner;  // role id
  std::string because;
  std::string source;
};

void loadAdvice(const json& document, Kb& kb, std::vector<KbError>& errors);

std::vector<CollaborationPractice> adviseCollaboration(const Context& ctx,
                                                       const Leadership& leadership);
std::vector<RoadmapItem> planRoadmap(const Context& ctx, const Leadership& leadership,
                                     const std::vector<ObligationResult>& obligations,
                                     const std::vector<Finding>& findings);
// The role charter of the recommended security executive (an added optional report field).
ordered_json roleCharter(const Context& ctx, const Leadership& leadership, const Raci& raci);

ordered_json toJson(const CollaborationPractice& practice);
ordered_json toJson(const RoadmapItem& item);

}  // namespace seclead
