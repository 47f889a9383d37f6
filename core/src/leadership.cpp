// The leadership decision, once per assessment: the model, the reporting line, the DPO
// verdict, the rationale and the what-if sensitivity. Apart from decision.cpp, whose rule
// evaluation and what-if evaluator (model_evaluator.h) the WebAssembly module compiles for
// speed: this code runs once per assessment, so it is compiled for size (core/CMakeLists.txt).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>

#include "context.h"
#include "contract.h"
#include "decision.h"
#include "facts.h"
#include "kb.h"
#include "message.h"
#include "model_evaluator.h"
#include "profile.h"
#include "sort.h"

namespace seclead {

namespace {

// ---- sensitivity ------------------------------------------------------------------------

class WhatIf {
 public:
  WhatIf(const Context& ctx, int model)
      : kb_(ctx.kb), p_(ctx.profile), q_(ctx.profile), evaluator_(ctx), model_(model) {}

  std::vector<SensitivityEntry> run() {
    const DecisionKnowledge& k = kb_.decision;
    numeric("/organization/employees", p_.employees, 1, 10'000'000, around(k.employeeBreaks),
            [](Profile& p, std::int64_t v) { p.employees = v; });
    if (p_.annualRevenue) {
      auto amount = static_cast<std::int64_t>(std::llround(p_.annualRevenue->amount));
      auto perUsd = kb_.fromUsd(1, p_.annualRevenue->currency);
      auto perEur = kb_.toUsd(1, "EUR");
      std::vector<std::int64_t> candidates;
      if (perUsd) candidates = around(k.revenueUsdBreaks, *perUsd);
      if (perUsd && perEur)
        for (auto v : around(k.revenueEurBreaks, *perEur * *perUsd)) candidates.push_back(v);
      numeric("/organization/annualRevenue/amount", amount, 0, 1'000'000'000'000'000LL, candidates,
              [](Profile& p, std::int64_t v) { p.annualRevenue->amount = static_cast<double>(v); });
    }
    categorical(
        "/organization/sector", p_.sector, contract::kSectors, true,
        [](Profile& p, std::string_view v) { p.sector = v; },
        [this](Profile& q) { q.sector = p_.sector; });
    flag("/organization/operationalTechnology", &Profile::operationalTechnology);
    flag("/organization/criticalInfrastructure", &Profile::criticalInfrastructure);
    ordinal("/data/personalData", &Profile::personalData, contract::kScale);
    ordinal("/data/specialCategoryData", &Profile::specialCategoryData, contract::kScale);
    ordinal("/data/systematicMonitoring", &Profile::systematicMonitoring, contract::kScale);
    ordinal("/data/hipaa", &Profile::hipaa, kHipaaOrder);
    ordinal("/data/paymentCards", &Profile::paymentCards, contract::kCards);
    ordinal("/risk/physicalRisk", &Profile::physicalRisk, contract::kLevel);
    ordinal("/risk/cyberThreat", &Profile::cyberThreat, contract::kLevel);
    if (p_.incidentsLast24Months)
      numeric("/risk/incidentsLast24Months", *p_.incidentsLast24Months, 0, 1000,
              around(k.incidentBreaks),
              [](Profile& p, std::int64_t v) { p.incidentsLast24Months = v; });
    if (p_.securityMaturity)
      numeric("/risk/securityMaturity", *p_.securityMaturity, 1, 5, {1, 2, 3, 4, 5},
              [](Profile& p, std::int64_t v) { p.securityMaturity = static_cast<int>(v); });
    flag("/budget/canFundFullTimeSecurityExecutive", &Profile::canFundFullTimeSecurityExecutive);
    return std::move(out_);
  }

 private:
  using Values = std::span<const std::string_view>;
  // The HIPAA roles from the lightest obligations to the heaviest (the contract lists them
  // in another order); the other ordered fields' contract lists are already in order.
  static constexpr std::array<std::string_view, 3> kHipaaOrder = {"none", "business-associate",
                                                                  "covered-entity"};

