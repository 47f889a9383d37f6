// Helpers shared by the unit tests: reading files and building typed profiles in code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "profile.h"

namespace seclead::test {

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// An organization with only the required fields set.
inline Profile org(std::int64_t employees, std::string sector = "technology",
                   std::vector<std::string> jurisdictions = {"US"}) {
  Profile p;
  p.employees = employees;
  p.sector = std::move(sector);
  p.jurisdictions = std::move(jurisdictions);
  return p;
}

// One currentRoles entry (employment "internal", as a profile that omits it).
inline CurrentRole role(std::string id, std::string r, std::string reportsTo = "",
                        std::vector<std::string> also = {}, std::string employment = "internal") {
  CurrentRole c;
  c.id = std::move(id);
  c.role = std::move(r);
  c.reportsTo = std::move(reportsTo);
  c.alsoActsAs = std::move(also);
  c.employment = std::move(employment);
  return c;
}

// The obligation ids of the contract, section 6.
inline const std::vector<std::string>& contractObligationIds() {
  static const std::vector<std::string> ids = {
      "nydfs-500.4",          "hipaa-security-official",
      "hipaa-privacy-official", "gdpr-dpo-designation",
      "gdpr-dpo-independence", "nis2-management-body",
      "nis2-security-officer", "dora-management-body",
      "dora-ict-third-party-role", "dora-ict-risk-control-function",
      "sec-item-106",         "pci-dss-12.1.4",
      "pci-dss-12.4.1",       "iso27001-roles",
      "iso27001-segregation", "soc2-cc1.3",
      "nist-csf-gv-rr",       "fisma-saiso",
      "ftc-safeguards-qualified-individual", "naic-668",
      "apra-cps234",          "mas-trm-ciso",
      "rbi-ciso"};
  return ids;
}

}  // namespace seclead::test
