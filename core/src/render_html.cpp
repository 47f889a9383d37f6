// --format html: an "Information security roles and responsibilities" policy document, the
// document ISO/IEC 27001:2022 clause 5.3 and Annex A control 5.2 ask an organization to have
// (roles defined and allocated), with segregation of duties (A.5.3) and the RACI as appendix.
// Self-contained and printable (print CSS, no external resource, a CSP that forbids scripts);
// every string that comes from the report is HTML-escaped.
#include <algorithm>
#include <string>

#include "render.h"

namespace seclead {

namespace {

using namespace rendering;

std::string h(std::string_view s) {
  return htmlEscape(s);
}

constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; max-width: 52rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #999; padding-bottom: .15rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: 9.5pt; }
th, td { border: 1px solid #888; padding: .2rem .35rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
td.cell { text-align: center; font-family: "DejaVu Sans Mono", monospace; }
.meta { color: #444; font-size: 9.5pt; }
.source { color: #555; font-size: 9pt; }
.sev-critical, .sev-high { font-weight: bold; }
.signature td { height: 2.2rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  thead th { background: none; }
  .appendix { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 18mm 16mm; }
)";

void raciAppendix(std::string& out, const ordered_json& raci) {
  std::vector<std::string> roles = strings(raci, "roles");
  out += "<table class=\"raci\">\n<thead><tr><th scope=\"col\">Responsibility</th>";
  for (const auto& r : roles)
    append(out, "<th scope=\"col\" title=\"", h(roleName(r)), "\">", h(r), "</th>");
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : array(raci, "rows")) {
    append(out, "<tr><th scope=\"row\">", h(responsibilityName(text(row, "responsibility"))),
           "</th>");
    for (const auto& r : roles) append(out, "<td class=\"cell\">", h(raciCell(row, r)), "</td>");
    out += "</tr>\n";
  }
  out +=
      "</tbody>\n</table>\n<p class=\"meta\">R = responsible, A = accountable, C = consulted, "
      "I = informed. Roles: ";
  for (std::size_t i = 0; i < roles.size(); ++i)
    append(out, i ? "; " : "", h(roles[i]), " = ", h(roleName(roles[i])));
  out += ".</p>\n";
}

void renderValue(std::string& out, const ordered_json& value) {
  if (value.is_object()) {
    out += "<dl>\n";
    for (const auto& [key, item] : value.items()) {
      append(out, "<dt>", h(key), "</dt><dd>");
      renderValue(out, item);
      out += "</dd>\n";
    }
    out += "</dl>\n";
  } else if (value.is_array()) {
    out += "<ul>\n";
    for (const auto& item : value) {
      out += "<li>";
      renderValue(out, item);
      out += "</li>\n";
    }
    out += "</ul>\n";
  } else {
    out += h(scalar(value));
  }
}

// "<p><strong>label:</strong> a, b.</p>", nothing when there are no items.
void namesLine(std::string& out, const char* label, const std::vector<std::string>& items) {
  if (items.empty()) return;
  append(out, "<p><strong>", label, ":</strong> ");
  for (std::size_t i = 0; i < items.size(); ++i) append(out, i ? ", " : "", h(items[i]));
  out += ".</p>\n";
}

void renderCharter(std::string& out, const ordered_json& charter) {
  if (!charter.is_object()) {
    renderValue(out, charter);
    return;
  }
  const Charter c = readCharter(charter);
  append(out, "<p><strong>", h(c.heading), "</strong>");
  if (!c.employment.empty()) append(out, ": ", h(c.employment));
  if (!c.reportsTo.empty()) append(out, "; reports to the ", h(c.reportsTo));
  out += ".</p>\n";
  if (!c.duties.empty()) {
    out += "<p><strong>Responsibilities</strong> (A = accountable, R = responsible): ";
    for (std::size_t i = 0; i < c.duties.size(); ++i) {
      append(out, i ? ", " : "", h(c.duties[i].name));
      if (!c.duties[i].as.empty()) append(out, " (", h(c.duties[i].as), ")");
    }
    out += ".</p>\n";
  }
  auto list = [&](const char* label, const std::vector<Charter::Item>& items) {
    if (items.empty()) return;
    append(out, "<p><strong>", label, "</strong></p>\n<ul>\n");
    for (const auto& item : items) {
      append(out, "<li>", h(item.text));
      if (!item.source.empty())
        append(out, " <span class=\"source\">(", h(item.source), ")</span>");
      out += "</li>\n";
    }
    out += "</ul>\n";
  };
  namesLine(out, "Accountable for", c.accountableFor);
  namesLine(out, "Responsible for", c.responsibleFor);
  list("Skills", c.skills);
  list("Authority", c.authority);
  if (!c.extras.empty()) renderValue(out, c.extras);
}

}  // namespace

std::string renderHtml(const ordered_json& report) {
  std::string out;
  const ordered_json& org = object(report, "organization");
  const ordered_json& engine = object(report, "engine");
  const ordered_json& kb = object(engine, "knowledgeBase");
  const ordered_json& lead = object(report, "leadership");
  const ordered_json& raci = object(report, "raci");
  std::string orgName = text(org, "name");
  std::string who = orgName.empty() ? std::string("the organization") : orgName;
  std::string model = text(lead, "model");
  std::string reportsTo = text(lead, "cisoReportsTo");

  append(out,
         "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>Information security roles and responsibilities: ",
         h(who), "</title>\n<style>", kStyle, "</style>\n</head>\n<body>\n");

  append(out,
         "<header>\n<h1>Information security roles and responsibilities</h1>\n"
         "<p class=\"meta\">Policy of <strong>",
         h(who), "</strong>. Draft generated by seclead ", h(text(engine, "version")),
         " (knowledge base ", h(text(kb, "version")));
  std::string sha = text(kb, "sha256");
  if (!sha.empty()) append(out, ", sha256 ", h(sha.substr(0, 16)), "…");
  out += ")";
  for (const auto& o : array(engine, "overlays"))
    append(out, "; overlay ", h(text(o, "name")), " (sha256 ", h(text(o, "sha256").substr(0, 16)),
           "…)");
  out += ". It takes effect once approved below.</p>\n</header>\n<main>\n";

  // 1. Purpose.
  append(out,
         "<section>\n<h2>1. Purpose</h2>\n<p>This policy defines and allocates the information "
         "security roles and responsibilities of ",
         h(who),
         ", as ISO/IEC 27001:2022 clause 5.3 and Annex A control 5.2 require: every security "
         "responsibility has exactly one accountable owner, the people who carry it out are "
         "named, and those to be consulted or informed are known. Conflicting duties are "
         "segregated as Annex A control 5.3 requires.</p>\n</section>\n");

  // 2. Scope.
  append(out, "<section>\n<h2>2. Scope</h2>\n<p>It applies to all of ", h(who));
  if (!text(org, "employees").empty()) append(out, " (", h(text(org, "employees")), " employees");
  if (!text(org, "sector").empty()) append(out, ", sector ", h(text(org, "sector")));
  auto jurisdictions = strings(org, "jurisdictions");
  if (!jurisdictions.empty()) {
    out += ", operating in ";
    for (std::size_t i = 0; i < jurisdictions.size(); ++i)
      append(out, i ? ", " : "", h(jurisdictions[i]));
  }
  if (!text(org, "employees").empty()) out += ")";
  out +=
      ": its people, contractors acting for it, and the information and systems it is "
      "responsible for.</p>\n</section>\n";

  // 3. Structure.
  append(out, "<section>\n<h2>3. Security leadership structure</h2>\n<p>", h(who),
         " adopts the <strong>", h(modelName(model)), "</strong> model. ");
  if (reportsTo == "none" || reportsTo.empty())
    out +=
        "There is no separate security executive; the duties below are shared among existing "
        "leaders.";
  else
    append(out, "The security executive reports to the ", h(roleName(reportsTo)), ".");
  append(out, " A data protection officer is <strong>", h(lowerFirst(dpoName(text(lead, "dpo")))),
         "</strong>.</p>\n");
  if (!text(lead, "reportingReason").empty())
    append(out, "<p>", h(text(lead, "reportingReason")), "</p>\n");
  if (!text(lead, "dpoReason").empty()) append(out, "<p>", h(text(lead, "dpoReason")), "</p>\n");
  const ordered_json& rationale = array(lead, "rationale");
  if (!rationale.empty()) {
    out += "<p>The structure follows from these facts:</p>\n<ul>\n";
    for (const auto& r : rationale)
      append(out, "<li>", h(text(r, "because")), " <span class=\"source\">(", h(text(r, "source")),
             ")</span></li>\n");
    out += "</ul>\n";
  }
  out += "</section>\n";

  // 4. Roles and responsibilities, per role.
  out +=
      "<section>\n<h2>4. Roles and responsibilities</h2>\n<p>Each role below is accountable "
      "(A) for, or carries out (R), the responsibilities listed. The full matrix, with who "
      "is consulted and informed, is in Appendix A.</p>\n";
  for (const auto& role : strings(raci, "roles")) {
    std::vector<std::string> accountable, responsible;
    for (const auto& row : array(raci, "rows")) {
      std::string cell = raciCell(row, role);
      std::string name = responsibilityName(text(row, "responsibility"));
      if (cell.find('A') != std::string::npos) accountable.push_back(name);
      if (cell.find('R') != std::string::npos) responsible.push_back(name);
    }
    if (accountable.empty() && responsible.empty()) continue;
    append(out, "<h3>", h(roleName(role)), " <span class=\"meta\">(", h(role), ")</span></h3>\n");
    namesLine(out, "Accountable for", accountable);
    namesLine(out, "Carries out", responsible);
  }
  if (lead.contains("charter") && !lead["charter"].is_null()) {
    out += "<h3>Charter of the security executive</h3>\n";
    renderCharter(out, lead["charter"]);
  }
  out += "</section>\n";

  // 5. Segregation of duties.
  out +=
      "<section>\n<h2>5. Segregation of duties and ownership</h2>\n<p>No one is accountable "
      "both for "
      "designing a security control and for auditing it, and a data protection officer does "
      "not decide the purposes and means of processing (ISO/IEC 27001:2022 A.5.3; GDPR "
      "Art. 38(6)).</p>\n";
  std::vector<const ordered_json*> conflicts;
  for (const auto& f : array(report, "findings")) {
    std::string kind = text(f, "kind");
    if (kind == "conflict" || kind == "independence" || kind == "multiple-accountable" ||
        kind == "overload" || kind == "unowned")
      conflicts.push_back(&f);
  }
  if (conflicts.empty()) {
    out +=
        "<p>The assessment found no conflicting, unowned or doubly owned duties in the current "
        "structure.</p>\n";
  } else {
    out +=
        "<p>The assessment found these issues in the current structure; each must be "
        "resolved as recommended:</p>\n<ul>\n";
    for (const auto* f : conflicts)
      append(out, "<li class=\"sev-", h(text(*f, "severity")), "\">", h(text(*f, "message")),
             " <em>", h(text(*f, "recommendation")), "</em> <span class=\"source\">(",
             h(text(*f, "severity")), "; ", h(text(*f, "source")), ")</span></li>\n");
    out += "</ul>\n";
  }
  out += "</section>\n";

  // 6. Regulatory role requirements.
  out += "<section>\n<h2>6. Regulatory role requirements</h2>\n";
  const ordered_json& obligations = array(report, "obligations");
  if (obligations.empty()) {
    out += "<p>No regulatory role obligation applies.</p>\n";
  } else {
    out +=
        "<table>\n<thead><tr><th scope=\"col\">Obligation</th><th scope=\"col\">Requires</th>"
        "<th scope=\"col\">Roles</th><th scope=\"col\">Status "
        "today</th></tr></thead>\n<tbody>\n";
    for (const auto& o : obligations) {
      append(out, "<tr><td>", h(text(o, "id")), "<br><span class=\"source\">", h(text(o, "source")),
             "</span></td><td>", h(text(o, "requires")), "</td><td>");
      auto roles = strings(o, "roles");
      for (std::size_t i = 0; i < roles.size(); ++i)
        append(out, i ? ", " : "", h(roleName(roles[i])));
      append(out, "</td><td>", h(statusName(text(o, "status"))));
      if (!text(o, "reason").empty()) append(out, ": ", h(text(o, "reason")));
      out += "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</section>\n";

  // 7. Review and approval.
  out +=
      "<section>\n<h2>7. Review and approval</h2>\n<p>The accountable owner of security "
      "governance reviews this policy at least once a year and whenever the organization, its "
      "regulators or its leadership structure change.</p>\n"
      "<table class=\"signature\">\n<thead><tr><th scope=\"col\">Role</th><th "
      "scope=\"col\">Name</th><th scope=\"col\">Signature</th><th "
      "scope=\"col\">Date</th></tr></thead>\n<tbody>\n";
  std::vector<std::string> signers;
  for (const auto& row : array(raci, "rows")) {
    std::string r = text(row, "responsibility");
    if (r == "security-policy" || r == "security-governance") {
      std::string a = text(row, "A");
      if (!a.empty() && std::find(signers.begin(), signers.end(), a) == signers.end())
        signers.push_back(a);
    }
  }
  if (signers.empty()) signers.push_back("ceo");
  for (const auto& s : signers)
    append(out, "<tr><td>", h(roleName(s)), "</td><td></td><td></td><td></td></tr>\n");
  out += "</tbody>\n</table>\n</section>\n";

  // Appendices.
  out += "<section class=\"appendix\">\n<h2>Appendix A. RACI of the adopted structure</h2>\n";
  raciAppendix(out, raci);
  out += "</section>\n";
  if (report.contains("currentRaci") && report["currentRaci"].is_object()) {
    out +=
        "<section class=\"appendix\">\n<h2>Appendix B. RACI of the structure at the time of "
        "assessment</h2>\n";
    raciAppendix(out, report["currentRaci"]);
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace seclead