  // Applies one change to the working copy, evaluates, and undoes that change, so the
  // search never copies the whole profile. The undo puts back only the changed field:
  // restoring all fifteen after each of the ~100 evaluations copied eight strings each time
  // (4% of an assessment in WebAssembly).
  template <class Change, class Undo>
  int modelWith(Change change, Undo undo) {
    change(q_);
    int m = evaluator_.model(q_);
    undo(q_);
    return m;
  }

  // The undo of every numeric change: the four numbers are scalars, so all go back at once.
  void restoreNumbers(Profile& q) const {
    q.employees = p_.employees;
    if (p_.annualRevenue) q.annualRevenue->amount = p_.annualRevenue->amount;
    q.incidentsLast24Months = p_.incidentsLast24Months;
    q.securityMaturity = p_.securityMaturity;
  }

  void add(const char* field, ordered_json from, ordered_json to, int model) {
    out_.push_back({field, std::move(from), std::move(to), leadershipModels()[model]});
  }

  // Nearest value in each direction that changes the model. The model only changes where a
  // fact changes, i.e. at a breakpoint, so trying both sides of each breakpoint (nearest
  // first) finds the nearest change without scanning.
  // One function for the four numeric fields (their setters are plain functions): as a
  // template over each setter's lambda, the search was compiled four times over.
  using SetNumber = void (*)(Profile&, std::int64_t);
  [[gnu::noinline]] void numeric(const char* field, std::int64_t current, std::int64_t lo,
                                 std::int64_t hi, const std::vector<std::int64_t>& candidates,
                                 SetNumber set) {
    std::vector<std::int64_t> up, down;
    for (std::int64_t v : candidates) {
      if (v < lo || v > hi) continue;
      if (v > current) up.push_back(v);
      if (v < current) down.push_back(v);
    }
    sortStable(up);
    up.erase(std::unique(up.begin(), up.end()), up.end());
    sortStable(down, [](std::int64_t a, std::int64_t b) { return a > b; });
    down.erase(std::unique(down.begin(), down.end()), down.end());
    for (const auto* list : {&down, &up}) {
      for (std::int64_t v : *list) {
        int m =
            modelWith([&](Profile& q) { set(q, v); }, [this](Profile& q) { restoreNumbers(q); });
        if (m != model_) {
          add(field, current, v, m);
          break;
        }
      }
    }
  }

  // Both sides of each breakpoint.
  static std::vector<std::int64_t> around(const std::vector<double>& breaks, double scale = 1) {
    std::vector<std::int64_t> out;
    for (double b : breaks) {
      double v = b * scale;
      auto f = static_cast<std::int64_t>(std::floor(v)),
           c = static_cast<std::int64_t>(std::ceil(v));
      for (std::int64_t x : {f - 1, f, c, c + 1}) out.push_back(x);
    }
    return out;
  }

