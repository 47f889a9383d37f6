// Profile parsing and validation (contract sections 1 and 2). One pass over a bounded,
// strict JSON tree (json_input.h); every problem is collected with its JSON Pointer, code
// and a message that names what was expected and what was found.
//
// Decisions the contract leaves open (documented in tests/bad_profiles/cases.json too):
// - a `currentAssignments` key that is not a responsibility id of the knowledge base is an
//   `unknown-field` (it is a member name outside the vocabulary, like any unknown key);
// - a wrong `schema` value of any type is `schema-version`; a missing one is `required`;
// - an empty string where an id or name is expected, an empty `jurisdictions` array, a
//   too-long `organization.name` are `range` (a length bound was broken);
// - currencies, country codes, framework ids with the wrong shape are `enum`.
#include "profile.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <span>

#include "contract.h"
#include "id_index.h"
#include "json_input.h"
#include "kb.h"
#include "message.h"
#include "nothrow.h"
#include "sort.h"

namespace seclead {

namespace {

using jin::Kind;
using jin::Value;

constexpr std::string_view kSchema = "seclead.profile/1";

// ISO 3166-1 alpha-2, officially assigned codes (249), sorted; from the ISO 3166 list as
// shipped by Debian's iso-codes package.
constexpr std::string_view kCountries =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCI"
    "CKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQ"
    "GRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLS"
    "LTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPG"
    "PHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTK"
    "TLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

bool isCountry(std::string_view code) {
  if (code.size() != 2) return false;
  // Binary search over the fixed-width table.
  std::size_t lo = 0, hi = kCountries.size() / 2;
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    std::string_view c = kCountries.substr(mid * 2, 2);
    if (c == code) return true;
    if (c < code)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

using contract::kAppetite;
using contract::kCards;
using contract::kCloud;
using contract::kEmployment;
using contract::kHipaa;
using contract::kLevel;
using contract::kNis2;
using contract::kPriority;
using contract::kPublicSector;
using contract::kRoles;
using contract::kScale;
using contract::kSectors;
using contract::kWorkforce;

// The vocabularies are std::arrays of different sizes; the helpers take spans so that each is
// compiled once, not once per size.
using Names = std::span<const std::string_view>;

bool oneOf(Names list, std::string_view s) {
  for (auto v : list)
    if (v == s) return true;
  return false;
}

[[gnu::cold]] std::string listOf(Names list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += i + 1 == list.size() ? " or " : ", ";
    out += list[i];
  }
  return out;
}

[[gnu::cold]] std::string quote(std::string_view s) {
  std::string out = "\"";
  std::size_t n = 0;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u & 0xC0) != 0x80 && n++ >= 60) {
      out += "...";
      break;
    }
    out += (u < 0x20 || c == '"' || c == '\\') ? '?' : c;
  }
  return out + "\"";
}

// A short, safe rendering of a value for messages: the string "x", the number 3, ...
[[gnu::cold]] std::string describe(const Value& v) {
  switch (v.kind()) {
    case Kind::Null:
      return "null";
    case Kind::True:
      return "true";
    case Kind::False:
      return "false";
    case Kind::Number: {
      std::string_view t = v.text();
      if (t.size() > 40) return "the number " + std::string(t.substr(0, 37)) + "...";
      return "the number " + std::string(t);
    }
    case Kind::String:
      return "the string " + quote(v.text());
    case Kind::Array:
      return v.size() == 0 ? "an empty array" : "an array";
    case Kind::Object:
      return v.size() == 0 ? "an empty object" : "an object";
  }
  return "a value";
}

std::string join(std::string_view base, std::string_view token) {
  std::string out(base);
  jin::appendPointer(out, token);
  return out;
}

std::string indexPath(std::string_view base, std::size_t i) {
  std::string out(base);
  out += '/';
  out += std::to_string(i);
  return out;
}

