#include "raci.h"

#include <algorithm>

#include "context.h"
#include "decision.h"

namespace seclead {

namespace {

std::uint64_t bitOf(int index) {
  return index >= 0 && index < 64 ? std::uint64_t{1} << index : 0;
}

// Follows the fallback chain from `role` while the role is absent; a cycle or a dead end keeps
// the last role that has no further fallback, or the original role.
int substitute(const RaciModel& model, std::uint64_t present, int role) {
  int r = role;
  for (int depth = 0; depth < 8; ++depth) {
    if (r < 0 || (present & bitOf(r)) || model.fallback[r] < 0) return r;
    r = model.fallback[r];
    if (r == role) return role;
  }
  return role;
}

void pushUnique(std::vector<int>& list, int role) {
  if (role >= 0 && std::find(list.begin(), list.end(), role) == list.end()) list.push_back(role);
}

struct ResolvedRow {
  int A = -1;
  std::vector<int> R, C, I;
};

ResolvedRow resolve(const RaciModel& model, const RaciTemplateRow& t, std::uint64_t present,
                    int dropRole) {
  ResolvedRow out;
  out.A = substitute(model, present, t.A);
  for (int r : t.R) pushUnique(out.R, substitute(model, present, r));
  for (int r : t.C) pushUnique(out.C, substitute(model, present, r));
  for (int r : t.I) pushUnique(out.I, substitute(model, present, r));
  auto drop = [&](std::vector<int>& list, auto pred) {
    list.erase(std::remove_if(list.begin(), list.end(), pred), list.end());
  };
  drop(out.R, [&](int r) { return r == dropRole; });
  if (out.R.empty()) out.R.push_back(out.A);
  auto inR = [&](int r) { return std::find(out.R.begin(), out.R.end(), r) != out.R.end(); };
  drop(out.C, [&](int r) { return r == dropRole || r == out.A || inR(r); });
  auto inC = [&](int r) { return std::find(out.C.begin(), out.C.end(), r) != out.C.end(); };
  drop(out.I, [&](int r) { return r == dropRole || r == out.A || inR(r) || inC(r); });
  return out;
}

const RaciTemplateRow& templateRow(const RaciModel& model, std::size_t responsibility) {
  return responsibility < model.rows.size() && model.rows[responsibility].A >= 0
             ? model.rows[responsibility]
             : model.fallbackRow;
}

std::vector<std::string> rolesInOrder(const Kb& kb, std::uint64_t used) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kb.roles.size() && i < 64; ++i)
    if (used & bitOf(static_cast<int>(i))) out.push_back(kb.roles[i].id);
  return out;
}

bool keepDpo(const Context& ctx, const std::string& dpoVerdict) {
  return ctx.facts.dpoExists.value_or(false) || ctx.facts.gdprDpoMandatory.value_or(false) ||
         dpoVerdict == "required";
}

}  // namespace

const RaciModel* RaciKnowledge::model(std::string_view id) const {
  for (const auto& m : models)
    if (m.id == id) return &m;
  return nullptr;
}

Raci buildRecommendedRaci(const Context& ctx, const Leadership& leadership) {
  const Kb& kb = ctx.kb;
  Raci raci;
  const RaciModel* model = kb.raci.model(leadership.model);
  if (!model) model = kb.raci.model("dedicated-ciso");
  if (!model) return raci;
  // A role is there when held today or usual at this size; otherwise its fallback takes the duty.
  std::uint64_t present = 0;
  if (ctx.profile.currentRoles) present = ctx.today().held();
  for (std::size_t i = 0; i < kb.raci.minEmployees.size() && i < 64; ++i)
    if (kb.raci.minEmployees[i] <= ctx.profile.employees) present |= bitOf(static_cast<int>(i));
  const int drop = keepDpo(ctx, leadership.dpo) ? -1 : kb.raci.dpoRole;
  std::uint64_t used = 0;
  raci.rows.reserve(kb.responsibilities.size());
  for (std::size_t i = 0; i < kb.responsibilities.size(); ++i) {
    const RaciTemplateRow& t = templateRow(*model, i);
    ResolvedRow r = resolve(*model, t, present, drop);
    RaciRow row;
    row.responsibility = kb.responsibilities[i].id;
    row.criticality = t.criticality;
    if (r.A < 0) continue;  // only with a broken knowledge base, which assess refuses
    row.A = kb.roles[r.A].id;
    used |= bitOf(r.A);
    for (auto [from, to] :
         {std::pair{&r.R, &row.R}, std::pair{&r.C, &row.C}, std::pair{&r.I, &row.I}})
      for (int role : *from) to->push_back(kb.roles[role].id), used |= bitOf(role);
    raci.rows.push_back(std::move(row));
  }
  raci.roles = rolesInOrder(kb, used);
  return raci;
}

