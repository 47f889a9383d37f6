// TODO(issue 2): full validation (limits, every field, unknown fields, references).
// This first version reads the fields leniently so the pipeline can run end to end.
#include "profile.h"

#include "json.h"

namespace seclead {

namespace {
std::optional<std::string> optStr(const json& obj, const char* key) {
  if (obj.is_object() && obj.contains(key) && obj[key].is_string()) return obj[key].get<std::string>();
  return std::nullopt;
}
std::optional<Money> optMoney(const json& obj, const char* key) {
  if (obj.is_object() && obj.contains(key) && obj[key].is_object())
    return Money{obj[key].value("amount", 0.0), obj[key].value("currency", std::string("USD"))};
  return std::nullopt;
}
}  // namespace

std::optional<Profile> parseProfile(std::string_view text, std::vector<Error>& errors) noexcept {
  try {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      errors.push_back({"", "syntax", "the profile is not a JSON object", ""});
      return std::nullopt;
    }
    Profile p;
    const json& org = doc.value("organization", json::object());
    p.name = optStr(org, "name");
    p.employees = org.value("employees", std::int64_t{1});
    p.sector = org.value("sector", std::string("other"));
    p.jurisdictions = org.value("jurisdictions", std::vector<std::string>{});
    p.annualRevenue = optMoney(org, "annualRevenue");
    const json& data = doc.value("data", json::object());
    p.personalData = optStr(data, "personalData");
    p.specialCategoryData = optStr(data, "specialCategoryData");
    return p;
  } catch (...) {
    errors.push_back({"", "syntax", "could not read the profile", ""});
    return std::nullopt;
  }
}

std::vector<std::string> unknownFields(const Profile& profile) {
  std::vector<std::string> out;
  if (!profile.annualRevenue) out.push_back("/organization/annualRevenue");
  return out;
}

}  // namespace seclead
