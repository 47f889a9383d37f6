// The RACI matrix over the responsibilities, for the recommended structure and for today's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "json.h"

namespace seclead {

struct Context;
struct Kb;
struct KbError;
struct Leadership;

struct RaciKnowledge {
  json raw;  // raci.json
};

struct RaciRow {
  std::string responsibility;
  std::vector<std::string> R;
  std::string A;
  std::vector<std::string> C;
  std::vector<std::string> I;
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
