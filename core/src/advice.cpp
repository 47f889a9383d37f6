#include "advice.h"

#include <algorithm>

#include "context.h"
#include "decision.h"
#include "message.h"
#include "raci.h"
#include "sort.h"
#include "vciso.h"

namespace seclead {

namespace {

// Facts for advice conditions: the decision's facts plus the decision itself. Without the
// obligation results at hand, their standings (no texts) give the same facts.
struct AdviceFacts {
  std::vector<ObligationStanding> standings;
  FactSet set;
};

void buildAdviceFacts(const Context& ctx, const Leadership& leadership, AdviceFacts& out,
                      const std::vector<ObligationResult>* obligations) {
  out.set.model = leadership.model;
  out.set.cisoReportsTo = leadership.cisoReportsTo;
  out.set.dpo = leadership.dpo;
  if (obligations) {
    buildFactSet(ctx.kb.decision, ctx.profile, ctx.facts, *obligations, out.set);
  } else {
    obligationStandings(ctx, out.standings);
    buildFactSet(ctx.kb.decision, ctx.profile, ctx.facts, out.standings, ctx.kb.obligations,
                 out.set);
  }
}

bool holds(bool always, const Condition& when, const FactSet& facts) {
  return always || evaluateCondition(when, facts);
}

std::string executiveOf(const Kb& kb, const std::string& model) {
  const std::string* exec = textOf(kb.advice.executives, model);
  return exec ? *exec : std::string();
}

// Whom the recommended security executive reports to: with a CSO over a CISO the CISO
// reports to the CSO, and the CSO to the CEO.
std::string executiveLine(const Leadership& l) {
  return l.model == "cso-with-ciso" ? std::string("ceo") : l.cisoReportsTo;
}

std::string roleName(const Kb& kb, const std::string& id) {
  const RoleInfo* r = kb.role(id);
  return r ? r->name : id;
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Maps an obligation's or template's role to the recommended structure.
std::string resolveOwner(const Kb& kb, const std::string& owner, const std::string& model) {
  std::string exec = executiveOf(kb, model);
  if (owner == "{executive}") return exec.empty() ? "ceo" : exec;
  if (owner == "{executiveOrCeo}") return exec.empty() ? "ceo" : exec;
  if ((owner == "ciso" || owner == "security-manager") && !exec.empty() && exec != "ciso" &&
      model != "cso-with-ciso")
    return exec;
  if (owner == "ciso" && model == "distributed") return "ceo";
  return owner;
}

}  // namespace

const std::string* textOf(const TextTable& table, std::string_view name) {
  for (const auto& [key, value] : table)
    if (key == name) return &value;
  return nullptr;
}

std::vector<CollaborationPractice> adviseCollaboration(const Context& ctx,
                                                       const Leadership& leadership) {
  const AdviceKnowledge& k = ctx.kb.advice;
  AdviceFacts facts;
  buildAdviceFacts(ctx, leadership, facts, nullptr);
  std::vector<CollaborationPractice> out;
  if (!evaluateCondition(k.collaborationWhen, facts.set)) return out;
  for (const auto& ch : k.challenges) {
    for (const auto& p : ch.practices) {
      if (!holds(p.always, p.when, facts.set)) continue;
      out.push_back({ch.challenge, p.practice, p.because, p.source});
      break;
    }
  }
  return out;
}

std::vector<RoadmapItem> planRoadmap(const Context& ctx, const Leadership& leadership,
                                     const std::vector<ObligationResult>& obligations,
                                     const std::vector<Finding>& findings) {
  const AdviceKnowledge& k = ctx.kb.advice;
  const Kb& kb = ctx.kb;
  AdviceFacts facts;
  buildAdviceFacts(ctx, leadership, facts, &obligations);
  const std::string exec = executiveOf(kb, leadership.model);
  const std::string hours = std::to_string(vcisoHoursPerMonth(ctx, obligations));
  std::vector<RoadmapItem> items;

  auto fill = [&](std::string text) {
    text = replaceAll(
        text, "{executive}",
        exec.empty()
            ? std::string("security lead")
            : roleName(kb, exec) + (leadership.model == "hybrid" ? " (also acting as CISO)" : ""));
    text = replaceAll(text, "{reportsTo}", roleName(kb, executiveLine(leadership)));
    text = replaceAll(text, "{hours}", hours);
    return text;
  };

  // 1. Obligation gaps and unknowns: designations are the quickest wins.
  std::vector<std::string> covered;
  for (const auto& o : obligations) {
    std::string owner =
        resolveOwner(kb, o.roles.empty() ? "ceo" : o.roles.front(), leadership.model);
    if (o.status == "gap") {
      items.push_back({"30-days", concat({"Close the ", o.id, " gap: ", o.requirement}), owner,
                       o.reason.empty() ? "A regulatory role obligation is not met." : o.reason,
                       o.source});
      covered.push_back(o.id);
    } else if (o.status == "partial") {
      items.push_back(
          {"90-days", concat({"Complete ", o.id, ": ", o.requirement}), owner,
           o.reason.empty() ? "A regulatory role obligation is only partly met." : o.reason,
           o.source});
      covered.push_back(o.id);
    } else if (o.status == "unknown" && obligationApplies(o)) {
      items.push_back(
          {"30-days", concat({"Check that today's roles meet ", o.id, ": ", o.requirement}), owner,
           "The obligation applies; the profile did not list today's roles.", o.source});
      covered.push_back(o.id);
    } else if (o.status == "unknown") {
      const std::string fields = joined(o.unknownFields, ", ");
      const bool none = fields.empty();
      items.push_back({"30-days",
                       concat({"Confirm whether ", o.id, " applies", none ? "" : " (answer ",
                               fields, none ? "" : ")", ": ", o.requirement}),
                       "ceo", "The profile leaves out what decides whether the obligation applies.",
                       o.source});
      covered.push_back(o.id);
    }
  }
  // 2. Findings on today's structure, by severity.
  for (const auto& f : findings) {
    if (f.kind == "unknown-input") continue;
    if (!f.obligation.empty() &&
        std::find(covered.begin(), covered.end(), f.obligation) != covered.end())
      continue;
    const std::string* h = textOf(k.findingHorizon, f.severity);
    const std::string* o = textOf(k.findingOwner, f.kind);
    std::string action = f.recommendation.empty() ? f.message : f.recommendation;
    items.push_back({h ? *h : "90-days", action, resolveOwner(kb, o ? *o : "ceo", leadership.model),
                     f.message, f.source.empty() ? f.id : f.source});
  }
  // 3. What the recommendation itself needs.
  for (const auto& t : k.roadmap) {
    if (!holds(t.always, t.when, facts.set)) continue;
    items.push_back({t.horizon, fill(t.action), resolveOwner(kb, t.owner, leadership.model),
                     fill(t.because), t.source});
  }
  // Ordered by horizon; within a horizon: gaps, findings, then the templates in order.
  sortStable(items, [](const RoadmapItem& a, const RoadmapItem& b) {
    auto rank = [](const std::string& h) { return h == "30-days" ? 0 : h == "90-days" ? 1 : 2; };
    return rank(a.horizon) < rank(b.horizon);
  });
  return items;
}

ordered_json roleCharter(const Context& ctx, const Leadership& leadership, const Raci& raci) {
  const Kb& kb = ctx.kb;
  const AdviceKnowledge& k = kb.advice;
  const std::string exec = executiveOf(kb, leadership.model);
  if (exec.empty()) return nullptr;
  AdviceFacts facts;
  buildAdviceFacts(ctx, leadership, facts, nullptr);

  ordered_json charter;
  charter.set("role", exec);
  std::string title = roleName(kb, exec);
  if (leadership.model == "hybrid") title += " (also acting as CISO)";
  charter.set("title", title);
  charter.set("employment", leadership.model == "vciso"
                                ? "external, part time, directed by a named senior internal owner"
                                : "internal, full time");
  charter.set("reportsTo", roleName(kb, executiveLine(leadership)));
  if (leadership.model == "cso-with-ciso")
    charter["worksWith"] =
        "A Chief Information Security Officer for information security, reporting to the CSO "
        "(seeds/000_3a03c64503a57f1b.txt)";

  // Responsibilities: every RACI row where the executive is accountable or responsible. In
  // a hybrid model the CIO holds the CISO's rows too. Plain strings, so any renderer shows
  // them well.
  ordered_json accountable = ordered_json::array(), responsible = ordered_json::array();
  auto holdsRole = [&](const std::string& role) {
    return role == exec || (leadership.model == "hybrid" && role == "ciso");
  };
  for (const auto& row : raci.rows) {
    const ResponsibilityInfo* info = kb.responsibility(row.responsibility);
    std::string name = info ? info->name : row.responsibility;
    if (holdsRole(row.A))
      accountable.push_back(name);
    else if (std::any_of(row.R.begin(), row.R.end(), holdsRole))
      responsible.push_back(name);
  }
  if (!accountable.empty()) charter.set("accountableFor", std::move(accountable));
  if (!responsible.empty()) charter.set("responsibleFor", std::move(responsible));

  ordered_json skills = ordered_json::array();
  std::vector<std::string> skillRoles;
  if (leadership.model == "hybrid")
    skillRoles = {"cio", "ciso"};
  else if (exec == "vciso")
    skillRoles = {"ciso"};
  else if (exec == "cso" && leadership.model == "cso-combined")
    skillRoles = {"cso", "ciso"};
  else
    skillRoles = {exec};
  for (const auto& role : skillRoles)
    for (const auto& s : k.skills)
      if (s.role == role) skills.push_back(concat({s.skill, " (", s.source, ")"}));
  charter.set("skills", std::move(skills));

  ordered_json authority = ordered_json::array();
  for (const auto& t : k.authority) {
    if (!holds(t.always, t.when, facts.set)) continue;
    authority.push_back(
        concat({replaceAll(t.text, "{reportsTo}", roleName(kb, executiveLine(leadership))), " (",
                t.source, ")"}));
  }
  charter.set("authority", std::move(authority));
  return charter;
}

ordered_json toJson(const CollaborationPractice& p) {
  ordered_json out;
  out.set("challenge", p.challenge);
  out.set("practice", p.practice);
  out.set("because", p.because);
  out.set("source", p.source);
  return out;
}

ordered_json toJson(const RoadmapItem& item) {
  ordered_json out;
  out.set("horizon", item.horizon);
  out.set("action", item.action);
  out.set("owner", item.owner);
  out.set("because", item.because);
  out.set("source", item.source);
  return out;
}

}  // namespace seclead