std::optional<Raci> buildCurrentRaci(const Context& ctx) {
  if (!ctx.profile.currentRoles) return std::nullopt;
  const Kb& kb = ctx.kb;
  const TodayStructure& structure = ctx.today();
  const std::vector<Person>& people = structure.people();
  const std::uint64_t held = structure.held();
  auto has = [&](const char* role) { return (held & roleBit(kb, role)) != 0; };
  // Who holds the duties by default today: the model today's roles resemble.
  const char* today = has("cso") && has("ciso") ? "cso-with-ciso"
                      : has("cso")              ? "cso-combined"
                      : has("ciso")             ? "dedicated-ciso"
                      : has("vciso")            ? "vciso"
                                                : "distributed";
  const RaciModel* model = kb.raci.model(today);
  Raci raci;
  if (!model) return raci;
  const int drop = keepDpo(ctx, "") ? -1 : kb.raci.dpoRole;

  // The people who hold each role: primary holders first, then alsoActsAs, in currentRoles
  // order. Built once: O(people x roles).
  std::vector<std::vector<const Person*>> byRole(kb.roles.size());
  for (const auto& p : people) {
    int primary = p.roleIndex;
    if (primary >= 0) byRole[primary].push_back(&p);
  }
  for (const auto& p : people)
    for (std::size_t r = 0; r < kb.roles.size() && r < 64; ++r)
      if ((p.roles & bitOf(static_cast<int>(r))) && p.role != kb.roles[r].id)
        byRole[r].push_back(&p);
  static const std::vector<const Person*> kNobody;
  auto holders = [&](int role) -> const std::vector<const Person*>& {
    return role < 0 || role >= static_cast<int>(byRole.size()) ? kNobody : byRole[role];
  };
  auto byId = [&](const std::string& id) { return structure.person(id); };

  std::uint64_t used = 0;
  // Adds a person's primary role once; `used` collects the roles shown.
  auto addRole = [&](std::vector<std::string>& list, const Person& p) {
    if (!p.role.empty() && std::find(list.begin(), list.end(), p.role) == list.end()) {
      list.push_back(p.role);
      used |= bitOf(p.roleIndex);
    }
  };
  for (std::size_t i = 0; i < kb.responsibilities.size(); ++i) {
    const RaciTemplateRow& t = templateRow(*model, i);
    ResolvedRow r = resolve(*model, t, held, drop);
    RaciRow row;
    row.responsibility = kb.responsibilities[i].id;
    row.criticality = t.criticality;
    const Assignment* assigned = nullptr;
    if (ctx.profile.currentAssignments) {
      auto it = ctx.profile.currentAssignments->find(row.responsibility);
      if (it != ctx.profile.currentAssignments->end()) assigned = &it->second;
    }
    if (assigned && !assigned->accountable.empty()) {
      row.fromAssignment = true;
      if (const Person* p = byId(assigned->accountable)) {
        row.A = p->role;
        row.accountableId = p->id;
        row.accountableCandidates = {p->id};
        used |= bitOf(p->roleIndex);
      }
      for (const auto& id : assigned->responsible)
        if (const Person* p = byId(id)) {
          addRole(row.R, *p);
          if (std::find(row.responsibleIds.begin(), row.responsibleIds.end(), id) ==
              row.responsibleIds.end())
            row.responsibleIds.push_back(id);
        }
    } else {
      const auto& owners = holders(r.A);
      for (const Person* p : owners) row.accountableCandidates.push_back(p->id);
      if (!owners.empty()) {
        row.A = owners.front()->role;
        row.accountableId = owners.front()->id;
        used |= bitOf(owners.front()->roleIndex);
        for (int role : r.R) {
          const auto& doers = holders(role);
          if (doers.empty()) continue;
          addRole(row.R, *doers.front());
          row.responsibleIds.push_back(doers.front()->id);
        }
      }
    }
    if (!row.A.empty() && row.R.empty()) {
      row.R.push_back(row.A);
      row.responsibleIds.push_back(row.accountableId);
    }
    if (!row.A.empty()) {
      auto taken = [&](const std::string& role) {
        return role == row.A || std::find(row.R.begin(), row.R.end(), role) != row.R.end() ||
               std::find(row.C.begin(), row.C.end(), role) != row.C.end();
      };
      for (int role : r.C) {
        const auto& h = holders(role);
        if (!h.empty() && !taken(h.front()->role)) addRole(row.C, *h.front());
      }
      for (int role : r.I) {
        const auto& h = holders(role);
        if (!h.empty() && !taken(h.front()->role)) addRole(row.I, *h.front());
      }
    }
    raci.rows.push_back(std::move(row));
  }
  raci.roles = rolesInOrder(kb, used);
  return raci;
}

ordered_json toJson(const Raci& raci) {
  ordered_json out;
  out.set("roles", raci.roles);
  ordered_json rows = ordered_json::array();
  for (const auto& row : raci.rows) {
    ordered_json r;
    r.set("responsibility", row.responsibility);
    r.set("R", row.R);
    r.set("A", row.A);
    r.set("C", row.C);
    r.set("I", row.I);
    rows.push_back(std::move(r));
  }
  out.set("rows", std::move(rows));
  return out;
}

}  // namespace seclead
