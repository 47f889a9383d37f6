// The questionnaire: ordered sections of questions that fill a profile. checkQuestionnaire()
// makes sure every question sets a real profile field with a value of the right kind, so a
// host that renders it can never build a profile the contract rejects for a knowledge
// mistake. The build runs it on the embedded questionnaire (tools/check_knowledge.cpp), so
// the engine itself carries no checker.
#include "questionnaire.h"

#include <algorithm>
#include <functional>
#include <set>

#include "contract.h"
#include "kb.h"

namespace seclead {

namespace {

const char* const kFile = kQuestionnaireFile;

// What the contract (section 1) allows in each profile field a question can set.
struct FieldSpec {
  const char* pointer;
  const char* type;                 // question type that fits the field
  std::vector<std::string> values;  // closed enum values (empty: not an enum)
  bool required = false;
  bool openEnum = false;
};

const std::vector<FieldSpec>& profileFields() {
  static const std::vector<std::string> kLevels = contract::strings(contract::kScale);
  static const std::vector<std::string> kLowMediumHigh = contract::strings(contract::kLevel);
  static const std::vector<FieldSpec> fields = {
      {"/organization/name", "text", {}},
      {"/organization/employees", "integer", {}, true},
      {"/organization/annualRevenue", "money", {}},
      {"/organization/balanceSheetTotal", "money", {}},
      {"/organization/totalAssets", "money", {}},
      {"/organization/sector", "enum", contract::strings(contract::kSectors), true},
      {"/organization/jurisdictions", "country-list", {}, true},
      {"/organization/publiclyListed", "country-list", {}},
      {"/organization/sites", "integer", {}},
      {"/organization/operationalTechnology", "boolean", {}},
      {"/organization/criticalInfrastructure", "boolean", {}},
      {"/organization/publicSectorBody", "enum", contract::strings(contract::kPublicSector)},
      {"/data/personalData", "enum", kLevels},
      {"/data/specialCategoryData", "enum", kLevels},
      {"/data/systematicMonitoring", "enum", kLevels},
      {"/data/hipaa", "enum", contract::strings(contract::kHipaa)},
      {"/data/paymentCards", "enum", contract::strings(contract::kCards)},
      {"/data/intellectualProperty", "enum", kLowMediumHigh},
      {"/regulatory/nydfsCovered", "boolean", {}},
      {"/regulatory/euFinancialEntity", "boolean", {}},
      {"/regulatory/nis2", "enum", contract::strings(contract::kNis2)},
      {"/regulatory/frameworks", "multi-enum", {}, false, true},
      {"/risk/physicalRisk", "enum", kLowMediumHigh},
      {"/risk/cyberThreat", "enum", kLowMediumHigh},
      {"/risk/incidentsLast24Months", "integer", {}},
      {"/risk/riskAppetite", "enum", contract::strings(contract::kAppetite)},
      {"/risk/securityMaturity", "integer", {}},
      {"/strategy/priority", "enum", contract::strings(contract::kPriority)},
      {"/strategy/cloud", "enum", contract::strings(contract::kCloud)},
      {"/strategy/workforce", "enum", contract::strings(contract::kWorkforce)},
      {"/budget/it", "money", {}},
      {"/budget/security", "money", {}},
      {"/budget/canFundFullTimeSecurityExecutive", "boolean", {}},
      {"/currentRoles", "roles", {}},
  };
  return fields;
}

const FieldSpec* findField(const std::string& pointer) {
  for (const auto& f : profileFields())
    if (pointer == f.pointer) return &f;
  return nullptr;
}

// No std::regex here: it would add ~100 KB to the WebAssembly module.
bool isUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// ISO 3166-1 alpha-2, optionally "-" and a 1-3 character subdivision (US-NY).
bool isCountryCode(const std::string& code) {
  if (code.size() < 2 || !isUpper(code[0]) || !isUpper(code[1])) return false;
  if (code.size() == 2) return true;
  if (code[2] != '-' || code.size() < 4 || code.size() > 6) return false;
  for (std::size_t i = 3; i < code.size(); ++i)
    if (!isUpper(code[i]) && !isDigit(code[i])) return false;
  return true;
}

// An open-enum value: lower-case letters, digits, '.' and '-', starting with a letter or digit.
bool isOpenEnumValue(const std::string& value) {
  if (value.empty()) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    bool ok = (c >= 'a' && c <= 'z') || isDigit(c) || (i > 0 && (c == '.' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

struct Checker {
  const Kb& kb;
  KbReader read;

  // A value fits a field of `type` (with `field` giving the closed enum, if any).
  bool fits(const json& value, const std::string& type, const FieldSpec* field) {
    if (type == "text") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "enum")
      return value.is_string() && field &&
             std::count(field->values.begin(), field->values.end(), value.get<std::string>());
    if (type == "country-list") {
      if (!value.is_array()) return false;
      return std::all_of(value.begin(), value.end(),
                         [](const json& c) { return c.is_string() && isCountryCode(c.string()); });
    }
    if (type == "money")
      return value.is_object() && value.contains("amount") && value["amount"].is_number() &&
             value.contains("currency") && value["currency"].is_string() &&
             kb.usdRate(value["currency"].string()) != nullptr;
    return true;  // multi-enum / roles: checked by the caller
  }

  void checkOptions(const json& q, const std::string& at, const std::string& type,
                    const std::vector<std::string>& legal, bool open,
                    const std::function<bool(const json&)>& legalValue) {
    if (!q.contains("options")) {
      if (type == "enum" || type == "multi-enum")
        read.fail(at + "/options", "an enum needs options");
      return;
    }
    const json& options = q["options"];
    if (!options.is_array() || options.empty())
      return read.fail(at + "/options", "expected a non-empty array of {value, label}");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < options.size(); ++i) {
      std::string oat = at + "/options/" + std::to_string(i);
      read.str(options[i], "label", oat);
      if (!options[i].is_object() || !options[i].contains("value")) {
        read.fail(oat + "/value", "expected a value");
        continue;
      }
      const json& value = options[i]["value"];
      if (!seen.insert(value.dump()).second) read.fail(oat + "/value", "duplicate option");
      if (legalValue) {
        if (!legalValue(value))
          read.fail(oat + "/value", "'" + value.dump() + "' is not a legal value of this field");
        continue;
      }
      bool ok = value.is_string() &&
                (open ? isOpenEnumValue(value.string())
                      : std::count(legal.begin(), legal.end(), value.get<std::string>()) > 0);
      if (!ok)
        read.fail(oat + "/value", "'" + value.dump() + "' is not a legal value of this field");
    }
    (void)type;
  }

  void checkCondition(const json& c, const std::string& at) {
    if (!c.is_object()) return read.fail(at, "expected a condition object");
    for (const char* group : {"all", "any"}) {
      if (!c.contains(group)) continue;
      if (!c[group].is_array() || c[group].empty())
        return read.fail(at + "/" + group, "expected a non-empty array of conditions");
      for (std::size_t i = 0; i < c[group].size(); ++i)
        checkCondition(c[group][i], at + "/" + group + "/" + std::to_string(i));
      return;
    }
    if (c.contains("not")) return checkCondition(c["not"], at + "/not");
    std::string pointer = read.str(c, "pointer", at);
    const FieldSpec* field = findField(pointer);
    if (!pointer.empty() && !field)
      read.fail(at + "/pointer", "'" + pointer + "' is not a profile field");
    if (c.contains("in")) {
      if (!c["in"].is_array() || c["in"].empty())
        return read.fail(at + "/in", "expected a non-empty array of values");
      if (field && !field->values.empty())
        for (std::size_t i = 0; i < c["in"].size(); ++i)
          if (!fits(c["in"][i], "enum", field))
            read.fail(at + "/in/" + std::to_string(i), "not a legal value of " + pointer);
    } else if (c.contains("countryIn")) {
      if (field && std::string(field->type) != "country-list")
        read.fail(at + "/countryIn", "countryIn needs a country-list field");
      for (const auto& code : read.strs(c, "countryIn", at))
        if (!isCountryCode(code))
          read.fail(at + "/countryIn", "'" + code + "' is not a country code");
    } else {
      read.fail(at, "expected one of all, any, not, in, countryIn");
    }
  }

  void checkRolesFields(const json& q, const std::string& at) {
    if (!q.contains("fields") || !q["fields"].is_array())
      return read.fail(at + "/fields", "a roles question needs its item fields");
    const std::set<std::string> legal = {"role", "reportsTo", "employment", "fte", "alsoActsAs"};
    const std::vector<std::string> employment = {"internal", "external", "affiliate"};
    bool hasRole = false;
    for (std::size_t i = 0; i < q["fields"].size(); ++i) {
      const json& f = q["fields"][i];
      std::string fat = at + "/fields/" + std::to_string(i);
      std::string name = read.str(f, "field", fat);
      std::string type = read.str(f, "type", fat);
      read.str(f, "label", fat);
      if (!legal.count(name)) {
        read.fail(fat + "/field", "'" + name + "' is not a field of a currentRoles entry");
        continue;
      }
      hasRole = hasRole || name == "role";
      auto isRoleId = [&](const json& v) {
        return v.is_string() && kb.isRole(v.get<std::string>());
      };
      if (name == "role" || name == "alsoActsAs") {
        if (type != (name == "role" ? "enum" : "multi-enum"))
          read.fail(fat + "/type",
                    "'" + name + "' needs type " + (name == "role" ? "enum" : "multi-enum"));
        checkOptions(f, fat, type, {}, false, isRoleId);
      } else if (name == "employment") {
        if (type != "enum") read.fail(fat + "/type", "'employment' needs type enum");
        checkOptions(f, fat, type, employment, false, nullptr);
        if (f.contains("default") &&
            !(f["default"].is_string() &&
              std::count(employment.begin(), employment.end(), f["default"].get<std::string>())))
          read.fail(fat + "/default", "not a legal employment");
      } else if (name == "fte") {
        if (type != "number") read.fail(fat + "/type", "'fte' needs type number");
        if (f.contains("default") && !(f["default"].is_number() && f["default"].get<double>() > 0 &&
                                       f["default"].get<double>() <= 1))
          read.fail(fat + "/default", "fte must be 0 < fte <= 1");
      } else if (name == "reportsTo" && type != "reference") {
        read.fail(fat + "/type", "'reportsTo' needs type reference");
      }
    }
    if (!hasRole) read.fail(at + "/fields", "a roles question must ask for the role");
  }

  void checkQuestion(const json& q, const std::string& at, std::set<std::string>& ids,
                     std::set<std::string>& pointers) {
    std::string id = read.str(q, "id", at);
    if (!id.empty() && !ids.insert(id).second)
      read.fail(at + "/id", "duplicate question id '" + id + "'");
    std::string pointer = read.str(q, "pointer", at);
    std::string type = read.str(q, "type", at);
    read.str(q, "label", at);
    read.str(q, "short", at);  // the field's name in a report ("Employees")
    read.str(q, "help", at);
    read.str(q, "source", at);
    const FieldSpec* field = findField(pointer);
    if (!pointer.empty() && !field) {
      read.fail(at + "/pointer", "'" + pointer + "' is not a profile field a question can set");
      return;
    }
    if (!field) return;
    if (!pointers.insert(pointer).second)
      read.fail(at + "/pointer", "two questions set '" + pointer + "'");
    if (type != field->type) {
      read.fail(at + "/type", "'" + pointer + "' needs type " + field->type + ", not " + type);
      return;
    }
    bool allowUnknown = q.value("allowUnknown", false);
    if (field->required && allowUnknown)
      read.fail(at + "/allowUnknown", "'" + pointer + "' is required: it cannot be unknown");
    if (field->required && q.contains("visibleWhen"))
      read.fail(at + "/visibleWhen", "a required field's question must always be shown");

    if (type == "enum" || type == "multi-enum") {
      checkOptions(q, at, type, field->values, field->openEnum, nullptr);
    } else if (type == "integer" && q.contains("options")) {
      auto inRange = [&](const json& v) {
        return v.is_number_integer() && (!q.contains("min") || v >= q["min"]) &&
               (!q.contains("max") || v <= q["max"]);
      };
      checkOptions(q, at, type, {}, false, inRange);
    }
    if (type == "roles") checkRolesFields(q, at);

    for (const char* key : {"default", "whenHidden"}) {
      if (!q.contains(key)) continue;
      const json& value = q[key];
      bool ok = true;
      if (type == "multi-enum") {
        ok = value.is_array() && std::all_of(value.begin(), value.end(), [&](const json& v) {
               return v.is_string() &&
                      (field->openEnum ? isOpenEnumValue(v.string())
                                       : std::count(field->values.begin(), field->values.end(),
                                                    v.get<std::string>()));
             });
      } else if (type == "roles") {
        ok = value.is_array() && std::all_of(value.begin(), value.end(), [&](const json& v) {
               return v.is_object() && v.contains("role") && v["role"].is_string() &&
                      kb.isRole(v["role"].get<std::string>());
             });
      } else {
        ok = fits(value, type, field);
      }
      if (ok && type == "integer" && q.contains("min") && value < q["min"]) ok = false;
      if (ok && type == "integer" && q.contains("max") && value > q["max"]) ok = false;
      if (!ok) read.fail(at + "/" + key, std::string(key) + " is not a legal value of " + pointer);
    }
    if (q.contains("whenHidden") && !q.contains("visibleWhen"))
      read.fail(at + "/whenHidden", "whenHidden without visibleWhen");
    if (q.contains("visibleWhen")) checkCondition(q["visibleWhen"], at + "/visibleWhen");
  }
};

}  // namespace

void checkQuestionnaire(const json& document, const Kb& kb, std::vector<KbError>& errors) {
  Checker check{kb, KbReader{kFile, errors}};
  KbReader& read = check.read;
  if (!document.is_object() || !document.contains("sections") || !document["sections"].is_array())
    return read.fail("/sections", "expected an array of sections");
  for (const auto& code : read.strs(document, "currencies", ""))
    if (!kb.usdRate(code))
      read.fail("/currencies", "currency '" + code + "' has no rate in meta.json");
  if (document.contains("countries")) {
    const json& countries = document["countries"];
    for (std::size_t i = 0; countries.is_array() && i < countries.size(); ++i) {
      std::string at = "/countries/" + std::to_string(i);
      std::string value = read.str(countries[i], "value", at);
      read.str(countries[i], "label", at);
      if (!value.empty() && !isCountryCode(value))
        read.fail(at + "/value", "'" + value + "' is not a country code");
    }
  }
  std::set<std::string> sectionIds, ids, pointers;
  const json& sections = document["sections"];
  for (std::size_t s = 0; s < sections.size(); ++s) {
    std::string at = "/sections/" + std::to_string(s);
    std::string id = read.str(sections[s], "id", at);
    read.str(sections[s], "title", at);
    if (!id.empty() && !sectionIds.insert(id).second)
      read.fail(at + "/id", "duplicate section id '" + id + "'");
    if (!sections[s].is_object() || !sections[s].contains("questions") ||
        !sections[s]["questions"].is_array() || sections[s]["questions"].empty()) {
      read.fail(at + "/questions", "expected a non-empty array of questions");
      continue;
    }
    const json& questions = sections[s]["questions"];
    for (std::size_t i = 0; i < questions.size(); ++i)
      check.checkQuestion(questions[i], at + "/questions/" + std::to_string(i), ids, pointers);
  }
  for (const auto& field : profileFields())
    if (field.required && !pointers.count(field.pointer))
      read.fail("/sections", std::string("no question sets the required field ") + field.pointer);
}

json readEmbeddedQuestionnaire(std::vector<KbError>& errors) {
  const auto& files = embeddedKnowledgeFiles();
  auto file =
      std::find_if(files.begin(), files.end(), [](const auto& f) { return f.first == kFile; });
  if (file == files.end()) {
    errors.push_back({kFile, "", "knowledge file is missing"});
    return json::parse("");
  }
  json document = parseKnowledgeFile(file->second);
  if (document.is_discarded()) errors.push_back({kFile, "", "not valid JSON"});
  return document;
}

const EmbeddedQuestionnaire& embeddedQuestionnaire() {
  static const EmbeddedQuestionnaire instance = [] {
    EmbeddedQuestionnaire out;
    json document = readEmbeddedQuestionnaire(out.errors);
    // Not checked here: the build checked this very text (tools/check_knowledge.cpp).
    if (out.errors.empty()) out.text = document.dump();
    return out;
  }();
  return instance;
}

}  // namespace seclead