  // For a categorical field: the first value (knowledge order) giving each other model.
  template <class Set, class Undo>
  void categorical(const char* field, const std::string& current, Values values, bool known,
                   Set set, Undo undo) {
    std::vector<int> seen;
    for (std::string_view value : values) {
      if (known && value == current) continue;
      int m = modelWith([&](Profile& q) { set(q, value); }, undo);
      if (m == model_ || std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
      seen.push_back(m);
      add(field, known ? ordered_json(current) : ordered_json(nullptr), value, m);
    }
  }

  // For an ordered level: the nearest level below and above that changes the model; for
  // an unknown level, every level that changes it.
  void ordinal(const char* field, std::optional<std::string> Profile::*member, Values values) {
    const auto& current = p_.*member;
    auto undo = [this, member](Profile& q) { q.*member = p_.*member; };
    if (!current) {
      categorical(
          field, "", values, false,
          [member](Profile& q, std::string_view v) { q.*member = std::string(v); }, undo);
      return;
    }
    auto found = std::find(values.begin(), values.end(), *current);
    if (found == values.end()) return;
    const int at = static_cast<int>(found - values.begin());
    for (int dir : {-1, +1}) {
      for (int i = at + dir; i >= 0 && i < static_cast<int>(values.size()); i += dir) {
        const std::string_view value = values[static_cast<std::size_t>(i)];
        int m = modelWith([&](Profile& q) { q.*member = std::string(value); }, undo);
        if (m != model_) {
          add(field, *current, value, m);
          break;
        }
      }
    }
  }

  void flag(const char* field, std::optional<bool> Profile::*member) {
    const auto& current = p_.*member;
    for (bool value : {false, true}) {
      if (current && *current == value) continue;
      int m = modelWith([&](Profile& q) { q.*member = value; },
                        [this, member](Profile& q) { q.*member = p_.*member; });
      if (m != model_)
        add(field, current ? ordered_json(*current) : ordered_json(nullptr), value, m);
    }
  }

  const Kb& kb_;
  const Profile& p_;
  Profile q_;  // working copy
  ModelEvaluator evaluator_;
  int model_;
  std::vector<SensitivityEntry> out_;
};

}  // namespace

std::string recommendModel(const Kb& kb, const Profile& profile, const Options& options) {
  const Facts facts = deriveFacts(profile, kb);
  const Context ctx{kb, profile, facts, options};
  std::vector<ObligationStanding> standings;
  obligationStandings(ctx, standings);
  FactSet set;
  buildFactSet(kb.decision, profile, facts, standings, kb.obligations, set);
  std::vector<int> raw;
  return leadershipModels()[static_cast<std::size_t>(scoreModels(kb.decision, set, raw, nullptr))];
}

std::vector<std::string> whatIfModels(const Context& ctx, const std::vector<Profile>& changed) {
  ModelEvaluator evaluator(ctx);
  std::vector<std::string> out;
  for (const auto& q : changed)
    out.push_back(leadershipModels()[static_cast<std::size_t>(evaluator.model(q))]);
  return out;
}

Leadership decideLeadership(const Context& ctx, const std::vector<ObligationResult>& obligations) {
  const DecisionKnowledge& k = ctx.kb.decision;
  const auto& models = leadershipModels();
  const auto& lines = reportingLines();
  Leadership l;

  FactSet facts;
  buildFactSet(k, ctx.profile, ctx.facts, obligations, facts);
  std::vector<int> raw;
  std::vector<const DecisionRule*> scored;
  int best = scoreModels(k, facts, raw, &scored);
  l.model = models[static_cast<std::size_t>(best)];

  // Scores: shifted down so the best is at most 100, then clamped to 0..100.
  int top = *std::max_element(raw.begin(), raw.end());
  int shift = std::max(0, top - 100);
  for (std::size_t m = 0; m < models.size(); ++m)
    l.score.emplace_back(models[m], std::clamp(raw[m] - shift, 0, 100));

  // Second pass: reporting line and DPO, with the chosen model known to the conditions.
  facts.model = l.model;
  buildFactSet(k, ctx.profile, ctx.facts, obligations, facts);
  std::vector<int> reports = k.baseReportsTo;
  int dpo = 2;
  std::vector<const DecisionRule*> dpoRules, reportRules, ordered;
  for (const auto& rule : k.rules) {
    bool decisionRule = !rule.reportsTo.empty() || rule.dpo >= 0;
    bool fired = std::find(scored.begin(), scored.end(), &rule) != scored.end();
    if (decisionRule && !fired) fired = evaluateCondition(rule.when, facts);
    if (!fired) continue;
    for (const auto& [line, points] : rule.reportsTo)
      reports[static_cast<std::size_t>(line)] += points;
    if (!rule.reportsTo.empty()) reportRules.push_back(&rule);
    if (rule.dpo >= 0) {
      if (rule.dpo < dpo) dpo = rule.dpo, dpoRules.clear();
      if (rule.dpo == dpo) dpoRules.push_back(&rule);
    }
    ordered.push_back(&rule);
  }
  // Rationale: scoring rules first, those favouring the chosen model most over the others
  // first (so the first entries say why it won); then the reporting-line and DPO rules;
  // knowledge order breaks ties.
  int runnerUp = -1;
  for (int m : k.tieBreak)
    if (m != best && (runnerUp < 0 ||
                      raw[static_cast<std::size_t>(m)] > raw[static_cast<std::size_t>(runnerUp)]))
      runnerUp = m;
  // Weight of a rule for the chosen model: its points there against the mean of its points
  // for the other models (times the number of other models, to stay in integers).
  auto margin = [&](const DecisionRule* r) {
    if (r->score.empty()) return std::numeric_limits<int>::min();
    int w = 0, others = 0;
    for (const auto& [m, points] : r->score) (m == best ? w : others) += points;
    return w * static_cast<int>(models.size() - 1) - others;
  };
  sortStable(ordered,
             [&](const DecisionRule* a, const DecisionRule* b) { return margin(a) > margin(b); });
  for (const auto* r : ordered) l.rationale.push_back({r->id, r->effect, r->because, r->source});
  if (runnerUp >= 0) l.extra.set("runnerUp", models[static_cast<std::size_t>(runnerUp)]);
  l.dpo = dpoVerdicts()[static_cast<std::size_t>(dpo)];

  std::string reportingReason;
  if (l.model == "distributed") {
    l.cisoReportsTo = "none";
    reportingReason =
        "No security executive in this model: each leader answers for the duties assigned in the "
        "RACI.";
  } else {
    int line = k.reportsTieBreak.empty() ? 1 : k.reportsTieBreak.front();
    for (int i : k.reportsTieBreak)
      if (reports[static_cast<std::size_t>(i)] > reports[static_cast<std::size_t>(line)]) line = i;
    l.cisoReportsTo = lines[static_cast<std::size_t>(line)];
    std::vector<std::string> ids;
    for (const auto* r : reportRules)
      for (const auto& [li, points] : r->reportsTo)
        if (li == line && points > 0) ids.push_back(r->id);
    const DecisionRule* strongest = nullptr;
    int strongestPoints = 0;
    for (const auto* r : reportRules)
      for (const auto& [li, points] : r->reportsTo)
        if (li == line && points > strongestPoints) strongest = r, strongestPoints = points;
    if (ids.empty()) {
      reportingReason =
          "Default line: most CISOs report to the CIO (surveys: 36-46%), which keeps security "
          "close to IT when nothing calls for independence.";
    } else {
      reportingReason = concat(
          {strongest->because, ids.size() > 1 ? " (rules " : " (rule ", joined(ids, ", "), ")"});
    }
  }
  std::string dpoReason;
  if (dpoRules.empty()) {
    dpoReason =
        "No DPO trigger applies: no GDPR Art. 37 obligation and no large-scale EU personal data.";
  } else {
    for (const auto* r : dpoRules) {
      if (!dpoReason.empty()) dpoReason += ' ';
      dpoReason += r->because;
    }
  }
  l.extra.set("reportingReason", reportingReason);
  l.extra.set("dpoReason", dpoReason);

  WhatIf whatIf(ctx, best);
  l.sensitivity = whatIf.run();
  // Unknown inputs that would change the model once answered: the conclusions they weaken.
  ordered_json weakened = ordered_json::array();
  for (const auto& e : l.sensitivity)
    if (e.from.is_null() && std::find(weakened.begin(), weakened.end(), e.field) == weakened.end())
      weakened.push_back(e.field);
  if (!weakened.empty()) l.extra.set("weakenedByUnknowns", std::move(weakened));
  return l;
}

ordered_json toJson(const Leadership& l) {
  ordered_json out;
  out.set("model", l.model);
  out.set("cisoReportsTo", l.cisoReportsTo);
  out.set("dpo", l.dpo);
  ordered_json score = ordered_json::object();
  for (const auto& [model, value] : l.score) score[model] = value;
  out.set("score", std::move(score));
  ordered_json rationale = ordered_json::array();
  for (const auto& r : l.rationale) {
    ordered_json& item = rationale.emplace_back();  // null; set() makes it an object
    item.set("rule", r.rule);
    item.set("effect", r.effect);
    item.set("because", r.because);
    item.set("source", r.source);
  }
  out.set("rationale", std::move(rationale));
  ordered_json sensitivity = ordered_json::array();
  for (const auto& s : l.sensitivity) {
    ordered_json& item = sensitivity.emplace_back();
    item.set("field", s.field);
    item.set("from", s.from);
    item.set("to", s.to);
    item.set("model", s.model);
  }
  out.set("sensitivity", std::move(sensitivity));
  for (const auto& [key, value] : l.extra.items()) out[key] = value;
  return out;
}

}  // namespace seclead
