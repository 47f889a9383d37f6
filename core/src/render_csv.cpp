// --format csv: the RACI as a spreadsheet (layout documented in render.h).
#include <algorithm>

#include "render.h"

namespace seclead {

namespace {

using namespace rendering;

// RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. A field that
// a spreadsheet would read as a formula (=, +, -, @ first) gets a leading apostrophe.
std::string field(const std::string& value) {
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

void appendRows(std::string& out, const ordered_json& raci, const std::vector<std::string>& roles,
                const char* structure) {
  for (const auto& row : array(raci, "rows")) {
    out += field(text(row, "responsibility"));
    for (const auto& role : roles) {
      out += ',';
      out += field(raciCell(row, role));
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
  for (const auto& r : roles) out += "," + field(r);
  if (withCurrent) out += ",structure";
  out += "\r\n";
  appendRows(out, raci, roles, withCurrent ? "recommended" : nullptr);
  if (withCurrent) appendRows(out, report["currentRaci"], roles, "current");
  return out;
}

}  // namespace seclead