// Edit distance (case-insensitive), for "did you mean" hints on unknown fields.
std::size_t distance(std::string_view a, std::string_view b) {
  if (a.size() > 64 || b.size() > 64) return 99;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::array<std::size_t, 65> row{};
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diag + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The known name closest to an unknown one (distance <= 2), or empty.
std::string_view closest(std::string_view unknown, Names names) {
  std::string_view best;
  std::size_t bestDistance = 3;
  for (auto name : names) {
    std::size_t d = distance(unknown, name);
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return best;
}

// A JSON Pointer in up to four pieces, joined only when an error is reported (no string
// building on the success path).
struct Ptr {
  std::array<std::string_view, 4> parts{};
  Ptr(std::string_view a) : parts{a} {}                      // NOLINT
  Ptr(const char* a) : parts{std::string_view(a)} {}         // NOLINT
  Ptr(const std::string& a) : parts{std::string_view(a)} {}  // NOLINT
  Ptr(std::string_view a, std::string_view b) : parts{a, b} {}
  Ptr operator+(std::string_view next) const {
    Ptr out = *this;
    for (auto& part : out.parts)
      if (part.empty()) {
        part = next;
        break;
      }
    return out;
  }
  std::string str() const {
    std::string out;
    for (auto part : parts) out += part;
    return out;
  }
};

std::string itemPath(const Ptr& base, std::size_t i) {
  return indexPath(std::string_view(base.str()), i);
}

class Checker {
 public:
  explicit Checker(std::vector<Error>& errors) : errors_(errors) {}

  // The error paths are out of line and cold (see message.h): a valid profile runs none.
  [[gnu::cold, gnu::noinline]] void add(const Ptr& path, const char* code, std::string message) {
    errors_.push_back({path.str(), code, std::move(message), ""});
  }
  // A fixed message: the string is made here, not at each call site.
  [[gnu::cold, gnu::noinline]] void add(const Ptr& path, const char* code, const char* message) {
    add(path, code, std::string(message));
  }
  // "<expected...>, got <v><after>"
  [[gnu::cold, gnu::noinline]] void got(const Ptr& path, const char* code,
                                        std::initializer_list<MessagePiece> expected,
                                        const Value& v, std::string_view after = {}) {
    add(path, code, cat({cat(expected), ", got ", describe(v), after}));
  }
  std::size_t count() const { return errors_.size(); }

  // Reads the members of `obj` into `slots` (by name index); unknown names are errors.
  template <std::size_t N>
  void members(const Value& obj, const Ptr& path, const char* section,
               const std::array<std::string_view, N>& names,
               std::array<std::optional<Value>, N>& slots) {
    membersOf(obj, path, section, names, slots.data());
  }
  void membersOf(const Value& obj, const Ptr& path, const char* section, Names names,
                 std::optional<Value>* slots) {
    for (Value m : obj) {
      std::string_view k = m.key();
      bool known = false;
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == k) {
          slots[i] = m;
          known = true;
          break;
        }
      }
      if (!known) unknownField(path, section, names, k);
    }
  }
  [[gnu::cold, gnu::noinline]] void unknownField(const Ptr& path, const char* section, Names names,
                                                 std::string_view k) {
    std::string message = cat({"unknown field ", quote(k), " in ", section});
    if (auto near = closest(k, names); !near.empty())
      message += cat({": did you mean ", quote(near), "?"});
    else
      message += cat({": expected ", listOf(names)});
    add(join(path.str(), k), "unknown-field", std::move(message));
  }

  bool object(const Value& v, const Ptr& path, const char* what) {
    if (v.isObject()) return true;
    got(path, "type", {"expected ", what}, v);
    return false;
  }

  // Sets `out` (a std::string or std::optional<std::string>) to `v` when it is one of
  // `list`; an error otherwise; nothing when absent. Written into place: no optional string
  // returned, moved and destroyed at each of the call sites.
  template <class Out>
  void enumeration(const std::optional<Value>& v, const Ptr& path, Names list, Out& out) {
    if (!v) return;
    if (!v->isString() || !oneOf(list, v->text())) {
      got(path, v->isString() ? "enum" : "type", {"expected one of ", listOf(list)}, *v);
      return;
    }
    out = std::string(v->text());
  }

  std::optional<bool> boolean(const std::optional<Value>& v, const Ptr& path) {
    if (!v) return std::nullopt;
    if (!v->isBool()) {
      got(path, "type", {"expected true or false"}, *v);
      return std::nullopt;
    }
    return v->boolean();
  }

  // An integer in [min, max] (max < 0: no upper bound).
  std::optional<std::int64_t> integer(const std::optional<Value>& v, const Ptr& path,
                                      std::int64_t min, std::int64_t max = -1) {
    if (!v) return std::nullopt;
    bool overflow = false;
    std::optional<std::int64_t> i;
    if (v->isNumber()) i = v->integer(overflow);
    if (!i || *i < min || (max >= 0 && *i > max)) {
      notInteger(*v, path, min, max, overflow, overflow || i.has_value());
      return std::nullopt;
    }
    return i;
  }
  // `outOfRange`: an integer outside [min, max] or too large to read; else not an integer.
  [[gnu::cold, gnu::noinline]] void notInteger(const Value& v, const Ptr& path, std::int64_t min,
                                               std::int64_t max, bool overflow, bool outOfRange) {
    std::string expected = max >= 0 ? cat({"expected an integer from ", min, " to ", max})
                                    : cat({"expected an integer >= ", min});
    got(path, outOfRange ? "range" : "type", {expected}, v,
        overflow ? ", which is far too large" : "");
  }

  // A finite number; `positive`: > 0, else >= 0.
  std::optional<double> amount(const Value& v, const Ptr& path, bool positive) {
    const char* expected = positive ? "a number > 0" : "a number >= 0";
    if (!v.isNumber()) {
      got(path, "type", {"expected ", expected}, v);
      return std::nullopt;
    }
    auto d = v.number();
    if (!d) {
      got(path, "range", {"expected ", expected}, v, ", which is too large");
      return std::nullopt;
    }
    if (positive ? !(*d > 0) : *d < 0) {
      got(path, "range", {"expected ", expected}, v);
      return std::nullopt;
    }
    return *d == 0 ? 0.0 : *d;  // no negative zero
  }

  std::optional<std::string> currency(const std::optional<Value>& v, const Ptr& path) {
    if (!v) return std::nullopt;
    if (!v->isString()) {
      got(path, "type", {"expected an ISO 4217 currency code like \"USD\""}, *v);
      return std::nullopt;
    }
    std::string_view c = v->text();
    bool shape = c.size() == 3 &&
                 std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    if (!shape) {
      got(path, "enum", {"expected an upper-case ISO 4217 currency code like \"USD\" or \"EUR\""},
          *v);
      return std::nullopt;
    }
    if (!embeddedKb().usdRate(c)) {
      unknownCurrency(path, c);
      return std::nullopt;
    }
    return std::string(c);
  }

  [[gnu::cold, gnu::noinline]] void unknownCurrency(const Ptr& path, std::string_view c) {
    add(path, "enum",
        cat({"the currency ", quote(c),
             " has no conversion rate in the knowledge base; use one of ",
             embeddedKb().currencyCodes()}));
  }

  // {"amount": n, "currency": "XXX"}
  std::optional<Money> money(const std::optional<Value>& v, const Ptr& path, bool positive) {
    if (!v) return std::nullopt;
    if (!object(*v, path, "an object {\"amount\": number, \"currency\": \"USD\"}"))
      return std::nullopt;
    static constexpr std::array<std::string_view, 2> names = {"amount", "currency"};
    std::array<std::optional<Value>, 2> s;
    std::size_t before = count();
    members(*v, path, "an amount of money", names, s);
    Money m;
    if (!s[0]) {
      add(path + "/amount", "required", "the amount is missing");
    } else if (auto a = amount(*s[0], path + "/amount", positive)) {
      m.amount = *a;
    }
    if (!s[1]) {
      add(path + "/currency", "required",
          "the currency is missing (an ISO 4217 code like \"USD\")");
    } else if (auto c = currency(s[1], path + "/currency")) {
      m.currency = *c;
    }
    if (count() != before) return std::nullopt;
    return m;
  }

  // "DE", "US-NY": alpha-2 country (ISO 3166-1) plus an optional subdivision of 1-3 chars.
  std::optional<std::vector<std::string>> countries(const std::optional<Value>& v, const Ptr& path,
                                                    bool nonEmpty) {
    if (!v) return std::nullopt;
    const char* expected = "an array of country codes like [\"US\", \"US-NY\", \"DE\"]";
    if (!v->isArray()) {
      got(path, "type", {"expected ", expected}, *v);
      return std::nullopt;
    }
    if (nonEmpty && v->size() == 0) {
      add(path, "range",
          "expected at least one jurisdiction (an ISO 3166-1 code like \"US\"), got an empty "
          "array");
      return std::nullopt;
    }
    std::vector<std::string> out;
    out.reserve(v->size());
    std::size_t i = 0;
    bool ok = true;
    for (Value item : *v) {
      std::size_t idx = i++;
      auto at = [&] { return itemPath(path, idx); };
      if (!item.isString()) {
        got(at(), "type", {"expected a country code like \"DE\" or \"US-NY\""}, item);
        ok = false;
        continue;
      }
      std::string_view s = item.text();
      bool shape = s.size() >= 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
      if (shape && s.size() > 2) {
        shape = s[2] == '-' && s.size() >= 4 && s.size() <= 6;
        for (std::size_t k = 3; shape && k < s.size(); ++k)
          shape = (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9');
      }
      if (!shape) {
        got(at(), "enum",
            {"expected an ISO 3166-1 alpha-2 code like \"DE\" or a subdivision like \"US-NY\" "
             "(upper case)"},
            item);
        ok = false;
        continue;
      }
      if (!isCountry(s.substr(0, 2))) {
        add(at(), "enum",
            cat({quote(s.substr(0, 2)), " is not an ISO 3166-1 alpha-2 country code (got ",
                 describe(item), ")"}));
        ok = false;
        continue;
      }
      out.emplace_back(s);
    }
    if (!ok) return std::nullopt;
    return out;
  }

  // An array of contract role ids.
  std::optional<std::vector<std::string>> roleList(const Value& v, const Ptr& path) {
    if (!v.isArray()) {
      got(path, "type", {"expected an array of role ids"}, v);
      return std::nullopt;
    }
    std::vector<std::string> out;
    std::size_t i = 0;
    for (Value item : v) {
      std::size_t idx = i++;
      auto at = [&] { return itemPath(path, idx); };
      if (!item.isString() || !oneOf(kRoles, item.text())) {
        got(at(), item.isString() ? "enum" : "type", {"expected a role id (", listOf(kRoles), ")"},
            item);
      } else {
        out.emplace_back(item.text());
      }
    }
    return out;
  }

  std::optional<std::vector<std::string>> frameworks(const std::optional<Value>& v,
                                                     const Ptr& path) {
    if (!v) return std::nullopt;
    if (!v->isArray()) {
      got(path, "type", {"expected an array of framework ids like [\"iso27001\", \"soc2\"]"}, *v);
      return std::nullopt;
    }
    std::vector<std::string> out;
    std::size_t i = 0;
    for (Value item : *v) {
      std::size_t idx = i++;
      auto at = [&] { return itemPath(path, idx); };
      if (!item.isString()) {
        got(at(), "type", {"expected a framework id like \"iso27001\""}, item);
        continue;
      }
      std::string_view s = item.text();
      bool shape = !s.empty() && s.size() <= 64 &&
                   ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9'));
      for (char c : s)
        shape = shape && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_');
      if (!shape) {
        got(at(), "enum",
            {"expected a lower-case framework id (letters, digits, '-', '.', '_'; at most 64) like "
             "\"iso27001\" or \"nist-csf\""},
            item);
        continue;
      }
      out.emplace_back(s);
    }
    return out;
  }

 private:
  std::vector<Error>& errors_;
};

void readOrganization(Checker& c, const Value& v, Profile& p) {
  const Ptr path("/organization");
  static constexpr std::array<std::string_view, 12> names = {"name",
                                                             "employees",
                                                             "annualRevenue",
                                                             "balanceSheetTotal",
                                                             "totalAssets",
                                                             "sector",
                                                             "jurisdictions",
                                                             "publiclyListed",
                                                             "sites",
                                                             "operationalTechnology",
                                                             "criticalInfrastructure",
                                                             "publicSectorBody"};
  std::array<std::optional<Value>, 12> s;
  c.members(v, path, "organization", names, s);
  if (s[0]) {
    if (!s[0]->isString()) {
      c.got(path + "/name", "type", {"expected a string of at most 200 characters"}, *s[0]);
    } else if (std::size_t n = jin::codePoints(s[0]->text()); n > 200) {
      c.add(path + "/name", "range",
            cat({"expected at most 200 characters, got a name of ", n, " characters"}));
    } else {
      p.name = std::string(s[0]->text());
    }
  }
  if (!s[1])
    c.add(path + "/employees", "required", "the number of employees (an integer >= 1) is required");
  else if (auto e = c.integer(s[1], path + "/employees", 1))
    p.employees = *e;
  p.annualRevenue = c.money(s[2], path + "/annualRevenue", false);
  p.balanceSheetTotal = c.money(s[3], path + "/balanceSheetTotal", false);
  p.totalAssets = c.money(s[4], path + "/totalAssets", false);
  if (!s[5])
    c.add(path + "/sector", "required", cat({"the sector is required: one of ", listOf(kSectors)}));
  else
    c.enumeration(s[5], path + "/sector", kSectors, p.sector);
  if (!s[6])
    c.add(path + "/jurisdictions", "required",
          "the jurisdictions are required: an array of country codes like [\"US\", \"US-NY\", "
          "\"DE\"]");
  else if (auto j = c.countries(s[6], path + "/jurisdictions", true))
    p.jurisdictions = std::move(*j);
  p.publiclyListed = c.countries(s[7], path + "/publiclyListed", false);
  p.sites = c.integer(s[8], path + "/sites", 1);
  p.operationalTechnology = c.boolean(s[9], path + "/operationalTechnology");
  p.criticalInfrastructure = c.boolean(s[10], path + "/criticalInfrastructure");
  c.enumeration(s[11], path + "/publicSectorBody", kPublicSector, p.publicSectorBody);
}

void readData(Checker& c, const Value& v, Profile& p) {
  static constexpr std::array<std::string_view, 6> names = {
      "personalData", "specialCategoryData", "systematicMonitoring",
      "hipaa",        "paymentCards",        "intellectualProperty"};
  std::array<std::optional<Value>, 6> s;
  c.members(v, "/data", "data", names, s);
  c.enumeration(s[0], "/data/personalData", kScale, p.personalData);
  c.enumeration(s[1], "/data/specialCategoryData", kScale, p.specialCategoryData);
  c.enumeration(s[2], "/data/systematicMonitoring", kScale, p.systematicMonitoring);
  c.enumeration(s[3], "/data/hipaa", kHipaa, p.hipaa);
  c.enumeration(s[4], "/data/paymentCards", kCards, p.paymentCards);
  c.enumeration(s[5], "/data/intellectualProperty", kLevel, p.intellectualProperty);
}

void readRegulatory(Checker& c, const Value& v, Profile& p) {
  static constexpr std::array<std::string_view, 4> names = {"nydfsCovered", "euFinancialEntity",
                                                            "nis2", "frameworks"};
  std::array<std::optional<Value>, 4> s;
  c.members(v, "/regulatory", "regulatory", names, s);
  p.nydfsCovered = c.boolean(s[0], "/regulatory/nydfsCovered");
  p.euFinancialEntity = c.boolean(s[1], "/regulatory/euFinancialEntity");
  c.enumeration(s[2], "/regulatory/nis2", kNis2, p.nis2);
  p.frameworks = c.frameworks(s[3], "/regulatory/frameworks");
}

void readRisk(Checker& c, const Value& v, Profile& p) {
  static constexpr std::array<std::string_view, 5> names = {
      "physicalRisk", "cyberThreat", "incidentsLast24Months", "riskAppetite", "securityMaturity"};
  std::array<std::optional<Value>, 5> s;
  c.members(v, "/risk", "risk", names, s);
  c.enumeration(s[0], "/risk/physicalRisk", kLevel, p.physicalRisk);
  c.enumeration(s[1], "/risk/cyberThreat", kLevel, p.cyberThreat);
  p.incidentsLast24Months = c.integer(s[2], "/risk/incidentsLast24Months", 0);
  c.enumeration(s[3], "/risk/riskAppetite", kAppetite, p.riskAppetite);
  if (auto m = c.integer(s[4], "/risk/securityMaturity", 1, 5))
    p.securityMaturity = static_cast<int>(*m);
}

void readStrategy(Checker& c, const Value& v, Profile& p) {
  static constexpr std::array<std::string_view, 3> names = {"priority", "cloud", "workforce"};
  std::array<std::optional<Value>, 3> s;
  c.members(v, "/strategy", "strategy", names, s);
  c.enumeration(s[0], "/strategy/priority", kPriority, p.priority);
  c.enumeration(s[1], "/strategy/cloud", kCloud, p.cloud);
  c.enumeration(s[2], "/strategy/workforce", kWorkforce, p.workforce);
}

void readBudget(Checker& c, const Value& v, Profile& p) {
  static constexpr std::array<std::string_view, 3> names = {"it", "security",
                                                            "canFundFullTimeSecurityExecutive"};
  std::array<std::optional<Value>, 3> s;
  c.members(v, "/budget", "budget", names, s);
  p.itBudget = c.money(s[0], "/budget/it", false);
  p.securityBudget = c.money(s[1], "/budget/security", false);
  p.canFundFullTimeSecurityExecutive = c.boolean(s[2], "/budget/canFundFullTimeSecurityExecutive");
}

void readSettings(Checker& c, const Value& v, Profile& p) {
  static constexpr std::array<std::string_view, 2> names = {"vcisoHourlyRate",
                                                            "fullTimeCisoAnnualCost"};
  std::array<std::optional<Value>, 2> s;
  c.members(v, "/settings", "settings", names, s);
  if (s[0]) {
    const Ptr path("/settings/vcisoHourlyRate");
    if (c.object(*s[0], path,
                 "an object {\"low\": number, \"high\": number, \"currency\": \"USD\"}")) {
      static constexpr std::array<std::string_view, 3> rn = {"low", "high", "currency"};
      std::array<std::optional<Value>, 3> r;
      std::size_t before = c.count();
      c.members(*s[0], path, "vcisoHourlyRate", rn, r);
      std::optional<double> low, high;
      std::optional<std::string> cur;
      if (!r[0])
        c.add(path + "/low", "required", "the lower hourly rate is missing (a number > 0)");
      else
        low = c.amount(*r[0], path + "/low", true);
      if (!r[1])
        c.add(path + "/high", "required", "the upper hourly rate is missing (a number > 0)");
      else
        high = c.amount(*r[1], path + "/high", true);
      if (!r[2])
        c.add(path + "/currency", "required",
              "the currency is missing (an ISO 4217 code like \"USD\")");
      else
        cur = c.currency(r[2], path + "/currency");
      if (low && high && *low > *high)
        c.add(path, "range",
              cat({"expected low <= high, got low ", r[0]->text(), " and high ", r[1]->text()}));
      if (c.count() == before && low && high && cur) {
        p.settings.vcisoHourlyRateLow = Money{*low, *cur};
        p.settings.vcisoHourlyRateHigh = Money{*high, *cur};
      }
    }
  }
  p.settings.fullTimeCisoAnnualCost = c.money(s[1], "/settings/fullTimeCisoAnnualCost", true);
}

// Reporting lines between entries must reach a top: a loop (a -> b -> a) has none, and an
// org chart drawn from it would never end. Each loop is reported once, at its first entry in
// document order, naming the whole loop.
void reportLoops(Checker& c, std::string_view path, const std::vector<CurrentRole>& roles,
                 const IdIndex& index) {
  const std::size_t n = roles.size();
  std::vector<long> manager(n, -1);  // the entry each entry reports to, or -1 (a role or none)
  for (std::size_t k = 0; k < n; ++k)
    if (!roles[k].reportsTo.empty()) manager[k] = index.find(roles[k].reportsTo);
  enum : char { kNew, kOnPath, kDone };
  std::vector<char> state(n, kNew);
  std::vector<std::pair<std::size_t, std::string>> loops;  // first entry, message
  for (std::size_t start = 0; start < n; ++start) {
    std::vector<std::size_t> walk;
    long at = static_cast<long>(start);
    while (at >= 0 && state[static_cast<std::size_t>(at)] == kNew) {
      state[static_cast<std::size_t>(at)] = kOnPath;
      walk.push_back(static_cast<std::size_t>(at));
      at = manager[static_cast<std::size_t>(at)];
    }
    if (at >= 0 && state[static_cast<std::size_t>(at)] == kOnPath) {
      auto from = std::find(walk.begin(), walk.end(), static_cast<std::size_t>(at));
      std::vector<std::size_t> loop(from, walk.end());
      std::rotate(loop.begin(), std::min_element(loop.begin(), loop.end()), loop.end());
      std::string chain;
      for (std::size_t k : loop) chain += quote(roles[k].id) + " -> ";
      chain += quote(roles[loop.front()].id);
      loops.emplace_back(loop.front(), "reporting lines form a loop with no top: " + chain);
    }
    for (std::size_t k : walk) state[k] = kDone;
  }
  sortStable(loops);
  for (const auto& [entry, message] : loops)
    c.add(Ptr(indexPath(path, static_cast<std::uint32_t>(entry))) + "/reportsTo", "reference", message);
}

void readCurrentRoles(Checker& c, const Value& v, Profile& p, IdIndex& index) {
  const std::string_view path = "/currentRoles";
  if (!v.isArray()) {
    c.got(path, "type", {"expected an array of {id, role, reportsTo, employment, fte, alsoActsAs}"},
          v);
    return;
  }
  static constexpr std::array<std::string_view, 6> names = {"id",         "role", "reportsTo",
                                                            "employment", "fte",  "alsoActsAs"};
  std::vector<CurrentRole> roles;
  roles.reserve(v.size());
  std::vector<std::optional<Value>> reportsValues;
  reportsValues.reserve(v.size());
  index.reserve(v.size());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> duplicates;  // entry, first entry
  std::uint32_t i = 0;
  for (Value entry : v) {
    const std::uint32_t self = i++;
    const std::string at = indexPath(path, self);
    const Ptr atp(at);
    CurrentRole r;
    std::optional<Value> reports;
    if (!c.object(entry, atp, "an object {\"id\": ..., \"role\": ...}")) {
      roles.push_back(std::move(r));
      reportsValues.push_back(std::nullopt);
      continue;
    }
    std::array<std::optional<Value>, 6> s;
    c.members(entry, atp, "a currentRoles entry", names, s);
    if (!s[0]) {
      c.add(atp + "/id", "required", "each entry needs an id (a non-empty string)");
    } else if (!s[0]->isString()) {
      c.got(atp + "/id", "type", {"expected a non-empty string id"}, *s[0]);
    } else if (s[0]->text().empty()) {
      c.add(atp + "/id", "range", "expected a non-empty string id, got an empty string");
    } else {
      r.id = std::string(s[0]->text());
      // currentRoles ids (views into the input); a repeated one is an error, below.
      if (long first = index.add(s[0]->text(), self); first >= 0)
        duplicates.emplace_back(self, static_cast<std::uint32_t>(first));
    }
    if (!s[1]) {
      c.add(atp + "/role", "required", cat({"each entry needs a role: one of ", listOf(kRoles)}));
    } else {
      c.enumeration(s[1], atp + "/role", kRoles, r.role);
    }
    if (s[2]) {
      if (!s[2]->isString())
        c.got(atp + "/reportsTo", "type", {"expected the id of another entry or a role id"}, *s[2]);
      else
        reports = s[2];
    }
    c.enumeration(s[3], atp + "/employment", kEmployment, r.employment);
    if (s[4]) {
      if (!s[4]->isNumber()) {
        c.got(atp + "/fte", "type", {"expected a number with 0 < fte <= 1"}, *s[4]);
      } else {
        auto f = s[4]->number();
        if (!f || !(*f > 0) || *f > 1) {
          c.got(atp + "/fte", "range", {"expected a number with 0 < fte <= 1"}, *s[4]);
        } else {
          r.fte = *f;
          r.fteGiven = true;
        }
      }
    }
    if (s[5]) {
      if (auto list = c.roleList(*s[5], atp + "/alsoActsAs")) r.alsoActsAs = std::move(*list);
    }
    roles.push_back(std::move(r));
    reportsValues.push_back(reports);
  }
  // Unique ids: the index keeps the first entry of an id; every later one is an error.
  for (auto [entry, first] : duplicates) {
    c.add(Ptr(indexPath(path, entry)) + "/id", "reference",
          cat({"the id ", quote(roles[entry].id), " is already used by ", indexPath(path, first),
               ": ids must be unique"}));
    roles[entry].id.clear();
  }
  // reportsTo: another entry's id or a role id, never the entry itself.
  for (std::uint32_t k = 0; k < roles.size(); ++k) {
    if (!reportsValues[k]) continue;
    std::string_view target = reportsValues[k]->text();
    if (!roles[k].id.empty() && target == roles[k].id) {
      c.add(Ptr(indexPath(path, k)) + "/reportsTo", "reference",
            cat({"an entry cannot report to itself (", quote(target), ")"}));
      continue;
    }
    long other = index.find(target);
    if (other < 0 && !oneOf(kRoles, target)) {
      c.add(Ptr(indexPath(path, k)) + "/reportsTo", "reference",
            cat({"expected the id of another currentRoles entry or a role id (", listOf(kRoles),
                 "), got ", quote(target)}));
      continue;
    }
    roles[k].reportsTo = std::string(target);
  }
  reportLoops(c, path, roles, index);
  p.currentRoles = std::move(roles);
}

void readCurrentAssignments(Checker& c, const Value& v, Profile& p, bool haveRoles,
                            const IdIndex& index, const Kb& kb) {
  const std::string_view path = "/currentAssignments";
  if (!c.object(v, path,
                "an object: responsibility id -> {\"accountable\": id, \"responsible\": [ids]}"))
    return;
  if (!haveRoles)
    c.add(path, "reference",
          "currentAssignments names currentRoles ids, but the profile has no currentRoles");
  auto known = [&](std::string_view id) { return index.find(id) >= 0; };
  std::map<std::string, Assignment> out;
  static constexpr std::array<std::string_view, 2> names = {"accountable", "responsible"};
  for (Value entry : v) {
    std::string_view resp = entry.key();
    const std::string at = join(path, resp);
    const Ptr atp(at);
    if (!kb.responsibility(resp)) {
      c.add(atp, "unknown-field",
            quote(resp) +
                " is not a responsibility id of the knowledge base (e.g. \"incident-response\", "
                "\"security-strategy\")");
      continue;
    }
    if (!c.object(entry, atp, "an object {\"accountable\": id, \"responsible\": [ids]}")) continue;
    std::array<std::optional<Value>, 2> s;
    c.members(entry, atp, "an assignment", names, s);
    Assignment a;
    if (s[0]) {
      if (!s[0]->isString()) {
        c.got(atp + "/accountable", "type", {"expected a currentRoles id"}, *s[0]);
      } else if (haveRoles && !known(s[0]->text())) {
        c.add(atp + "/accountable", "reference",
              cat({"expected the id of a currentRoles entry, got ", quote(s[0]->text())}));
      } else {
        a.accountable = std::string(s[0]->text());
      }
    }
    if (s[1]) {
      if (!s[1]->isArray()) {
        c.got(atp + "/responsible", "type", {"expected an array of currentRoles ids"}, *s[1]);
      } else {
        std::size_t i = 0;
        for (Value item : *s[1]) {
          std::size_t idx = i++;
          auto ip = [&] { return indexPath(at + "/responsible", idx); };
          if (!item.isString())
            c.got(ip(), "type", {"expected a currentRoles id"}, item);
          else if (haveRoles && !known(item.text()))
            c.add(ip(), "reference",
                  cat({"expected the id of a currentRoles entry, got ", quote(item.text())}));
          else
            a.responsible.emplace_back(item.text());
        }
      }
    }
    out.emplace(std::string(resp), std::move(a));
  }
  p.currentAssignments = std::move(out);
}

}  // namespace

