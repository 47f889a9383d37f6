#include "facts.h"

#include <algorithm>
#include <array>

#include "kb.h"
#include "obligations.h"
#include "profile.h"
#include "sort.h"

namespace seclead {

bool isEuEeaCountry(std::string_view alpha2) {
  // EU-27 plus the EEA states Iceland, Liechtenstein and Norway (GDPR, NIS2 and DORA apply
  // in the EEA). Greece is "GR" in ISO 3166-1.
  static constexpr std::array<std::string_view, 30> kMembers = {
      "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
      "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"};
  return std::find(kMembers.begin(), kMembers.end(), alpha2) != kMembers.end();
}

namespace {

std::string sizeBandOf(std::int64_t employees, int& rank) {
  if (employees < 10) return rank = 0, "micro";
  if (employees < 50) return rank = 1, "small";
  if (employees < 250) return rank = 2, "medium";
  if (employees < 1000) return rank = 3, "large";
  return rank = 4, "enterprise";
}

std::optional<double> inUsd(const Kb& kb, const std::optional<Money>& money) {
  if (!money) return std::nullopt;
  return kb.toUsd(money->amount, money->currency);
}

std::optional<double> inEur(const Kb& kb, const std::optional<Money>& money) {
  auto usd = inUsd(kb, money);
  if (!usd) return std::nullopt;
  return kb.fromUsd(*usd, "EUR");
}

}  // namespace

Facts deriveFacts(const Profile& profile, const Kb& kb) {
  Facts facts;
  for (const auto& j : profile.jurisdictions) {
    std::string country = j.substr(0, 2);
    if (std::find(facts.countries.begin(), facts.countries.end(), country) == facts.countries.end())
      facts.countries.push_back(country);
    if (j == "US-NY") facts.usNy = true;
  }
  sortStable(facts.countries);
  for (const auto& c : facts.countries) {
    if (isEuEeaCountry(c)) facts.eu = true;
    if (c == "US") facts.us = true;
  }
  if (profile.publiclyListed) {
    facts.listedAnywhere = !profile.publiclyListed->empty();
    for (const auto& c : *profile.publiclyListed)
      if (c.substr(0, 2) == "US") facts.listedInUs = true;
  }
  if (profile.currentRoles) {
    bool dpo = false;
    for (const auto& r : *profile.currentRoles) {
      dpo = dpo || r.role == "dpo";
      for (const auto& a : r.alsoActsAs) dpo = dpo || a == "dpo";
    }
    facts.dpoExists = dpo;
  }
  refreshFacts(profile, kb, facts);
  return facts;
}

void refreshFacts(const Profile& profile, const Kb& kb, Facts& facts, MoneyFacts money) {
  facts.employees = profile.employees;
  facts.sizeBand = sizeBandOf(profile.employees, facts.sizeRank);
  facts.revenueUsd = inUsd(kb, profile.annualRevenue);
  facts.revenueEur = inEur(kb, profile.annualRevenue);
  if (money == MoneyFacts::All) {
    facts.balanceSheetEur = inEur(kb, profile.balanceSheetTotal);
    facts.totalAssetsUsd = inUsd(kb, profile.totalAssets);
    facts.itBudgetUsd = inUsd(kb, profile.itBudget);
    facts.securityBudgetUsd = inUsd(kb, profile.securityBudget);
  }

  const auto& s = profile.sector;
  facts.financialSector = s == "banking" || s == "insurance" || s == "financial-services";
  facts.healthSector = s == "healthcare" || s == "pharmaceuticals";

  deriveRegulatoryFacts(profile, kb, facts);
}

}  // namespace seclead
