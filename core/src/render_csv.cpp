// --format csv: the RACI as a spreadsheet; --format summary: one organization as a row
// (layouts documented in render.h).
#include <algorithm>

#include "render.h"

namespace seclead {

namespace {

using namespace rendering;

// Items of report[key] whose `member` equals `value`.
std::size_t countWhere(const ordered_json& report, const char* key, const char* member,
                       const char* value) {
  std::size_t n = 0;
  for (const auto& item : array(report, key))
    if (item.is_object() && text(item, member) == value) ++n;
  return n;
}

}  // namespace

const char* const kSummaryColumns =
    "name,employees,sector,jurisdictions,sizeBand,model,cisoReportsTo,dpo,obligations,"
    "obligationGaps,obligationsPartial,findings,findingsCritical,findingsHigh,vcisoRecommended,"
    "vcisoHoursPerMonth,vcisoMonthlyCostLow,vcisoMonthlyCostHigh,currency,unknowns";

std::string csvField(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {

void appendRows(std::string& out, const ordered_json& raci, const std::vector<std::string>& roles,
                const char* structure) {
  for (const auto& row : array(raci, "rows")) {
    out += csvField(text(row, "responsibility"));
    for (const auto& role : roles) {
      out += ',';
      out += csvField(raciCell(row, role));
    }
    if (structure) {
      out += ',';
      out += structure;
    }
    out += "\r\n";
  }
}

}  // namespace

std::string renderCsv(const ordered_json& report) {
  const ordered_json& raci = object(report, "raci");
  bool withCurrent = report.contains("currentRaci") && report["currentRaci"].is_object();
  std::vector<std::string> roles = strings(raci, "roles");
  if (withCurrent) {
    for (const auto& r : strings(report["currentRaci"], "roles"))
      if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
  }
  std::string out = "responsibility";
  for (const auto& r : roles) out += "," + csvField(r);
  if (withCurrent) out += ",structure";
  out += "\r\n";
  appendRows(out, raci, roles, withCurrent ? "recommended" : nullptr);
  if (withCurrent) appendRows(out, report["currentRaci"], roles, "current");
  return out;
}

std::string renderSummary(const ordered_json& report) {
  const ordered_json& organization = object(report, "organization");
  const ordered_json& leadership = object(report, "leadership");
  const ordered_json& vciso = object(report, "vciso");
  const ordered_json& cost = object(vciso, "monthlyCost");
  std::string jurisdictions;
  for (const auto& j : strings(organization, "jurisdictions"))
    jurisdictions += (jurisdictions.empty() ? "" : " ") + j;
  const std::string cells[] = {
      text(organization, "name"),
      text(organization, "employees"),
      text(organization, "sector"),
      jurisdictions,
      text(organization, "sizeBand"),
      text(leadership, "model"),
      text(leadership, "cisoReportsTo"),
      text(leadership, "dpo"),
      std::to_string(array(report, "obligations").size()),
      std::to_string(countWhere(report, "obligations", "status", "gap")),
      std::to_string(countWhere(report, "obligations", "status", "partial")),
      std::to_string(array(report, "findings").size()),
      std::to_string(countWhere(report, "findings", "severity", "critical")),
      std::to_string(countWhere(report, "findings", "severity", "high")),
      text(vciso, "recommended"),
      text(vciso, "hoursPerMonth"),
      text(cost, "low"),
      text(cost, "high"),
      text(cost, "currency"),
      std::to_string(array(report, "unknowns").size()),
  };
  std::string out = kSummaryColumns;
  out += "\r\n";
  bool first = true;
  for (const auto& cell : cells) {
    if (!first) out += ',';
    first = false;
    out += csvField(cell);
  }
  out += "\r\n";
  return out;
}

}  // namespace seclead
