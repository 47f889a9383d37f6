// The closed value lists of the profile contract (../shared/contract/CONTRACT.md, section 1),
// written once: the validator (profile.cpp), the questionnaire's field table
// (questionnaire.cpp) and the what-if search (leadership.cpp) all read them from here.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace seclead::contract {

inline constexpr std::array<std::string_view, 24> kSectors = {
    "banking",       "insurance",       "financial-services",
    "healthcare",    "pharmaceuticals", "government",
    "defense",       "energy",          "utilities",
    "transport",     "telecom",         "digital-infrastructure",
    "manufacturing", "chemicals",       "food",
    "retail",        "technology",      "professional-services",
    "education",     "research",        "media",
    "hospitality",   "nonprofit",       "other"};

inline constexpr std::array<std::string_view, 19> kRoles = {"board",
                                                            "ceo",
                                                            "cfo",
                                                            "coo",
                                                            "cio",
                                                            "cto",
                                                            "ciso",
                                                            "cso",
                                                            "vciso",
                                                            "dpo",
                                                            "cro",
                                                            "general-counsel",
                                                            "compliance-officer",
                                                            "internal-audit",
                                                            "it-manager",
                                                            "security-manager",
                                                            "facilities-manager",
                                                            "hr-director",
                                                            "privacy-officer"};

inline constexpr std::array<std::string_view, 3> kPublicSector = {"none", "us-federal-agency",
                                                                  "public-authority"};
inline constexpr std::array<std::string_view, 3> kScale = {"none", "limited", "large-scale"};
inline constexpr std::array<std::string_view, 3> kHipaa = {"none", "covered-entity",
                                                           "business-associate"};
inline constexpr std::array<std::string_view, 3> kCards = {"none", "merchant", "service-provider"};
inline constexpr std::array<std::string_view, 3> kLevel = {"low", "medium", "high"};
inline constexpr std::array<std::string_view, 4> kNis2 = {"auto", "essential", "important", "none"};
inline constexpr std::array<std::string_view, 3> kAppetite = {"averse", "balanced", "seeking"};
inline constexpr std::array<std::string_view, 4> kPriority = {
    "growth", "efficiency", "digital-transformation", "security-and-compliance"};
inline constexpr std::array<std::string_view, 3> kCloud = {"on-premises", "hybrid", "cloud-first"};
inline constexpr std::array<std::string_view, 3> kWorkforce = {"on-site", "hybrid", "remote"};
inline constexpr std::array<std::string_view, 3> kEmployment = {"internal", "external",
                                                                "affiliate"};

// A list as owned strings (for tables that store std::string).
template <std::size_t N>
std::vector<std::string> strings(const std::array<std::string_view, N>& list) {
  return std::vector<std::string>(list.begin(), list.end());
}

}  // namespace seclead::contract
