// Helpers shared by the renderers: tolerant readers over the report JSON, display names,
// escaping.
#include <cctype>
#include <cmath>

#include "kb.h"
#include "render.h"

namespace seclead::rendering {

// No reserve() here: libc++'s grows to the exact size asked, which would undo append's
// geometric growth over a rendering's thousands of calls.
void appendPieces(std::string& out, std::initializer_list<MessagePiece> pieces) {
  for (const MessagePiece& piece : pieces) piece.appendTo(out);
}

std::string scalar(const ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
      return std::to_string(static_cast<long long>(d));
    return value.dump();
  }
  return {};
}

std::string text(const ordered_json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  return scalar(*it);
}

std::vector<std::string> strings(const ordered_json& obj, const char* key) {
  std::vector<std::string> out;
  if (!obj.is_object()) return out;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return out;
  for (const auto& item : *it)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

bool isTrue(const ordered_json& obj, const char* key) {
  const ordered_json& value = obj[key];  // null when absent or obj is no object
  return value.is_boolean() && value.get<bool>();
}

const ordered_json& object(const ordered_json& obj, const char* key) {
  if (!obj.is_object()) return ordered_json::sharedEmptyObject();
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_object()) return ordered_json::sharedEmptyObject();
  return *it;
}

const ordered_json& array(const ordered_json& obj, const char* key) {
  if (!obj.is_object()) return ordered_json::sharedEmptyArray();
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return ordered_json::sharedEmptyArray();
  return *it;
}

std::string roleName(const std::string& id) {
  if (const RoleInfo* role = embeddedKb().role(id)) return role->name;
  return id;
}

std::string responsibilityName(const std::string& id) {
  if (const ResponsibilityInfo* r = embeddedKb().responsibility(id)) return r->name;
  return id;
}

std::string modelName(const std::string& model) {
  if (model == "distributed") return "Distributed security leadership";
  if (model == "vciso") return "Virtual CISO (vCISO)";
  if (model == "hybrid") return "Hybrid (one executive holds CIO and CISO)";
  if (model == "dedicated-ciso") return "Dedicated full-time CISO";
  if (model == "cso-with-ciso") return "CSO over enterprise security, with a CISO";
  if (model == "cso-combined") return "Combined CSO (physical and information security)";
  return model;
}

std::string statusName(const std::string& status) {
  if (status == "met") return "Met";
  if (status == "partial") return "Partly met";
  if (status == "gap") return "Gap";
  if (status == "unknown") return "Unknown";
  if (status == "not-applicable") return "Not applicable";
  return status;
}

std::string horizonName(const std::string& horizon) {
  if (horizon == "30-days") return "First 30 days";
  if (horizon == "90-days") return "Within 90 days";
  if (horizon == "12-months" || horizon == "365-days") return "Within 12 months";
  return horizon;
}

std::string challengeName(const std::string& challenge) {
  if (challenge == "budget-allocation") return "Budget allocation";
  if (challenge == "risk-perspectives") return "Different risk perspectives";
  if (challenge == "communication-gaps") return "Communication gaps";
  return challenge;
}

std::string dpoName(const std::string& dpo) {
  if (dpo == "required") return "Required";
  if (dpo == "recommended") return "Recommended";
  if (dpo == "not-required") return "Not required";
  return dpo;
}

std::string lowerFirst(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string reportsToName(const std::string& reportsTo) {
  if (reportsTo == "none") return "No separate security executive";
  return roleName(reportsTo);
}

int severityRank(const std::string& severity) {
  const auto& all = severities();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i] == severity) return static_cast<int>(i);
  return static_cast<int>(all.size());
}

const std::vector<std::string>& severities() {
  static const std::vector<std::string> all = {"critical", "high", "medium", "low"};
  return all;
}

std::string money(const ordered_json& value) {
  if (!value.is_number()) return scalar(value);
  double d = value.get<double>();
  if (!std::isfinite(d)) return {};
  if (std::fabs(d) >= 1e15) return value.dump();  // beyond exact integers: as JSON prints it
  return withThousands(std::llround(d));
}

Charter readCharter(const ordered_json& charter) {
  static const char* const kLaidOut[] = {
      "title",  "role",      "employment",     "reportsTo",     "responsibilities",
      "skills", "authority", "accountableFor", "responsibleFor"};
  Charter c;
  c.title = text(charter, "title");
  c.role = text(charter, "role");
  c.heading = c.title.empty() ? roleName(c.role) : c.title;
  c.employment = text(charter, "employment");
  std::string reportsTo = text(charter, "reportsTo");
  if (!reportsTo.empty()) c.reportsTo = reportsToName(reportsTo);
  for (const auto& d : array(charter, "responsibilities")) {
    Charter::Duty duty{text(d, "name"), text(d, "as")};
    if (duty.name.empty()) duty.name = responsibilityName(text(d, "responsibility"));
    if (duty.name.empty()) duty.name = scalar(d);
    c.duties.push_back(std::move(duty));
  }
  c.accountableFor = strings(charter, "accountableFor");
  c.responsibleFor = strings(charter, "responsibleFor");
  // Skills and authority are plain strings in engine reports; objects carry the text in
  // `field` and may name a source.
  auto items = [&](const char* key, const char* field) {
    std::vector<Charter::Item> out;
    for (const auto& item : array(charter, key))
      out.push_back({item.is_object() ? text(item, field) : scalar(item), text(item, "source")});
    return out;
  };
  c.skills = items("skills", "skill");
  c.authority = items("authority", "text");
  if (!charter.is_object()) return c;
  for (const auto& [key, value] : charter.items()) {
    bool laidOut = false;
    for (const char* k : kLaidOut) laidOut = laidOut || key == k;
    if (!laidOut) c.extras[key] = value;
  }
  return c;
}

std::string raciCell(const ordered_json& row, const std::string& role) {
  std::string out;
  auto add = [&](const char* letter) {
    if (!out.empty()) out += '/';
    out += letter;
  };
  auto inList = [&](const char* key) {
    for (const auto& r : strings(row, key))
      if (r == role) return true;
    return false;
  };
  if (inList("R")) add("R");
  if (text(row, "A") == role || inList("A")) add("A");
  if (inList("C")) add("C");
  if (inList("I")) add("I");
  return out;
}

std::string htmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string markdownEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '#':
      case '!':
      case '~':
        out += '\\';
        out += c;
        break;
      case '\r':
      case '\n':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace seclead::rendering
