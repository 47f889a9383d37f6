// One place that decides which JSON types the core uses.
#pragma once

#include <nlohmann/json.hpp>

namespace seclead {
using json = nlohmann::json;                  // sorted keys: canonical form (knowledge hash)
using ordered_json = nlohmann::ordered_json;  // insertion order: report key order is fixed by code
}  // namespace seclead
