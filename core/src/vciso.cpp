#include "vciso.h"

#include <algorithm>
#include <cmath>

#include "context.h"
#include "contract.h"
#include "decision.h"
#include "message.h"

namespace seclead {

namespace {

bool applicable(const std::vector<ObligationResult>& obligations, const std::string& id) {
  for (const auto& o : obligations)
    if (o.id == id && obligationApplies(o)) return true;
  return false;
}

std::string describe(const ordered_json& v) {
  if (v.is_null()) return "unknown";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return withThousands(v.get<long long>());
  return v.dump();
}

struct Hours {
  int applicable = 0, size = 0, obligations = 0, maturity = 0, incidents = 0, threat = 0, total = 0;
};

Hours hoursFor(const Context& ctx, const std::vector<ObligationResult>& obligations) {
  const VcisoKnowledge& k = ctx.kb.vciso;
  const Profile& p = ctx.profile;
  Hours h;
  for (const auto& o : obligations)
    if (obligationApplies(o)) ++h.applicable;
  h.size = k.hoursBySizeBand[static_cast<std::size_t>(ctx.facts.sizeRank)];
  h.obligations = h.applicable * k.perObligation;
  // Unknown maturity counts as 2 (low), unknown threat as medium.
  const int maturity = p.securityMaturity.value_or(2);  // 1..5 (the profile checker's range)
  if (maturity >= 1 && maturity <= 5) h.maturity = k.hoursByMaturity[maturity - 1];
  std::int64_t incidents = p.incidentsLast24Months.value_or(0);
  h.incidents = static_cast<int>(std::min<std::int64_t>(incidents, k.maxIncidents)) * k.perIncident;
  const std::string_view threat = p.cyberThreat ? std::string_view(*p.cyberThreat) : "medium";
  for (std::size_t i = 0; i < contract::kLevel.size(); ++i)
    if (threat == contract::kLevel[i]) h.threat = k.hoursByThreat[i];
  h.total = std::clamp(h.size + h.obligations + h.maturity + h.incidents + h.threat, k.minHours,
                       k.maxHours);
  return h;
}

}  // namespace

int vcisoHoursPerMonth(const Context& ctx, const std::vector<ObligationResult>& obligations) {
  return hoursFor(ctx, obligations).total;
}

VcisoPlan sizeVciso(const Context& ctx, const Leadership& leadership,
                    const std::vector<ObligationResult>& obligations) {
  const VcisoKnowledge& k = ctx.kb.vciso;
  const Profile& p = ctx.profile;
  VcisoPlan plan;

  // Currency: the caller's rate settings first, then the profile's money fields.
  std::string currency = "USD";
  for (const auto* money : {&p.settings.vcisoHourlyRateLow, &p.settings.fullTimeCisoAnnualCost,
                            &p.annualRevenue, &p.securityBudget, &p.itBudget}) {
    if (*money && ctx.kb.fromUsd(1, (*money)->currency)) {
      currency = (*money)->currency;
      break;
    }
  }
  auto toCurrency = [&](double usd) {
    auto v = ctx.kb.fromUsd(usd, currency);
    return static_cast<long long>(std::llround(v ? *v : usd));
  };
  auto settingUsd = [&](const std::optional<Money>& money, double fallback) {
    if (!money) return fallback;
    auto usd = ctx.kb.toUsd(money->amount, money->currency);
    return usd && *usd > 0 ? *usd : fallback;
  };

  // Hours per month.
  Hours h = hoursFor(ctx, obligations);
  int hours = h.total;
  int applicableCount = h.applicable, sizeHours = h.size, obligationHours = h.obligations,
      maturityHours = h.maturity, incidentHours = h.incidents, threatHours = h.threat;
  std::int64_t incidents = p.incidentsLast24Months.value_or(0);
  plan.hoursPerMonth = hours;

  double rateLow = settingUsd(p.settings.vcisoHourlyRateLow, k.rateLowUsd);
  double rateHigh = settingUsd(p.settings.vcisoHourlyRateHigh, k.rateHighUsd);
  if (rateHigh < rateLow) std::swap(rateLow, rateHigh);
  double fullTimeUsd = settingUsd(p.settings.fullTimeCisoAnnualCost, k.fullTimeAnnualUsd);
  plan.currency = currency;
  plan.monthlyLow = static_cast<double>(toCurrency(hours * rateLow));
  plan.monthlyHigh = static_cast<double>(toCurrency(hours * rateHigh));
  int breakEven = static_cast<int>(std::lround(fullTimeUsd / 12.0 / ((rateLow + rateHigh) / 2.0)));

  // Recommended: the model is vciso, or a vCISO bridges the gap while a full-time
  // executive is recruited (no security executive today, no internal-CISO rule).
  bool internalRequired = false;
  for (const auto& id : k.internalCisoObligations)
    internalRequired = internalRequired || applicable(obligations, id);
  bool hasExecutive = false;
  if (p.currentRoles) {
    for (const auto& r : *p.currentRoles) {
      auto acts = [&](const char* id) {
        return r.role == id ||
               std::find(r.alsoActsAs.begin(), r.alsoActsAs.end(), id) != r.alsoActsAs.end();
      };
      (void)acts;
      if (r.role == "ciso" || r.role == "cso" || r.role == "vciso") hasExecutive = true;
    }
  }
  int rank = modelRank(leadership.model);
  bool interim = rank >= 2 && p.currentRoles && !hasExecutive && !internalRequired;
  plan.recommended = leadership.model == "vciso" || interim;

  // Triggers for moving to a full-time executive (only meaningful below rank 2).
  if (rank < 2) {
    auto& t = plan.transitionTriggers;
    if (p.employees < k.triggerHeadcount)
      t.push_back(concat({"Headcount reaches ", withThousands(k.triggerHeadcount), " (now ",
                          withThousands(p.employees),
                          "): larger organizations establish a dedicated security executive."}));
    else
      t.push_back(concat({"Headcount is already ", withThousands(p.employees), " (at least ",
                          withThousands(k.triggerHeadcount),
                          "): plan the move to a full-time security executive."}));
    t.push_back(concat({"vCISO hours exceed the break-even of ", breakEven, " hours a month (now ",
                        hours, "): a full-time CISO then costs less than the retainer."}));
    if (internalRequired)
      t.push_back("A regulation that requires an internal CISO applies now: appoint an employee.");
    else
      t.push_back(
          "A regulation that requires an internal CISO starts to apply (FISMA senior agency "
          "information security officer, RBI CISO): a vCISO cannot hold that role.");
    if (p.euFinancialEntity.value_or(false) || ctx.facts.financialSector)
      t.push_back(
          "The organization enters DORA's scope as a non-micro EU financial entity: the "
          "independent ICT-risk control function (Art. 6(4)) needs an internal owner.");
    if (incidents < k.triggerIncidents)
      t.push_back(concat({k.triggerIncidents, " or more material incidents within 24 months (now ",
                          incidents, "): incident response needs a leader on staff."}));
    for (const auto& s : leadership.sensitivity) {
      if (modelRank(s.model) < 2) continue;
      t.push_back(concat({"What-if: ", s.field, " changes from ", describe(s.from), " to ",
                          describe(s.to), " and the recommendation becomes ", s.model, "."}));
    }
  }

  plan.extra.set("fullTimeAnnualCost", toCurrency(fullTimeUsd));
  plan.extra.set("breakEvenHoursPerMonth", breakEven);
  if (interim)
    plan.extra["interim"] =
        "Engage a vCISO as an interim step while the recommended full-time executive is recruited.";
  ordered_json basis;
  basis.set("sizeBand", Json::object({{"band", ctx.facts.sizeBand}, {"hours", sizeHours}}));
  basis.set("obligations",
            Json::object({{"applicable", applicableCount}, {"hours", obligationHours}}));
  basis.set("maturity",
            Json::object({{"level", p.securityMaturity ? ordered_json(*p.securityMaturity)
                                                       : ordered_json(nullptr)},
                          {"hours", maturityHours}}));
  basis.set("incidents", Json::object({{"count", incidents}, {"hours", incidentHours}}));
  basis.set(
      "threat",
      Json::object({{"level", p.cyberThreat ? ordered_json(*p.cyberThreat) : ordered_json(nullptr)},
                    {"hours", threatHours}}));
  basis.set("hourlyRate",
            Json::object({{"low", toCurrency(rateLow)},
                          {"high", toCurrency(rateHigh)},
                          {"currency", currency},
                          {"overridden", p.settings.vcisoHourlyRateLow.has_value() ||
                                             p.settings.vcisoHourlyRateHigh.has_value()}}));
  basis.set("sources", std::vector<std::string>{k.hoursSource, k.rateSource, k.fullTimeSource});
  plan.extra.set("basis", std::move(basis));
  return plan;
}

ordered_json toJson(const VcisoPlan& p) {
  ordered_json out;
  out.set("recommended", p.recommended);
  out.set("hoursPerMonth", p.hoursPerMonth);
  ordered_json cost;
  cost.set("low", static_cast<long long>(p.monthlyLow));
  cost.set("high", static_cast<long long>(p.monthlyHigh));
  cost.set("currency", p.currency);
  out.set("monthlyCost", std::move(cost));
  out.set("transitionTriggers", p.transitionTriggers);
  for (const auto& [key, value] : p.extra.items()) out[key] = value;
  return out;
}

}  // namespace seclead