void parseProfileInto(std::string_view text, std::vector<Error>& errors, const Kb* kb,
                      std::optional<Profile>& out) noexcept {
  out.reset();
  try {
    jin::Document doc;
    jin::ParseError perr;
    if (!doc.parse(text, jin::Limits{}, perr)) {
      errors.push_back({perr.path, perr.code, perr.message, ""});
      return;
    }
    Value root = doc.root();
    if (!root.isObject()) {
      errors.push_back({"", "type",
                        cat({"expected the profile to be a JSON object, got ", describe(root)}),
                        ""});
      return;
    }
    std::size_t before = errors.size();
    Checker c(errors);
    static constexpr std::array<std::string_view, 10> names = {
        "schema",   "organization", "data",         "regulatory",         "risk",
        "strategy", "budget",       "currentRoles", "currentAssignments", "settings"};
    std::array<std::optional<Value>, 10> s;
    c.members(root, "", "the profile", names, s);
    Profile& p = out.emplace();
    if (!s[0]) {
      c.add("/schema", "required", "the profile must start with \"schema\": \"seclead.profile/1\"");
    } else if (!s[0]->isString() || s[0]->text() != kSchema) {
      c.add("/schema", "schema-version",
            cat({"expected \"seclead.profile/1\", got ", describe(*s[0]),
                 " (this engine reads version 1 profiles)"}));
    }
    if (!s[1])
      c.add("/organization", "required", "the organization section is required");
    else if (c.object(*s[1], "/organization", "an object"))
      readOrganization(c, *s[1], p);
    if (s[2] && c.object(*s[2], "/data", "an object")) readData(c, *s[2], p);
    if (s[3] && c.object(*s[3], "/regulatory", "an object")) readRegulatory(c, *s[3], p);
    if (s[4] && c.object(*s[4], "/risk", "an object")) readRisk(c, *s[4], p);
    if (s[5] && c.object(*s[5], "/strategy", "an object")) readStrategy(c, *s[5], p);
    if (s[6] && c.object(*s[6], "/budget", "an object")) readBudget(c, *s[6], p);
    IdIndex ids;
    if (s[7]) readCurrentRoles(c, *s[7], p, ids);
    if (s[8]) readCurrentAssignments(c, *s[8], p, s[7].has_value(), ids, kb ? *kb : embeddedKb());
    if (s[9] && c.object(*s[9], "/settings", "an object")) readSettings(c, *s[9], p);
    if (errors.size() != before) out.reset();
  } catch (const std::exception& e) {
    errors.push_back({"", "syntax",
                      std::string("could not read the profile: ") + exceptionReached(e.what()),
                      ""});
    out.reset();
  } catch (...) {
    exceptionReached("unknown");
    errors.push_back({"", "syntax", "could not read the profile", ""});
    out.reset();
  }
}

