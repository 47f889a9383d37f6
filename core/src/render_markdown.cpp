// --format markdown: the report as a document a consultant would review and sign.
#include <algorithm>
#include <cmath>
#include <string>

#include "render.h"

namespace seclead {

namespace {

using namespace rendering;

std::string esc(std::string_view s) {
  return markdownEscape(s);
}

std::string joinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) {
    if (!out.empty()) out += ", ";
    out += esc(roleName(r));
  }
  return out;
}

std::string code(const std::string& s) {
  // Inline code cannot contain a backtick run safely; ids never do, but be careful.
  if (s.find('`') != std::string::npos) return esc(s);
  return "`" + s + "`";
}

// A nested JSON value (the role charter, whose shape its owner decides) as markdown.
void renderValue(std::string& out, const ordered_json& value, int depth) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (item.is_object() || item.is_array()) {
        append(out, indent, "- **", esc(key), "**\n");
        renderValue(out, item, depth + 1);
      } else {
        append(out, indent, "- **", esc(key), "**: ", esc(scalar(item)), "\n");
      }
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_object()) {
        // An object in a list: its first scalar as the bullet, the rest nested.
        bool first = true;
        for (const auto& [key, field] : item.items()) {
          append(out, indent, first ? "- " : "  ", "**", esc(key), "**");
          if (field.is_object() || field.is_array()) {
            out += "\n";
            renderValue(out, field, depth + 2);
          } else {
            append(out, ": ", esc(scalar(field)), "\n");
          }
          first = false;
        }
      } else if (item.is_array()) {
        renderValue(out, item, depth + 1);
      } else {
        append(out, indent, "- ", esc(scalar(item)), "\n");
      }
    }
  } else if (!value.is_null()) {
    append(out, indent, esc(scalar(value)), "\n");
  }
}

// "**label**: a, b.", nothing when there are no items.
void namesLine(std::string& out, const char* label, const std::vector<std::string>& items) {
  if (items.empty()) return;
  append(out, "**", label, "**: ");
  for (std::size_t i = 0; i < items.size(); ++i) append(out, i ? ", " : "", esc(items[i]));
  out += ".\n\n";
}

// The role charter: known keys laid out for reading, any other key rendered generically.
void renderCharter(std::string& out, const ordered_json& charter) {
  if (!charter.is_object()) {
    renderValue(out, charter, 0);
    return;
  }
  const Charter c = readCharter(charter);
  if (!c.title.empty() || !c.role.empty()) {
    append(out, "**", esc(c.heading), "**");
    if (!c.role.empty()) append(out, " (", code(c.role), ")");
    if (!c.employment.empty()) append(out, ": ", esc(c.employment));
    if (!c.reportsTo.empty()) append(out, "; reports to the ", esc(c.reportsTo));
    out += ".\n\n";
  }
  if (!c.duties.empty()) {
    out += "**Responsibilities** (A = accountable, R = responsible): ";
    for (std::size_t i = 0; i < c.duties.size(); ++i) {
      append(out, i ? ", " : "", esc(c.duties[i].name));
      if (!c.duties[i].as.empty()) append(out, " (", esc(c.duties[i].as), ")");
    }
    out += ".\n\n";
  }
  auto list = [&](const char* label, const std::vector<Charter::Item>& items) {
    if (items.empty()) return;
    append(out, "**", label, "**\n\n");
    for (const auto& item : items) {
      append(out, "- ", esc(item.text));
      if (!item.source.empty()) append(out, " *(", esc(item.source), ")*");
      out += "\n";
    }
    out += "\n";
  };
  namesLine(out, "Accountable for", c.accountableFor);
  namesLine(out, "Responsible for", c.responsibleFor);
  list("Skills", c.skills);
  list("Authority", c.authority);
  if (!c.extras.empty()) renderValue(out, c.extras, 0);
}

void raciTable(std::string& out, const ordered_json& raci) {
  std::vector<std::string> roles = strings(raci, "roles");
  const ordered_json& rows = array(raci, "rows");
  if (rows.empty()) {
    out += "_No RACI rows in this report._\n\n";
    return;
  }
  out += "| Responsibility |";
  for (const auto& r : roles) append(out, " ", esc(r), " |");
  out += "\n|---|";
  for (std::size_t i = 0; i < roles.size(); ++i) out += ":-:|";
  out += "\n";
  for (const auto& row : rows) {
    append(out, "| ", esc(responsibilityName(text(row, "responsibility"))), " |");
    for (const auto& r : roles) append(out, " ", raciCell(row, r), " |");
    out += "\n";
  }
  out += "\n";
  if (!roles.empty()) {
    out += "Roles: ";
    for (std::size_t i = 0; i < roles.size(); ++i)
      append(out, i ? "; " : "", esc(roles[i]), " = ", esc(roleName(roles[i])));
    out += ".\n\n";
  }
}

}  // namespace

