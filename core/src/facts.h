// Facts derived once per assessment from the profile: geography, size, money in USD/EUR,
// and regulatory classifications. Rules and obligations read facts, not raw text.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace seclead {

struct Kb;
struct Profile;

struct Facts {
  // geography
  std::vector<std::string> countries;  // ISO alpha-2 of every jurisdiction, sorted, unique
  bool eu = false;   // any EU/EEA member state
  bool us = false;
  bool usNy = false;  // "US-NY" listed
  bool listedInUs = false;
  std::optional<bool> listedAnywhere;  // nullopt when publiclyListed is unknown

  // size
  std::int64_t employees = 1;
  std::string sizeBand;  // micro (<10) | small (<50) | medium (<250) | large (<1000) | enterprise
  int sizeRank = 0;      // 0..4 in the order above
  std::optional<double> revenueUsd, revenueEur;
  std::optional<double> balanceSheetEur;
  std::optional<double> totalAssetsUsd;
  std::optional<double> itBudgetUsd, securityBudgetUsd;

  // sector groups
  bool financialSector = false;  // banking | insurance | financial-services
  bool healthSector = false;     // healthcare | pharmaceuticals

  // regulatory classifications (obligations.cpp fills these)
  std::string nis2Class = "none";  // none | important | essential | unknown
  std::optional<bool> doraMicroenterprise;
  std::optional<bool> nydfsExempt;
};

Facts deriveFacts(const Profile& profile, const Kb& kb);

// Text of EU/EEA membership, used by facts and tests.
bool isEuEeaCountry(std::string_view alpha2);

}  // namespace seclead
