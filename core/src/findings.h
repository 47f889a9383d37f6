// Findings on today's structure (contract finding kinds).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "json.h"
#include "obligations.h"

namespace seclead {

struct Context;
struct Leadership;
struct Raci;

struct Finding {
  std::string id;
  std::string kind;      // unowned | multiple-accountable | conflict | independence | overload |
                         // obligation-gap | collaboration | unknown-input
  std::string severity;  // critical | high | medium | low
  std::string message;
  std::string recommendation;
  std::vector<std::string> roles;
  std::string responsibility;  // optional: empty when none
  std::string obligation;      // optional: empty when none
  std::string source;
};

// Ordered by severity (critical first), then id.
std::vector<Finding> findIssues(const Context& ctx, const Leadership& leadership,
                                const std::vector<ObligationResult>& obligations,
                                const std::optional<Raci>& currentRaci);

ordered_json toJson(const Finding& finding);

}  // namespace seclead