std::string renderMarkdown(const ordered_json& report) {
  std::string out;
  const ordered_json& org = object(report, "organization");
  const ordered_json& engine = object(report, "engine");
  const ordered_json& lead = object(report, "leadership");
  std::string orgName = text(org, "name");

  append(out, "# Security leadership assessment: ",
         orgName.empty() ? std::string("the organization") : esc(orgName), "\n\n");
  {
    std::vector<std::string> facts;
    if (!text(org, "employees").empty()) facts.push_back(text(org, "employees") + " employees");
    if (!text(org, "sector").empty()) facts.push_back("sector " + esc(text(org, "sector")));
    auto jur = strings(org, "jurisdictions");
    if (!jur.empty()) {
      std::string j;
      for (const auto& x : jur) j += (j.empty() ? "" : ", ") + esc(x);
      facts.push_back("jurisdictions " + j);
    }
    if (!text(org, "sizeBand").empty()) facts.push_back("size band " + esc(text(org, "sizeBand")));
    if (!facts.empty()) {
      out += "*";
      for (std::size_t i = 0; i < facts.size(); ++i) append(out, i ? " · " : "", facts[i]);
      out += "*\n\n";
    }
  }
  {
    const ordered_json& kb = object(engine, "knowledgeBase");
    append(out, "Produced by seclead ", esc(text(engine, "version")), ", knowledge base ",
           esc(text(kb, "version")));
    std::string sha = text(kb, "sha256");
    if (!sha.empty()) append(out, " (sha256 ", code(sha.substr(0, 16)), "…)");
    const ordered_json& overlays = array(engine, "overlays");
    if (!overlays.empty()) {
      out += ", with overlays ";
      bool first = true;
      for (const auto& o : overlays) {
        append(out, first ? "" : ", ", esc(text(o, "name")), " (",
               code(text(o, "sha256").substr(0, 16)), "…)");
        first = false;
      }
    }
    out += ".\n\n";
  }

  // Summary.
  std::string model = text(lead, "model");
  out += "## Summary\n\n";
  out += "| Question | Answer |\n|---|---|\n";
  append(out, "| Recommended leadership model | **", esc(modelName(model)), "** (", code(model),
         ") |\n");
  append(out, "| The security executive reports to | ",
         esc(reportsToName(text(lead, "cisoReportsTo"))), " |\n");
  append(out, "| Data protection officer | ", esc(dpoName(text(lead, "dpo"))), " |\n");
  const ordered_json& vciso = object(report, "vciso");
  if (vciso.contains("recommended"))
    append(out, "| vCISO engagement | ",
           isTrue(vciso, "recommended")
               ? "Recommended, about " + text(vciso, "hoursPerMonth") + " hours per month"
               : std::string("Not recommended"),
           " |\n");
  {
    int counts[5] = {0, 0, 0, 0, 0};
    for (const auto& f : array(report, "findings")) ++counts[severityRank(text(f, "severity"))];
    int total = counts[0] + counts[1] + counts[2] + counts[3] + counts[4];
    append(out, "| Findings on today's structure | ", std::to_string(total));
    if (total) {
      out += " (";
      bool first = true;
      for (std::size_t i = 0; i < severities().size(); ++i)
        if (counts[i]) {
          append(out, first ? "" : ", ", std::to_string(counts[i]), " ", severities()[i]);
          first = false;
        }
      out += ")";
    }
    out += " |\n";
  }
  {
    int gaps = 0, total = 0;
    for (const auto& o : array(report, "obligations")) {
      if (text(o, "status") == "not-applicable") continue;
      ++total;
      if (text(o, "status") != "met") ++gaps;
    }
    append(out, "| Regulatory role obligations | ", std::to_string(total), " applicable, ",
           std::to_string(gaps), " not fully met |\n\n");
  }
  if (!text(lead, "reportingReason").empty())
    append(out, "**Reporting line.** ", esc(text(lead, "reportingReason")), "\n\n");
  if (!text(lead, "dpoReason").empty())
    append(out, "**Data protection officer.** ", esc(text(lead, "dpoReason")), "\n\n");
  {
    const ordered_json& rationale = array(lead, "rationale");
    if (!rationale.empty()) {
      out += "**Why.** ";
      std::size_t n = std::min<std::size_t>(3, rationale.size());
      for (std::size_t i = 0; i < n; ++i)
        append(out, i ? " " : "", esc(text(rationale[i], "because")));
      out += "\n\n";
    }
  }

  // Scores.
  const ordered_json& score = object(lead, "score");
  if (!score.empty()) {
    out += "## Model scores\n\n| Model | Score (0-100) | |\n|---|--:|---|\n";
    for (const auto& [m, value] : score.items()) {
      double raw = value.is_number() ? value.get<double>() : 0;
      long long points = std::isfinite(raw) ? std::llround(std::clamp(raw, 0.0, 100.0)) : 0;
      points = std::clamp<long long>(points, 0, 100);
      append(out, "| ", esc(modelName(m)), " | ", scalar(value), " | ",
             std::string(static_cast<std::size_t>(points / 5), '#'),
             m == model ? " **recommended**" : "", " |\n");
    }
    out += "\n";
  }

  // Rationale.
  const ordered_json& rationale = array(lead, "rationale");
  out += "## Rationale\n\n";
  if (rationale.empty()) out += "_No rule fired._\n\n";
  int n = 0;
  for (const auto& r : rationale) {
    append(out, std::to_string(++n), ". **", esc(text(r, "because")), "**");
    std::string effect = text(r, "effect");
    if (!effect.empty()) append(out, " Effect: ", esc(effect), ".");
    append(out, " (rule ", code(text(r, "rule")));
    if (!text(r, "source").empty()) append(out, "; source: ", esc(text(r, "source")));
    out += ")\n";
  }
  if (!rationale.empty()) out += "\n";

  // Sensitivity.
  out += "## What would change the recommendation\n\n";
  const ordered_json& sensitivity = array(lead, "sensitivity");
  if (sensitivity.empty())
    out += "No single change among the inputs the engine tested changes the model.\n\n";
  for (const auto& s : sensitivity) {
    const ordered_json& from = s.valueRef("from", ordered_json::sharedNull());
    const ordered_json& to = s.valueRef("to", ordered_json::sharedNull());
    append(out, "- If ", code(text(s, "field")), " were ", esc(to.dump()), " instead of ",
           esc(from.dump()), ", the model would be **", esc(modelName(text(s, "model"))), "**.\n");
  }
  if (!sensitivity.empty()) out += "\n";

  // Obligations.
  out += "## Regulatory role obligations\n\n";
  const ordered_json& obligations = array(report, "obligations");
  if (obligations.empty()) out += "No regulatory role obligation applies to this profile.\n\n";
  for (const auto& o : obligations) {
    std::string status = text(o, "status");
    append(out, "- [", status == "met" ? "x" : " ", "] **", code(text(o, "id")), "** ",
           esc(statusName(status)), ": ", esc(text(o, "requires")));
    auto roles = strings(o, "roles");
    if (!roles.empty()) append(out, " Roles: ", joinRoles(roles), ".");
    out += "\n";
    if (!text(o, "reason").empty()) append(out, "  - ", esc(text(o, "reason")), "\n");
    auto unknown = strings(o, "unknownFields");
    if (!unknown.empty()) {
      out += "  - Missing inputs:";
      for (const auto& u : unknown) append(out, " ", code(u));
      out += ".\n";
    }
    if (!text(o, "source").empty()) append(out, "  - *Source: ", esc(text(o, "source")), "*\n");
  }
  if (!obligations.empty()) out += "\n";

  // Findings by severity.
  out += "## Findings on today's structure\n\n";
  const ordered_json& findings = array(report, "findings");
  if (findings.empty()) out += "No findings.\n\n";
  for (std::size_t rank = 0; rank <= severities().size(); ++rank) {
    std::vector<const ordered_json*> group;
    for (const auto& f : findings)
      if (static_cast<std::size_t>(severityRank(text(f, "severity"))) == rank) group.push_back(&f);
    if (group.empty()) continue;
    std::string title = rank < severities().size() ? severities()[rank] : "other";
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    append(out, "### ", title, " (", std::to_string(group.size()), ")\n\n");
    for (const auto* f : group) {
      append(out, "- **", esc(text(*f, "message")), "**\n");
      std::vector<std::string> about;
      if (!text(*f, "kind").empty()) about.push_back("kind " + code(text(*f, "kind")));
      auto roles = strings(*f, "roles");
      if (!roles.empty()) about.push_back("roles " + joinRoles(roles));
      if (!text(*f, "responsibility").empty())
        about.push_back("responsibility " + esc(responsibilityName(text(*f, "responsibility"))));
      if (!text(*f, "obligation").empty())
        about.push_back("obligation " + code(text(*f, "obligation")));
      if (!about.empty()) {
        out += "  - ";
        for (std::size_t i = 0; i < about.size(); ++i) append(out, i ? "; " : "", about[i]);
        out += ".\n";
      }
      if (!text(*f, "recommendation").empty())
        append(out, "  - Recommendation: ", esc(text(*f, "recommendation")), "\n");
      if (!text(*f, "source").empty()) append(out, "  - *Source: ", esc(text(*f, "source")), "*\n");
    }
    out += "\n";
  }

  // RACI.
  out +=
      "## RACI of the recommended structure\n\n"
      "R = responsible, A = accountable (exactly one per row), C = consulted, I = informed.\n\n";
  raciTable(out, object(report, "raci"));
  if (report.contains("currentRaci") && report["currentRaci"].is_object()) {
    out += "## RACI of today's structure\n\n";
    raciTable(out, report["currentRaci"]);
  }

  // vCISO.
  if (!vciso.empty()) {
    out += "## vCISO sizing\n\n";
    append(out, "- Recommended: ", isTrue(vciso, "recommended") ? "yes" : "no", "\n");
    if (vciso.contains("hoursPerMonth"))
      append(out, "- Hours per month: ", text(vciso, "hoursPerMonth"), "\n");
    const ordered_json& cost = object(vciso, "monthlyCost");
    if (!cost.empty())
      append(out, "- Monthly cost: ", money(cost.value("low", ordered_json())), " to ",
             money(cost.value("high", ordered_json())), " ", esc(text(cost, "currency")), "\n");
    if (vciso.contains("fullTimeAnnualCost")) {
      const auto& ft = vciso["fullTimeAnnualCost"];
      out += "- Full-time executive, yearly: ";
      if (ft.is_object())
        append(out, money(ft.value("low", ordered_json())), " to ",
               money(ft.value("high", ordered_json())), " ", esc(text(ft, "currency")));
      else
        append(out, money(ft), " ", esc(text(cost, "currency")));
      out += "\n";
    }
    if (vciso.contains("breakEvenHoursPerMonth"))
      append(out,
             "- Break-even against a full-time executive: ", text(vciso, "breakEvenHoursPerMonth"),
             " hours per month\n");
    auto triggers = strings(vciso, "transitionTriggers");
    if (!triggers.empty()) {
      out += "- Move to a full-time executive when:\n";
      for (const auto& t : triggers) append(out, "  - ", esc(t), "\n");
    }
    out += "\n";
  }

  // Collaboration.
  const ordered_json& collaboration = array(report, "collaboration");
  if (!collaboration.empty()) {
    out += "## CIO and CISO collaboration\n\n";
    for (const auto& c : collaboration) {
      append(out, "- **", esc(challengeName(text(c, "challenge"))), ".** ",
             esc(text(c, "practice")));
      if (!text(c, "because").empty()) append(out, " ", esc(text(c, "because")));
      if (!text(c, "source").empty()) append(out, " *(", esc(text(c, "source")), ")*");
      out += "\n";
    }
    out += "\n";
  }

  // Roadmap, grouped by horizon in first-seen order.
  const ordered_json& roadmap = array(report, "roadmap");
  if (!roadmap.empty()) {
    out += "## Roadmap\n\n";
    std::vector<std::string> horizons;
    for (const auto& item : roadmap) {
      std::string h = text(item, "horizon");
      if (std::find(horizons.begin(), horizons.end(), h) == horizons.end()) horizons.push_back(h);
    }
    for (const auto& h : horizons) {
      append(out, "### ", esc(horizonName(h)), "\n\n| Action | Owner | Why |\n|---|---|---|\n");
      for (const auto& item : roadmap) {
        if (text(item, "horizon") != h) continue;
        append(out, "| ", esc(text(item, "action")), " | ", esc(roleName(text(item, "owner"))),
               " | ", esc(text(item, "because")));
        if (!text(item, "source").empty()) append(out, " *(", esc(text(item, "source")), ")*");
        out += " |\n";
      }
      out += "\n";
    }
  }

  // Role charter.
  if (lead.contains("charter") && !lead["charter"].is_null()) {
    out += "## Role charter of the security executive\n\n";
    renderCharter(out, lead["charter"]);
    out += "\n";
  }

  // Unknowns.
  auto unknowns = strings(report, "unknowns");
  if (!unknowns.empty()) {
    out +=
        "## Inputs the profile left out\n\n"
        "These fields were not given; conclusions that depend on them are weaker:";
    for (const auto& u : unknowns) append(out, " ", code(u));
    out += ".\n\n";
  }

  out += "---\n\nReviewed and approved by: ______________________  Date: ____________\n";
  return out;
}

}  // namespace seclead