std::vector<std::string> unknownFields(const Profile& p) {
  std::vector<std::string> out;
  auto note = [&](bool missing, const char* path) {
    if (missing) out.emplace_back(path);
  };
  note(!p.annualRevenue, "/organization/annualRevenue");
  note(!p.balanceSheetTotal, "/organization/balanceSheetTotal");
  note(!p.totalAssets, "/organization/totalAssets");
  note(!p.publiclyListed, "/organization/publiclyListed");
  note(!p.sites, "/organization/sites");
  note(!p.operationalTechnology, "/organization/operationalTechnology");
  note(!p.criticalInfrastructure, "/organization/criticalInfrastructure");
  note(!p.publicSectorBody, "/organization/publicSectorBody");
  note(!p.personalData, "/data/personalData");
  note(!p.specialCategoryData, "/data/specialCategoryData");
  note(!p.systematicMonitoring, "/data/systematicMonitoring");
  note(!p.hipaa, "/data/hipaa");
  note(!p.paymentCards, "/data/paymentCards");
  note(!p.intellectualProperty, "/data/intellectualProperty");
  note(!p.nydfsCovered, "/regulatory/nydfsCovered");
  note(!p.euFinancialEntity, "/regulatory/euFinancialEntity");
  note(!p.nis2, "/regulatory/nis2");
  note(!p.frameworks, "/regulatory/frameworks");
  note(!p.physicalRisk, "/risk/physicalRisk");
  note(!p.cyberThreat, "/risk/cyberThreat");
  note(!p.incidentsLast24Months, "/risk/incidentsLast24Months");
  note(!p.riskAppetite, "/risk/riskAppetite");
  note(!p.securityMaturity, "/risk/securityMaturity");
  note(!p.priority, "/strategy/priority");
  note(!p.cloud, "/strategy/cloud");
  note(!p.workforce, "/strategy/workforce");
  note(!p.itBudget, "/budget/it");
  note(!p.securityBudget, "/budget/security");
  note(!p.canFundFullTimeSecurityExecutive, "/budget/canFundFullTimeSecurityExecutive");
  note(!p.currentRoles, "/currentRoles");
  note(!p.currentAssignments, "/currentAssignments");
  return out;
}

}  // namespace seclead
