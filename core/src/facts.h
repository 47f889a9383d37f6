// Facts derived once per assessment from the profile: geography, size, money in USD/EUR,
// and regulatory classifications. Rules and obligations read facts, not raw text.
#pragma once

#include <cstdint>
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

  // regulatory classifications (obligations.cpp fills these). nullopt = unknown: a field the
  // profile left out could change the answer; the matching *Unknown mask names those fields
  // (bits of RegField, pointers from regFieldPointer).
  std::string nis2Class = "none";  // none | important | essential | unknown
  std::string nis2Sector = "none";  // annex-i | annex-ii | none (NIS2 Annexes, from the sector)
  std::optional<bool> nis2InScope;
  std::optional<bool> doraMicroenterprise;
  std::optional<bool> nydfsExempt;
  std::optional<bool> nydfsCovered;       // given, or false when it cannot apply
  std::optional<bool> euFinancialEntity;  // given, or false when not an EU financial firm
  std::optional<std::string> hipaa;         // given, or "none" when it cannot apply
  std::optional<std::string> paymentCards;  // given, or "none" for sectors rarely taking cards
  std::optional<std::string> publicSectorBody;  // given, or "none" outside sector government
  std::optional<bool> usListed;  // listed in the US; false when unlikely and not given
  std::optional<bool> dpoExists;  // someone is or acts as dpo today; nullopt without currentRoles
  std::optional<bool> gdprDpoMandatory;  // GDPR Art. 37(1) / BDSG 38 trigger (obligations.json)
  std::uint32_t nis2Unknown = 0, doraMicroUnknown = 0, nydfsExemptUnknown = 0,
                gdprDpoUnknown = 0;

  bool operator==(const Facts&) const = default;
};

// Profile fields whose absence can leave a regulatory fact unknown (bit i of the masks above).
enum RegField : std::uint32_t {
  kRegAnnualRevenue, kRegBalanceSheet, kRegTotalAssets, kRegPubliclyListed, kRegPublicSectorBody,
  kRegPersonalData, kRegSpecialCategory, kRegSystematicMonitoring, kRegHipaa, kRegPaymentCards,
  kRegNydfsCovered, kRegEuFinancialEntity, kRegNis2, kRegFrameworks, kRegCurrentRoles,
  kRegFieldCount
};
const char* regFieldPointer(std::uint32_t field);

Facts deriveFacts(const Profile& profile, const Kb& kb);

// Recomputes, in place, every fact except those of the jurisdictions, the listings and
// today's roles (countries, eu, us, usNy, listedInUs, listedAnywhere, dpoExists), which
// `facts` must already hold for `profile`: the what-if search changes only other fields,
// so it re-derives just these. Same result as deriveFacts(profile, kb).
// With `MoneyFacts::RevenueOnly` the money facts other than the annual revenue's (balance sheet,
// total assets, IT and security budgets) are also taken as already right: the what-if
// search changes no money field but the revenue's amount, and converting the others again
// was ~3% of an assessment in WebAssembly.
enum class MoneyFacts { All, RevenueOnly };
void refreshFacts(const Profile& profile, const Kb& kb, Facts& facts,
                  MoneyFacts money = MoneyFacts::All);

// Text of EU/EEA membership, used by facts and tests.
bool isEuEeaCountry(std::string_view alpha2);

}  // namespace seclead
