// --format oscal: the recommended structure's roles, parties and responsible parties as an
// OSCAL 1.2.1 component definition. Why that model, how UUIDs are derived and why
// last-modified is fixed: plugins/oscal/README.md.
#include <algorithm>
#include <array>
#include <cctype>

#include "render.h"
#include "sha256.h"

namespace seclead {

namespace {

using namespace rendering;

constexpr const char* kOscalVersion = "1.2.1";
// Namespace of every seclead OSCAL UUID (fixed forever; see plugins/oscal/README.md).
constexpr const char* kNamespace = "5e1ead00-05ca-5000-8000-7365636c6561";
constexpr const char* kPropNs = "urn:seclead:oscal";
constexpr const char* kSp80053 =
    "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/"
    "NIST_SP-800-53_rev5_catalog.json";

// Responsibilities whose substance one NIST SP 800-53 rev. 5 control names; the component
// says which role is accountable/responsible for it. Report order decides output order.
struct ControlMap {
  const char* responsibility;
  const char* control;
};
constexpr std::array<ControlMap, 20> kControls = {{
    {"security-policy", "pm-1"},              // information security program plan
    {"security-governance", "pm-2"},          // information security program leadership role
    {"security-budget", "pm-3"},              // information security and privacy resources
    {"cyber-risk-management", "pm-9"},        // risk management strategy
    {"insider-risk", "pm-12"},                // insider threat program
    {"security-team-management", "pm-13"},    // security and privacy workforce
    {"privacy-compliance", "pm-19"},          // privacy program leadership role
    {"security-awareness-training", "at-2"},  // literacy training and awareness
    {"security-audit", "ca-2"},               // control assessments
    {"business-continuity", "cp-2"},          // contingency plan
    {"disaster-recovery", "cp-10"},           // system recovery and reconstitution
    {"identity-and-access", "ac-2"},          // account management
    {"incident-response", "ir-8"},            // incident response plan
    {"physical-security", "pe-3"},            // physical access control
    {"secure-architecture", "pl-8"},          // security and privacy architectures
    {"vulnerability-management", "ra-5"},     // vulnerability monitoring and scanning
    {"third-party-security", "sa-9"},         // external system services
    {"threat-monitoring", "si-4"},            // system monitoring
    {"data-security", "sc-28"},               // protection of information at rest
    {"crisis-management", "ir-4"},            // incident handling (coordination)
}};

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

// Name-based UUID in the style of RFC 4122 version 5, with SHA-256 in place of SHA-1: the
// first 16 bytes of SHA-256(namespace bytes || name), version nibble 5, variant 10xx.
std::string nameUuid(const std::string& name) {
  std::string bytes;
  std::string ns = kNamespace;
  for (std::size_t i = 0; i + 1 < ns.size(); ++i) {
    if (ns[i] == '-') continue;
    bytes += static_cast<char>(hexValue(ns[i]) * 16 + hexValue(ns[i + 1]));
    ++i;
  }
  bytes += name;
  std::string hex = sha256Hex(bytes).substr(0, 32);
  const char* digits = "0123456789abcdef";
  hex[12] = '5';
  hex[16] = digits[(hexValue(hex[16]) & 0x3) | 0x8];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

// One line, no leading/trailing whitespace (OSCAL StringDatatype / MarkupLine).
std::string oneLine(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

// An NCName-style token (role ids): letters, digits, '.', '-', '_'; starts with a letter or _.
std::string token(const std::string& id) {
  std::string out;
  for (char c : id) {
    unsigned char u = static_cast<unsigned char>(c);
    out += (std::isalnum(u) || c == '.' || c == '-' || c == '_') ? c : '-';
  }
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "_" + out;
  return out;
}

ordered_json prop(const char* name, const std::string& value) {
  return Json::object({{"name", name}, {"ns", kPropNs}, {"value", oneLine(value)}});
}

// "YYYY.MM" -> "YYYY-MM-01T00:00:00Z"; anything else -> the first knowledge release.
std::string lastModified(const std::string& kbVersion) {
  bool ok = kbVersion.size() == 7 && kbVersion[4] == '.';
  for (std::size_t i = 0; ok && i < 7; ++i)
    if (i != 4 && !std::isdigit(static_cast<unsigned char>(kbVersion[i]))) ok = false;
  if (ok) {
    // Digits checked above. (Not std::stoi: its out-of-range error path links printf.)
    auto number = [&](std::size_t from, std::size_t length) {
      int n = 0;
      for (std::size_t i = from; i < from + length; ++i) n = n * 10 + (kbVersion[i] - '0');
      return n;
    };
    int month = number(5, 2);
    int year = number(0, 4);
    if (month >= 1 && month <= 12 && year >= 1900 && year <= 2999)
      return kbVersion.substr(0, 4) + "-" + kbVersion.substr(5, 2) + "-01T00:00:00Z";
  }
  return "2026-11-01T00:00:00Z";
}

std::string joinNames(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ", ") + roleName(r);
  return out;
}

}  // namespace

std::string renderOscal(const ordered_json& report) {
  const ordered_json& org = object(report, "organization");
  const ordered_json& engine = object(report, "engine");
  const ordered_json& kb = object(engine, "knowledgeBase");
  const ordered_json& lead = object(report, "leadership");
  const ordered_json& raci = object(report, "raci");
  std::string orgName = oneLine(text(org, "name"));
  std::string who = orgName.empty() ? std::string("The organization") : orgName;
  std::string model = text(lead, "model");
  std::string reportsTo = text(lead, "cisoReportsTo");

  // Identity of the organization (stable across re-assessments) and of this document
  // (changes whenever the report does).
  std::string orgKey = "org|" + orgName + "|" + text(org, "sector");
  for (const auto& j : strings(org, "jurisdictions")) orgKey += "|" + j;
  std::string docUuid = nameUuid("component-definition|" + report.dump());
  std::string orgParty = nameUuid("party|" + orgKey);
  std::string providerParty = nameUuid("party|vciso-provider|" + orgKey);
  std::string componentUuid = nameUuid("component|leadership-structure|" + orgKey);

  // Every role of the RACI, plus any role a row names without listing it (defensive).
  std::vector<std::string> roles = strings(raci, "roles");
  auto addRole = [&](const std::string& r) {
    if (!r.empty() && std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
  };
  for (const auto& row : array(raci, "rows")) {
    addRole(text(row, "A"));
    for (const auto& r : strings(row, "R")) addRole(r);
  }
  bool external = false;
  for (const auto& r : roles) external = external || r == "vciso";
  auto partyOf = [&](const std::string& role) {
    return role == "vciso" ? providerParty : orgParty;
  };

  // Per role, the responsibilities it is accountable for / carries out.
  auto duties = [&](const std::string& role, char letter) {
    std::vector<std::string> out;
    for (const auto& row : array(raci, "rows")) {
      std::string cell = raciCell(row, role);
      if (cell.find(letter) != std::string::npos)
        out.push_back(responsibilityName(text(row, "responsibility")));
    }
    return out;
  };
  auto dutySentence = [&](const std::string& role) {
    std::string s;
    auto a = duties(role, 'A');
    auto r = duties(role, 'R');
    auto list = [](const std::vector<std::string>& items) {
      std::string out;
      for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
      return out;
    };
    if (!a.empty()) s += "Accountable for: " + list(a) + ".";
    if (!r.empty()) s += std::string(s.empty() ? "" : " ") + "Responsible for: " + list(r) + ".";
    if (s.empty()) s = "Consulted or informed only.";
    return markdownEscape(s);
  };

  ordered_json metadata;
  metadata.set("title", "Security leadership roles and responsibilities: " + markdownEscape(who));
  metadata.set("last-modified", lastModified(text(kb, "version")));
  metadata["version"] =
      oneLine("seclead " + text(engine, "version") + ", knowledge base " + text(kb, "version"));
  metadata.set("oscal-version", kOscalVersion);
  {
    ordered_json props = ordered_json::array();
    if (!text(kb, "sha256").empty())
      props.push_back(prop("knowledge-base-sha256", text(kb, "sha256")));
    for (const auto& o : array(engine, "overlays"))
      if (!text(o, "sha256").empty()) props.push_back(prop("overlay-sha256", text(o, "sha256")));
    if (!props.empty()) metadata.set("props", std::move(props));
  }
  if (!roles.empty()) {
    ordered_json list = ordered_json::array();
    for (const auto& r : roles) {
      ordered_json role;
      role.set("id", token(r));
      role.set("title", markdownEscape(oneLine(roleName(r))));
      role.set("description", dutySentence(r));
      list.push_back(std::move(role));
    }
    metadata.set("roles", std::move(list));
  }
  {
    ordered_json parties = ordered_json::array();
    ordered_json party;
    party.set("uuid", orgParty);
    party.set("type", "organization");
    party.set("name", who);
    parties.push_back(std::move(party));
    if (external) {
      ordered_json provider;
      provider.set("uuid", providerParty);
      provider.set("type", "organization");
      provider.set("name", "vCISO provider (to be contracted)");
      provider["remarks"] =
          "An external provider of a virtual or fractional CISO, engaged under contract with a "
          "named internal executive accountable for it.";
      parties.push_back(std::move(provider));
    }
    metadata.set("parties", std::move(parties));
  }
  if (!roles.empty()) {
    ordered_json list = ordered_json::array();
    for (const auto& r : roles) {
      ordered_json rp;
      rp.set("role-id", token(r));
      rp.set("party-uuids", Json::arrayOf(partyOf(r)));
      rp.set("remarks", r == "vciso" ? "Performed by the external provider under contract."
                                     : "An internal position of " + markdownEscape(who) + ".");
      list.push_back(std::move(rp));
    }
    metadata.set("responsible-parties", std::move(list));
  }
  metadata["remarks"] =
      "Generated by seclead from an assessment report: the roles of the recommended security "
      "leadership structure, who fills them and what each is accountable and responsible for.";

  // The component: the leadership structure as an organizational policy.
  ordered_json component;
  component.set("uuid", componentUuid);
  component.set("type", "policy");
  component.set("title", "Security leadership structure of " + markdownEscape(who));
  {
    std::string d = markdownEscape(who) + " adopts the " + markdownEscape(modelName(model)) +
                    " model (" + markdownEscape(model) + ").";
    if (!reportsTo.empty() && reportsTo != "none")
      d += " The security executive reports to the " + markdownEscape(roleName(reportsTo)) + ".";
    d += " A data protection officer is " + markdownEscape(lowerFirst(dpoName(text(lead, "dpo")))) +
         ".";
    for (const auto& r : array(lead, "rationale"))
      if (!text(r, "because").empty()) d += "\n\n- " + markdownEscape(oneLine(text(r, "because")));
    component.set("description", d);
  }
  component["purpose"] =
      "Defines and allocates information security roles and responsibilities (ISO/IEC 27001 "
      "5.3 and A.5.2).";
  {
    ordered_json props = ordered_json::array();
    if (!model.empty()) props.push_back(prop("leadership-model", model));
    if (!reportsTo.empty()) props.push_back(prop("ciso-reports-to", reportsTo));
    if (!text(lead, "dpo").empty()) props.push_back(prop("dpo", text(lead, "dpo")));
    if (!props.empty()) component.set("props", std::move(props));
  }
  if (!roles.empty()) {
    ordered_json list = ordered_json::array();
    for (const auto& r : roles) {
      ordered_json rr;
      rr.set("role-id", token(r));
      rr.set("party-uuids", Json::arrayOf(partyOf(r)));
      rr.set("remarks", dutySentence(r));
      list.push_back(std::move(rr));
    }
    component.set("responsible-roles", std::move(list));
  }
  {
    ordered_json requirements = ordered_json::array();
    for (const auto& row : array(raci, "rows")) {
      std::string id = text(row, "responsibility");
      const char* control = nullptr;
      for (const auto& c : kControls)
        if (id == c.responsibility) control = c.control;
      std::string a = text(row, "A");
      if (!control || a.empty()) continue;
      std::vector<std::string> r = strings(row, "R");
      ordered_json req;
      req.set("uuid", nameUuid("implemented-requirement|" + componentUuid + "|" + control));
      req.set("control-id", control);
      std::string d =
          markdownEscape(responsibilityName(id)) + ": accountable " + markdownEscape(roleName(a));
      if (!r.empty()) d += "; responsible " + markdownEscape(joinNames(r));
      auto c = strings(row, "C");
      if (!c.empty()) d += "; consulted " + markdownEscape(joinNames(c));
      auto i = strings(row, "I");
      if (!i.empty()) d += "; informed " + markdownEscape(joinNames(i));
      req.set("description", d + ".");
      req.set("props", Json::arrayOf(prop("responsibility", id)));
      ordered_json rr = ordered_json::array();
      ordered_json accountable;
      accountable.set("role-id", token(a));
      accountable.set("props", Json::arrayOf(prop("raci", "accountable")));
      accountable.set("party-uuids", Json::arrayOf(partyOf(a)));
      rr.push_back(std::move(accountable));
      for (const auto& role : r) {
        if (role == a) continue;
        ordered_json responsible;
        responsible.set("role-id", token(role));
        responsible.set("props", Json::arrayOf(prop("raci", "responsible")));
        responsible.set("party-uuids", Json::arrayOf(partyOf(role)));
        rr.push_back(std::move(responsible));
      }
      req.set("responsible-roles", std::move(rr));
      requirements.push_back(std::move(req));
    }
    if (!requirements.empty()) {
      ordered_json impl;
      impl.set("uuid", nameUuid("control-implementation|" + componentUuid + "|sp800-53r5"));
      impl.set("source", kSp80053);
      impl["description"] =
          "Which role of the recommended structure is accountable and responsible for the "
          "program-level NIST SP 800-53 rev. 5 controls that a security leadership structure "
          "carries.";
      impl.set("implemented-requirements", std::move(requirements));
      component.set("control-implementations", Json::arrayOf(std::move(impl)));
    }
  }

  ordered_json definition;
  definition.set("uuid", docUuid);
  definition.set("metadata", std::move(metadata));
  definition.set("components", Json::arrayOf(std::move(component)));
  ordered_json out;
  out.set("component-definition", std::move(definition));
  return out.dump(2) + "\n";
}

}  // namespace seclead
