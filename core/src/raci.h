// The RACI matrix over the responsibilities, for the recommended structure and for today's.
//
// core/knowledge/raci.json holds one template row per responsibility with placeholders
// ($sec, $secR, $strat, ...) that each leadership model binds to roles, and the roles a smaller
// organization usually lacks with who takes their duties instead (cio -> it-manager, ...).
// Everything is compiled at load into role indices; building a RACI does no JSON work.
//
// Invariants of the recommended RACI: every row has exactly one A (never empty) and at least
// one R; a role appears at most once per row. Today's RACI (buildCurrentRaci) is honest: a
// row whose default owner does not exist today and has no assignment has A == "" (empty) and
// R == [], which findings report as `unowned`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json.h"

namespace seclead {

struct Context;
struct Kb;
struct KbError;
struct Leadership;

struct RaciTemplateRow {
  int A = -1;  // role index into kb.roles
  std::vector<int> R, C, I;
  std::string criticality = "medium";  // high | medium | low: severity of an unowned finding
  std::string source;
};

struct RaciModel {
  std::string id;
  std::vector<RaciTemplateRow> rows;  // by kb.responsibilities index
  RaciTemplateRow fallbackRow;        // for responsibilities without a template row
  std::vector<int> fallback;          // by role index: who takes the duty when absent, or -1
  std::string source;
};

struct RaciKnowledge {
  std::vector<RaciModel> models;
  std::vector<int> minEmployees;  // by role index: typical minimum size, 0 = always present
  int dpoRole = -1;
  const RaciModel* model(std::string_view id) const;
};

struct RaciRow {
  std::string responsibility;
  std::vector<std::string> R;
  std::string A;  // empty only in today's RACI when no one owns the row
  std::vector<std::string> C;
  std::vector<std::string> I;
  // Not serialized (today's RACI only): currentRoles ids of the accountable person, of the
  // responsible people, and every person holding the default accountable role (> 1: several).
  std::string accountableId;
  std::vector<std::string> responsibleIds;
  std::vector<std::string> accountableCandidates;
  bool fromAssignment = false;
  std::string criticality;
};

struct Raci {
  std::vector<std::string> roles;
  std::vector<RaciRow> rows;  // knowledge order of responsibilities
};

void loadRaci(const json& document, Kb& kb, std::vector<KbError>& errors);

Raci buildRecommendedRaci(const Context& ctx, const Leadership& leadership);
// Today's structure from currentRoles/currentAssignments; nullopt when currentRoles is absent.
std::optional<Raci> buildCurrentRaci(const Context& ctx);

ordered_json toJson(const Raci& raci);

}  // namespace seclead
