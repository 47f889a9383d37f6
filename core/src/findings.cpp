// Findings on today's structure. Each finding has a stable id (kind.what[.who]) so that tools
// can track it across assessments; ids use currentRoles ids and knowledge ids only.
#include "findings.h"

#include <algorithm>

#include "context.h"
#include "decision.h"
#include "message.h"
#include "raci.h"
#include "sort.h"

namespace seclead {

namespace {

int severityRank(const std::string& s) {
  return s == "critical" ? 0 : s == "high" ? 1 : s == "medium" ? 2 : 3;
}

// The order of the findings list: most severe first, then by id.
bool bySeverityThenId(const Finding& a, const Finding& b) {
  int ra = severityRank(a.severity), rb = severityRank(b.severity);
  return ra != rb ? ra < rb : a.id < b.id;
}

const ObligationResult* findObligation(const std::vector<ObligationResult>& list,
                                       std::string_view id) {
  for (const auto& o : list)
    if (o.id == id) return &o;
  return nullptr;
}

bool applies(const ObligationResult* o) {
  return o && o->status != "not-applicable";
}

std::string who(const Person& p) {
  return p.id == p.role ? concat({"The ", p.role}) : concat({p.id, " (", p.role, ")"});
}

std::string firstRole(const Kb& kb, std::uint64_t mask) {
  for (std::size_t i = 0; i < kb.roles.size() && i < 64; ++i)
    if (mask & (std::uint64_t{1} << i)) return kb.roles[i].id;
  return {};
}

void addRole(std::vector<std::string>& roles, const std::string& role) {
  if (!role.empty() && std::find(roles.begin(), roles.end(), role) == roles.end())
    roles.push_back(role);
}

// A new finding at the end of `out`, made in place (each site used to build, move and destroy
// a local Finding of nine strings and a list).
Finding& addFinding(std::vector<Finding>& out, std::string id, const char* kind,
                    std::string severity) {
  Finding& f = out.emplace_back();
  f.id = std::move(id);
  f.kind = kind;
  f.severity = std::move(severity);
  return f;
}

constexpr const char* kIsoSegregation =
    "ISO/IEC 27001:2022 Annex A 5.3; ISO/IEC 27002:2022 5.3 [S]";

}  // namespace

std::vector<Finding> findIssues(const Context& ctx, const Leadership& leadership,
                                const std::vector<ObligationResult>& obligations,
                                const std::optional<Raci>& currentRaci) {
  const Kb& kb = ctx.kb;
  const ObligationCatalog& cat = kb.obligations;
  std::vector<Finding> out;

  int lawApplies = 0;
  for (const auto& o : obligations)
    if (o.status != "not-applicable" && o.binding != "voluntary") ++lawApplies;
  const bool regulated = lawApplies > 0;

  // --- obligation gaps ------------------------------------------------------------------------
  for (const auto& o : obligations) {
    if (o.status != "gap" && o.status != "partial") continue;
    const ObligationRule* rule = nullptr;
    for (const auto& r : cat.rules)
      if (r.id == o.id) rule = &r;
    const bool gap = o.status == "gap";
    std::string severity =
        o.binding == "voluntary" ? (gap ? "medium" : "low") : (gap ? "high" : "medium");
    // NIS2 essential entities are supervised ex ante (Art. 32) with higher fines than important
    // ones.
    if (o.id.rfind("nis2-", 0) == 0 && ctx.facts.nis2Class == "essential")
      severity = gap ? "critical" : "high";
    Finding& f = addFinding(out, concat({"obligation-gap.", o.id}), "obligation-gap", severity);
    f.message = concat({rule ? std::string_view(rule->regulation) : std::string_view(),
                        rule ? ": " : "", gap ? "not met. " : "partly met. ", o.reason});
    f.recommendation = rule ? rule->remedy : o.requirement;
    f.roles = o.roles;
    f.obligation = o.id;
    f.source = o.source;
  }

  // --- unknown inputs ------------------------------------------------------------------------
  {
    std::vector<std::string> pointers;
    for (const auto& o : obligations)
      for (const auto& p : o.unknownFields) addRole(pointers, p);
    sortStable(pointers, [](const std::string& a, const std::string& b) {
      auto rank = [](const std::string& s) {
        for (std::uint32_t i = 0; i < kRegFieldCount; ++i)
          if (s == regFieldPointer(i)) return i;
        return kRegFieldCount + 0u;
      };
      return rank(a) < rank(b);
    });
    for (const auto& pointer : pointers) {
      std::vector<std::string> ids;
      bool law = false;
      for (const auto& o : obligations)
        if (std::find(o.unknownFields.begin(), o.unknownFields.end(), pointer) !=
            o.unknownFields.end()) {
          ids.push_back(o.id);
          law = law || o.binding != "voluntary";
        }
      const std::string list = joined(ids, ", ");
      std::string key = pointer.substr(1);
      std::replace(key.begin(), key.end(), '/', '.');
      Finding& f =
          addFinding(out, concat({"unknown-input.", key}), "unknown-input", law ? "medium" : "low");
      if (pointer == "/currentRoles") {
        f.message =
            concat({"Today's roles were not given, so ", list,
                    " could not be judged and no findings on today's structure were made."});
        f.recommendation =
            "List today's security-relevant roles (currentRoles) with their reporting lines.";
      } else {
        f.message = concat({pointer, " was left out, so whether ", list, " applies is unknown."});
        f.recommendation = concat({"Answer ", pointer, " to settle ", list, "."});
      }
      f.source = "contract section 1 (a missing optional field means unknown)";
    }
  }

  if (!ctx.profile.currentRoles) {
    sortStable(out, bySeverityThenId);
    return out;
  }

  const std::vector<Person>& people = ctx.people();
  const std::uint64_t ciso = roleBit(kb, "ciso"), cso = roleBit(kb, "cso"),
                      vciso = roleBit(kb, "vciso");
  const std::uint64_t dpo = roleBit(kb, "dpo"), audit = roleBit(kb, "internal-audit");
  const std::uint64_t cio = roleBit(kb, "cio"), itManager = roleBit(kb, "it-manager");

  // --- unowned and multiple-accountable (today's RACI) ----------------------------------------
  if (currentRaci) {
    // The recommended owner of an unowned row; built only when a row is unowned (rarely).
    std::optional<Raci> recommended;
    auto ownerOf = [&](std::size_t i) {
      if (!recommended) recommended = buildRecommendedRaci(ctx, leadership);
      return i < recommended->rows.size() ? recommended->rows[i].A : std::string();
    };
    std::vector<std::string> flaggedRoles;
    for (std::size_t i = 0; i < currentRaci->rows.size(); ++i) {
      const RaciRow& row = currentRaci->rows[i];
      if (row.A.empty()) {
        const std::string owner = ownerOf(i);
        Finding& f = addFinding(out, concat({"unowned.", row.responsibility}), "unowned",
                                row.criticality.empty() ? "medium" : row.criticality);
        f.message = concat({"No one is accountable for ", row.responsibility,
                            " today: no assignment is given and the role that holds it by "
                            "default does not exist."});
        f.recommendation =
            concat({"Make the ", owner, " accountable for ", row.responsibility, "."});
        addRole(f.roles, owner);
        f.responsibility = row.responsibility;
        f.source =
            concat({"raci.json (", row.responsibility, "); ISO/IEC 27001:2022 clause 5.3 [S]"});
      } else if (!row.fromAssignment && row.accountableCandidates.size() > 1) {
        // Several people hold the role that owns the row by default: one finding per role.
        const Person* first = nullptr;
        for (const auto& p : people)
          if (p.id == row.accountableCandidates.front()) first = &p;
        const std::string key = joined(row.accountableCandidates, "+");
        if (std::find(flaggedRoles.begin(), flaggedRoles.end(), key) != flaggedRoles.end())
          continue;
        flaggedRoles.push_back(key);
        Finding& f = addFinding(out, concat({"multiple-accountable.", key}), "multiple-accountable",
                                row.criticality == "high" ? "high" : "medium");
        const std::string names = joined(row.accountableCandidates, ", ");
        for (const auto& id : row.accountableCandidates)
          for (const auto& p : people)
            if (p.id == id) addRole(f.roles, p.role);
        f.message = concat({names, " each hold the ", row.A, " role that owns ", row.responsibility,
                            " and related duties by default, so accountability is shared and "
                            "unclear."});
        f.recommendation = concat({"Name one accountable owner (", first ? first->id : names,
                                   " or another) per responsibility in currentAssignments."});
        f.responsibility = row.responsibility;
        f.source =
            "ISO/IEC 27002:2022 5.2 (one accountable owner) [S]; HIPAA single security official "
            "[S]";
      }
    }

    // Segregation: the same person accountable for designing controls and for auditing them.
    const RaciRow* auditRow = nullptr;
    for (const auto& row : currentRaci->rows)
      if (row.responsibility == "security-audit") auditRow = &row;
    if (auditRow && !auditRow->accountableId.empty()) {
      for (const auto& row : currentRaci->rows) {
        // Designing controls: responsible for (doing) security policy or secure architecture.
        if (row.responsibility != "security-policy" && row.responsibility != "secure-architecture")
          continue;
        if (std::find(row.responsibleIds.begin(), row.responsibleIds.end(),
                      auditRow->accountableId) == row.responsibleIds.end())
          continue;
        const bool strict = applies(findObligation(obligations, "iso27001-segregation")) ||
                            applies(findObligation(obligations, "dora-ict-risk-control-function"));
        Finding& f =
            addFinding(out, concat({"conflict.design-and-audit.", auditRow->accountableId}),
                       "conflict", strict ? "high" : "medium");
        f.message =
            concat({auditRow->accountableId, " (", auditRow->A, ") designs ", row.responsibility,
                    " and is accountable for security-audit, so the controls are "
                    "audited by the person who designs them."});
        f.recommendation =
            "Give security-audit to internal audit or an external auditor independent of "
            "the security programme.";
        f.roles.push_back(auditRow->A);
        f.responsibility = "security-audit";
        if (strict)
          f.obligation = applies(findObligation(obligations, "iso27001-segregation"))
                             ? "iso27001-segregation"
                             : "dora-ict-risk-control-function";
        f.source = kIsoSegregation;
        break;
      }
    }
  }

  for (const auto& p : people) {
    // DPO who decides purposes and means of processing (GDPR 38(6), WP243 3.5).
    if (p.roles & dpo) {
      const std::uint64_t others = p.roles & ~dpo;
      if (others & (cat.decidesProcessing | cat.controlFunctions)) {
        const std::string other =
            firstRole(kb, others & (cat.decidesProcessing | cat.controlFunctions));
        Finding& f = addFinding(out, concat({"conflict.dpo-decides-processing.", p.id}), "conflict",
                                ctx.facts.eu ? "high" : "medium");
        const bool same = other == p.role;
        f.message = concat({who(p), same ? " also acts as DPO" : " is DPO and also acts as ",
                            same ? std::string_view() : std::string_view(other),
                            ", a role that decides purposes and means of processing or controls "
                            "them."});
        f.recommendation =
            "Appoint a DPO without operational, IT or control-function duties (an external "
            "DPO under a service contract is allowed), reporting to the CEO or board.";
        f.roles.push_back(p.role);
        addRole(f.roles, "dpo");
        addRole(f.roles, other);
        f.responsibility = "privacy-compliance";
        if (applies(findObligation(obligations, "gdpr-dpo-independence")))
          f.obligation = "gdpr-dpo-independence";
        f.source =
            "GDPR Art. 38(6) [P]; WP243 section 3.5 and footnote 34 [S]; Proximus, Belgian DPA "
            "2020 [S]";
      } else if (others & cat.securityLead) {
        Finding& f =
            addFinding(out, concat({"conflict.dpo-is-security-lead.", p.id}), "conflict", "medium");
        f.message = concat({who(p),
                            " is both the DPO and the security lead, and would monitor the "
                            "security measures it decides."});
        f.recommendation =
            "Keep the roles apart where the security lead decides the means of processing, "
            "or document why no conflict arises.";
        f.roles.push_back(p.role);
        addRole(f.roles, "dpo");
        addRole(f.roles, firstRole(kb, others & cat.securityLead));
        f.responsibility = "data-security";
        if (applies(findObligation(obligations, "gdpr-dpo-independence")))
          f.obligation = "gdpr-dpo-independence";
        f.source = "GDPR Art. 38(6) [P]; CISO-as-DPO risk [I] (regulations.md section 21.4)";
      }
    }
    // The security lead who also audits security.
    if ((p.roles & audit) && (p.roles & cat.securityLead)) {
      std::string id = concat({"conflict.design-and-audit.", p.id});
      // Not again when the RACI check above has flagged it.
      if (std::none_of(out.begin(), out.end(), [&](const Finding& g) { return g.id == id; })) {
        Finding& f = addFinding(out, std::move(id), "conflict", "high");
        f.message = concat({who(p),
                            " leads security and is also internal audit, so it would audit its "
                            "own controls."});
        f.recommendation =
            "Separate internal audit from the security lead; use an external auditor if needed.";
        f.roles.push_back(p.role);
        addRole(f.roles, firstRole(kb, p.roles & cat.securityLead));
        addRole(f.roles, "internal-audit");
        f.responsibility = "security-audit";
        f.source = kIsoSegregation;
      }
    }
    // A CISO under the IT line where a rule or the load calls for independence.
    if ((p.roles & (ciso | cso | vciso)) && (p.managerRole & cat.itLine) &&
        !(p.roles & cat.itLine)) {
      const ObligationResult* rbi = findObligation(obligations, "rbi-ciso");
      const ObligationResult* dora = findObligation(obligations, "dora-ict-risk-control-function");
      const bool load =
          lawApplies >= 3 || (ctx.profile.cyberThreat.value_or("") == "high" && regulated);
      if (applies(rbi) || applies(dora) || load) {
        Finding& f = addFinding(out, concat({"independence.ciso-under-it.", p.id}), "independence",
                                applies(rbi)    ? "critical"
                                : applies(dora) ? "high"
                                                : "medium");
        const bool plain = !applies(rbi) && !applies(dora);
        f.message = concat({who(p), " reports to the ", p.managerRoleId,
                            ", so security risk is reported through the function it oversees",
                            applies(rbi) ? " (RBI forbids a CISO reporting line to the head of IT)."
                            : applies(dora)
                                ? " (DORA 6(4) asks for an independent ICT risk control function)."
                                : " while ",
                            plain ? MessagePiece(lawApplies) : MessagePiece(""),
                            plain ? " regulatory obligations apply." : ""});
        f.recommendation = applies(rbi)
                               ? "Have the CISO report to the executive director overseeing risk."
                               : "Move the CISO's reporting line to the CEO (or the CRO), with "
                                 "regular access to the board.";
        f.roles.push_back(p.role);
        f.roles.push_back(p.managerRoleId);
        f.responsibility = "cyber-risk-management";
        f.obligation = applies(rbi)    ? "rbi-ciso"
                       : applies(dora) ? "dora-ict-risk-control-function"
                                       : "";
        f.source =
            applies(rbi) ? "RBI ITGRCA 2023 section 24(c)-(d) [P]"
            : applies(dora)
                ? "DORA Art. 6(4) [P]"
                : "seeds/004_8d32cc9aeeacaec0.txt (report to the CEO or board where "
                  "regulatory requirements are significant); regulations.md section 21.4 [I]";
      }
    }
    // One person holding the IT lead and the security lead.
    if ((p.roles & (cio | itManager)) && (p.roles & (ciso | cso)) &&
        (ctx.profile.employees >= 250 || regulated)) {
      Finding& f = addFinding(out, concat({"overload.cio-and-ciso.", p.id}), "overload",
                              ctx.profile.employees >= 250 && regulated ? "high" : "medium");
      f.message = concat({who(p), " holds both the IT lead and the security lead in ",
                          ctx.profile.employees >= 250 ? "a mid-size or larger" : "a regulated",
                          " organization, which spreads one person too thin and has IT grade its "
                          "own security."});
      f.recommendation =
          leadership.model == "vciso"
              ? "Bring in a vCISO with an internal owner and leave IT operations to the IT lead."
              : "Separate the roles: appoint a dedicated security lead (CISO) outside the IT line.";
      f.roles.push_back(p.role);
      addRole(f.roles, firstRole(kb, p.roles & (cio | itManager)));
      addRole(f.roles, firstRole(kb, p.roles & (ciso | cso)));
      f.responsibility = "security-governance";
      f.source = "seeds/004_8d32cc9aeeacaec0.txt (a CIO covering security may be spread too thin)";
    }
  }

  sortStable(out, bySeverityThenId);
  return out;
}

ordered_json toJson(const Finding& f) {
  ordered_json out;
  out.set("id", f.id);
  out.set("kind", f.kind);
  out.set("severity", f.severity);
  out.set("message", f.message);
  out.set("recommendation", f.recommendation);
  out.set("roles", f.roles);
  if (!f.responsibility.empty()) out.set("responsibility", f.responsibility);
  if (!f.obligation.empty()) out.set("obligation", f.obligation);
  out.set("source", f.source);
  return out;
}

}  // namespace seclead
