// Knowledge overlays (format: plugins/overlays/README.md). Each overlay is parsed with the
// strict bounded reader, checked section by section against the knowledge base as it stands
// after the overlays before it, and merged into copies of the knowledge documents; the merged
// documents go through buildKb, the same loaders and checks as the embedded knowledge. A
// problem a loader finds in merged content is traced back to the overlay entry it came from.
// Built knowledge bases are cached by the overlays' bytes (the SHA-256 in the report is of the
// same bytes), so a batch of profiles with the same overlays builds the knowledge base once.
#include "overlay.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>

#include "json_input.h"
#include "message.h"
#include "sha256.h"

namespace seclead {

namespace {

constexpr std::string_view kSchema = "seclead.overlay/1";
constexpr std::size_t kCacheSize = 8;

// Where a merged piece of a knowledge document came from.
struct Origin {
  std::string file;     // knowledge file
  std::string docPath;  // JSON Pointer prefix in that file
  std::size_t overlay;  // index of the overlay
  std::string overlayPath;
};

std::string pointer(std::string base, std::string_view token) {
  jin::appendPointer(base, token);
  return base;
}

// A string as a JSON string literal, for messages.
[[gnu::noinline]] std::string quoted(const std::string& s) {
  return json(s).dump();
}

std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      std::string s = v.get<std::string>();
      if (s.size() > 40) s = cat({std::string_view(s).substr(0, 40), "..."});
      return cat({"the string ", quoted(s)});
    }
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return cat({"the number ", v.dump()});
  }
}

bool validId(const std::string& id) {
  if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  return true;
}

// Validation of one overlay, collecting every problem with its pointer.
class Checker {
 public:
  Checker(std::size_t index, std::vector<Error>& errors)
      : input_(concat({"overlay[", index, "]"})), errors_(errors) {}

  [[gnu::noinline]] void add(const std::string& path, const char* code, std::string message) {
    errors_.push_back({path, code, std::move(message), input_});
    ++count_;
  }
  // A fixed message: the string is made here, not at each call site.
  [[gnu::noinline]] void add(const std::string& path, const char* code, const char* message) {
    add(path, code, std::string(message));
  }
  // "<expected...>, got <value>"
  [[gnu::noinline]] void got(const std::string& path, const char* code,
                             std::initializer_list<MessagePiece> expected, const json& value) {
    add(path, code, cat({cat(expected), ", got ", describe(value)}));
  }
  // "'<key>' is required"
  [[gnu::noinline]] void required(const std::string& path, const char* key) {
    add(path, "required", cat({"'", key, "' is required"}));
  }
  std::size_t count() const { return count_; }

  // Only `allowed` keys; returns false (after reporting) when `value` is not an object.
  bool object(const json& value, const std::string& at, const char* what,
              std::initializer_list<const char*> allowed) {
    if (!value.is_object()) {
      got(at, "type", {"expected ", what}, value);
      return false;
    }
    for (const auto& [key, item] : value.items()) {
      (void)item;
      bool known = std::any_of(allowed.begin(),
                               allowed.end(),  // clang 14 (emcc): init-capture, not a binding
                               [&, &name = key](const char* a) { return name == a; });
      if (!known) {
        std::string list;
        for (const char* a : allowed) {
          if (!list.empty()) list += ", ";
          list += a;
        }
        add(pointer(at, key), "unknown-field",
            cat({"unknown field '", key, "' in ", what, " (expected ", list, ")"}));
      }
    }
    return true;
  }

  // A required (or optional) non-empty string of at most `max` bytes.
  std::optional<std::string> string(const json& obj, const char* key, const std::string& at,
                                    bool required, std::size_t max = 4096) {
    auto it = obj.find(key);
    std::string path = pointer(at, key);
    if (it == obj.end()) {
      if (required) this->required(path, key);
      return std::nullopt;
    }
    if (!it->is_string()) {
      got(path, "type", {"expected a string"}, *it);
      return std::nullopt;
    }
    std::string s = it->get<std::string>();
    if (s.empty() || s.size() > max) {
      add(path, "range", cat({"expected 1 to ", max, " characters, got ", s.size()}));
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> id(const json& obj, const std::string& at) {
    auto s = string(obj, "id", at, true, 64);
    if (s && !validId(*s)) {
      add(pointer(at, "id"), "enum",
          cat({"expected an id of lowercase letters, digits, '-' and '.', starting with a "
               "letter; got ",
               quoted(*s)}));
      return std::nullopt;
    }
    return s;
  }

  const json* array(const json& obj, const char* key, const std::string& at) {
    auto it = obj.find(key);
    if (it == obj.end()) return nullptr;
    if (!it->is_array()) {
      got(pointer(at, key), "type", {"expected an array"}, *it);
      return nullptr;
    }
    return &*it;
  }

  std::optional<double> number(const json& obj, const char* key, const std::string& at,
                               bool required) {
    auto it = obj.find(key);
    std::string path = pointer(at, key);
    if (it == obj.end()) {
      if (required) this->required(path, key);
      return std::nullopt;
    }
    if (!it->is_number()) {
      got(path, "type", {"expected a number"}, *it);
      return std::nullopt;
    }
    return it->get<double>();
  }

 private:
  std::string input_;
  std::vector<Error>& errors_;
  std::size_t count_ = 0;
};

int indexById(const json& list, const std::string& id) {
  if (!list.is_array()) return -1;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].is_object() && list[i].value("id", "") == id) return static_cast<int>(i);
  return -1;
}

bool knownRole(const std::map<std::string, json>& docs, const std::string& id) {
  auto it = docs.find("roles.json");
  return it != docs.end() && indexById(it->second, id) >= 0;
}

// A responsibility's RACI row (raci.json "rows" format): A, R, C, I hold role ids or the
// placeholders the leadership models bind ($sec, $secR, ...); criticality high|medium|low.
void mergeRaciRow(std::size_t index, const json& row, const std::string& at, const std::string& id,
                  const std::string& source, std::map<std::string, json>& docs, Checker& c,
                  std::vector<Origin>& origins) {
  if (!c.object(row, at, "a RACI row", {"A", "R", "C", "I", "criticality"})) return;
  json& raci = docs["raci.json"];
  if (!raci.is_object() || !raci.contains("rows") || !raci["rows"].is_object()) {
    c.add(at, "reference", "the knowledge base has no RACI templates to extend");
    return;
  }
  // Placeholders: every "$name" some leadership model binds.
  std::vector<std::string> placeholders;
  if (raci.contains("models") && raci["models"].is_object())
    for (const auto& [model, binding] : raci["models"].items()) {
      (void)model;
      if (!binding.is_object()) continue;
      for (const auto& [key, value] : binding.items()) {
        (void)value;
        if (!key.empty() && key[0] == '$' &&
            std::find(placeholders.begin(), placeholders.end(), key) == placeholders.end())
          placeholders.push_back(key);
      }
    }
  std::size_t before = c.count();
  auto checkName = [&](const json& name, const std::string& path) {
    if (!name.is_string()) {
      c.got(path, "type", {"expected a role id or placeholder"}, name);
      return;
    }
    std::string n = name.get<std::string>();
    bool ok = n.size() > 1 && n[0] == '$'
                  ? std::find(placeholders.begin(), placeholders.end(), n) != placeholders.end()
                  : knownRole(docs, n);
    if (!ok) {
      std::string list;
      c.add(path, "reference",
            cat({"unknown role ", quoted(n),
                 " (a role id of the knowledge base or of an overlay, or ",
                 joined(placeholders, ", "), ")"}));
    }
  };
  if (!row.contains("A"))
    c.add(concat({at, "/A"}), "required", "'A' (the one accountable role) is required");
  else
    checkName(row["A"], concat({at, "/A"}));
  for (const char* key : {"R", "C", "I"}) {
    if (!row.contains(key)) {
      if (std::string(key) == "R")
        c.add(concat({at, "/R"}), "required", "'R' (at least one responsible role) is required");
      continue;
    }
    const json& list = row[key];
    if (!list.is_array()) {
      c.got(pointer(at, key), "type", {"expected an array of role ids"}, list);
      continue;
    }
    if (std::string(key) == "R" && list.empty())
      c.add(concat({at, "/R"}), "range", "a row needs at least one responsible role");
    for (std::size_t i = 0; i < list.size(); ++i)
      checkName(list[i], concat({pointer(at, key), "/", i}));
  }
  if (row.contains("criticality")) {
    const json& k = row["criticality"];
    if (!k.is_string() || (k != "high" && k != "medium" && k != "low"))
      c.got(concat({at, "/criticality"}), "enum", {"expected high, medium or low"}, k);
  }
  if (c.count() != before) return;
  json merged = row;
  if (!merged.contains("C")) merged.set("C", json::array());
  if (!merged.contains("I")) merged.set("I", json::array());
  merged.set("source", source);
  raci["rows"][id] = std::move(merged);
  origins.push_back({"raci.json", concat({"/rows/", id}), index, at});
}

// Merges one parsed overlay into `docs`. Problems go to `c`; provenance to `origins`.
void mergeOverlay(std::size_t index, const json& o, std::map<std::string, json>& docs,
                  const Kb& base, Checker& c, std::vector<Origin>& origins) {
  if (!c.object(o, "", "the overlay",
                {"schema", "name", "description", "source", "roles", "responsibilities", "rules",
                 "vciso", "texts"}))
    return;
  if (!o.contains("schema")) {
    c.add("/schema", "required", "the overlay must say \"schema\": \"seclead.overlay/1\"");
  } else if (!o["schema"].is_string() || o["schema"].get<std::string>() != kSchema) {
    c.add("/schema", "schema-version",
          cat({"expected \"seclead.overlay/1\", got ", describe(o["schema"]),
               " (this engine reads version 1 overlays)"}));
  }
  c.string(o, "name", "", true, 200);
  c.string(o, "description", "", false);
  c.string(o, "source", "", false);

  // Roles: a new id adds a custom role; an existing id replaces its name and description.
  if (const json* roles = c.array(o, "roles", "")) {
    json& doc = docs["roles.json"];
    for (std::size_t i = 0; i < roles->size(); ++i) {
      std::string at = concat({"/roles/", i});
      const json& r = (*roles)[i];
      if (!c.object(r, at, "a role", {"id", "name", "description", "source"})) continue;
      auto id = c.id(r, at);
      auto name = c.string(r, "name", at, true, 200);
      auto description = c.string(r, "description", at, false);
      auto source = c.string(r, "source", at, true);
      if (!id || !name || !source) continue;
      int existing = indexById(doc, *id);
      json entry = Json::object({{"id", *id},
                                 {"name", *name},
                                 {"description", description.value_or(*name)},
                                 {"source", *source}});
      if (existing >= 0) {
        json& old = doc[static_cast<std::size_t>(existing)];
        old.set("name", *name);
        if (description) old.set("description", *description);
        old.set("source", *source);
        origins.push_back({"roles.json", concat({"/", existing}), index, at});
      } else {
        entry.set("custom", true);
        origins.push_back({"roles.json", concat({"/", doc.size()}), index, at});
        doc.push_back(std::move(entry));
      }
    }
  }

  // Responsibilities: a new id adds a custom responsibility in an existing domain; an
  // existing id replaces its name and description.
  if (const json* items = c.array(o, "responsibilities", "")) {
    json& doc = docs["responsibilities.json"];
    std::vector<std::string> domains;
    for (const auto& r : base.responsibilities)
      if (std::find(domains.begin(), domains.end(), r.domain) == domains.end())
        domains.push_back(r.domain);
    for (std::size_t i = 0; i < items->size(); ++i) {
      std::string at = concat({"/responsibilities/", i});
      const json& r = (*items)[i];
      if (!c.object(r, at, "a responsibility",
                    {"id", "name", "domain", "description", "source", "raci"}))
        continue;
      auto id = c.id(r, at);
      auto name = c.string(r, "name", at, true, 200);
      auto description = c.string(r, "description", at, false);
      auto source = c.string(r, "source", at, true);
      if (!id || !name || !source) continue;
      int existing = indexById(doc, *id);
      if (existing >= 0) {
        if (r.contains("domain"))
          c.add(concat({at, "/domain"}), "unknown-field",
                "the domain of a built-in responsibility cannot change");
        json& old = doc[static_cast<std::size_t>(existing)];
        old.set("name", *name);
        if (description) old.set("description", *description);
        old.set("source", *source);
        origins.push_back({"responsibilities.json", concat({"/", existing}), index, at});
        if (r.contains("raci"))
          mergeRaciRow(index, r["raci"], concat({at, "/raci"}), *id, *source, docs, c, origins);
        continue;
      }
      auto domain = c.string(r, "domain", at, true, 64);
      if (domain && std::find(domains.begin(), domains.end(), *domain) == domains.end()) {
        std::string list;
        c.add(concat({at, "/domain"}), "enum",
              cat({"unknown domain ", quoted(*domain), " (expected ", joined(domains, ", "), ")"}));
        domain.reset();
      }
      if (!domain) continue;
      json entry = Json::object({{"id", *id},
                                 {"domain", *domain},
                                 {"name", *name},
                                 {"description", description.value_or(*name)},
                                 {"source", *source},
                                 {"custom", true}});
      origins.push_back({"responsibilities.json", concat({"/", doc.size()}), index, at});
      doc.push_back(std::move(entry));
      if (r.contains("raci"))
        mergeRaciRow(index, r["raci"], concat({at, "/raci"}), *id, *source, docs, c, origins);
    }
  }

  // Decision rules: the format of core/knowledge/rules.json. A new id is added; an existing
  // id replaces that rule. The decision loader checks conditions and effects.
  if (const json* rules = c.array(o, "rules", "")) {
    json& doc = docs["rules.json"];
    if (!doc.is_object() || !doc.contains("rules") || !doc["rules"].is_array()) {
      c.add("/rules", "reference", "the knowledge base has no decision rules to extend");
    } else {
      json& list = doc["rules"];
      for (std::size_t i = 0; i < rules->size(); ++i) {
        std::string at = concat({"/rules/", i});
        const json& r = (*rules)[i];
        if (!c.object(r, at, "a rule", {"id", "when", "effect", "because", "source"})) continue;
        auto id = c.string(r, "id", at, true, 64);
        bool ok = id.has_value();
        ok = c.string(r, "because", at, true).has_value() && ok;
        ok = c.string(r, "source", at, true).has_value() && ok;
        if (!r.contains("when")) {
          c.add(concat({at, "/when"}), "required",
                "'when' (a condition: all/any/not over facts) is required");
          ok = false;
        } else if (!r["when"].is_object()) {
          c.got(concat({at, "/when"}), "type", {"expected a condition object"}, r["when"]);
          ok = false;
        }
        if (!r.contains("effect")) {
          c.add(concat({at, "/effect"}), "required",
                "'effect' (score, reportsTo and/or dpo) is required");
          ok = false;
        } else if (c.object(r["effect"], concat({at, "/effect"}), "an effect",
                            {"score", "reportsTo", "dpo"})) {
          if (r["effect"].empty()) {
            c.add(concat({at, "/effect"}), "required", "an effect needs score, reportsTo or dpo");
            ok = false;
          }
        } else {
          ok = false;
        }
        if (!ok) continue;
        int existing = indexById(list, *id);
        if (existing >= 0) {
          list[static_cast<std::size_t>(existing)] = r;
          origins.push_back({"rules.json", concat({"/rules/", existing}), index, at});
        } else {
          origins.push_back({"rules.json", concat({"/rules/", list.size()}), index, at});
          list.push_back(r);
        }
      }
    }
  }

  // vCISO: the hourly rate range (any currency the knowledge base converts), optionally
  // the yearly cost of a full-time executive.
  if (o.contains("vciso") &&
      c.object(o["vciso"], "/vciso", "the vciso section", {"hourlyRate", "fullTimeAnnualCost"})) {
    json& doc = docs["vciso.json"];
    auto convert = [&](const json& money, const std::string& at, const char* lowKey,
                       const char* highKey) -> std::optional<std::pair<double, double>> {
      if (!c.object(money, at, "an amount range", {"low", "high", "amount", "currency", "source"}))
        return std::nullopt;
      std::optional<double> low, high;
      if (lowKey) {
        low = c.number(money, "low", at, true);
        high = c.number(money, "high", at, true);
      } else {
        low = high = c.number(money, "amount", at, true);
      }
      auto currency = c.string(money, "currency", at, true, 3);
      c.string(money, "source", at, true);
      (void)highKey;
      if (!low || !high || !currency) return std::nullopt;
      if (*low <= 0 || !std::isfinite(*low)) {
        c.add(concat({at, lowKey ? "/low" : "/amount"}), "range", "expected an amount > 0");
        return std::nullopt;
      }
      if (*high < *low || !std::isfinite(*high)) {
        c.add(concat({at, "/high"}), "range", "expected high >= low");
        return std::nullopt;
      }
      auto usdLow = base.toUsd(*low, *currency);
      if (!usdLow) {
        c.add(concat({at, "/currency"}), "enum",
              cat({"unknown currency ", quoted(*currency),
                   " (no reference rate in the knowledge base)"}));
        return std::nullopt;
      }
      return std::make_pair(*usdLow, *base.toUsd(*high, *currency));
    };
    if (!doc.is_object() || !doc.contains("rate") || !doc["rate"].is_object()) {
      c.add("/vciso", "reference", "the knowledge base has no vCISO rates to override");
    } else {
      const json& v = o["vciso"];
      if (v.contains("hourlyRate")) {
        if (auto usd = convert(v["hourlyRate"], "/vciso/hourlyRate", "low", "high")) {
          doc["rate"].set("lowUsd", std::round(usd->first * 100) / 100);
          doc["rate"].set("highUsd", std::round(usd->second * 100) / 100);
          doc["rate"].set("source", v["hourlyRate"]["source"]);
          origins.push_back({"vciso.json", "/rate", index, "/vciso/hourlyRate"});
        }
      }
      if (v.contains("fullTimeAnnualCost")) {
        if (!doc.contains("fullTime") || !doc["fullTime"].is_object()) {
          c.add("/vciso/fullTimeAnnualCost", "reference",
                "the knowledge base has no full-time cost to override");
        } else if (auto usd = convert(v["fullTimeAnnualCost"], "/vciso/fullTimeAnnualCost", nullptr,
                                      nullptr)) {
          doc["fullTime"].set("annualCostUsd", std::round(usd->first));
          doc["fullTime"].set("source", v["fullTimeAnnualCost"]["source"]);
          origins.push_back({"vciso.json", "/fullTime", index, "/vciso/fullTimeAnnualCost"});
        }
      }
    }
  }

  // Texts: role.<id>.name|description, responsibility.<id>.name|description, or a key of
  // meta.json "texts" (translations of the knowledge base's own wording).
  if (o.contains("texts")) {
    const json& texts = o["texts"];
    if (!texts.is_object()) {
      c.got("/texts", "type", {"expected an object of text key -> text"}, texts);
    } else {
      json& meta = docs["meta.json"];
      for (const auto& [key, value] : texts.items()) {
        std::string at = pointer("/texts", key);
        if (!value.is_string() || value.get<std::string>().empty()) {
          c.got(at, "type", {"expected a non-empty string"}, value);
          continue;
        }
        auto firstDot = key.find('.');
        auto lastDot = key.rfind('.');
        std::string kind = key.substr(0, firstDot);
        std::string field = lastDot == std::string::npos ? "" : key.substr(lastDot + 1);
        std::string id =
            firstDot == lastDot ? "" : key.substr(firstDot + 1, lastDot - firstDot - 1);
        if ((kind == "role" || kind == "responsibility") &&
            (field == "name" || field == "description") && !id.empty()) {
          json& doc = docs[kind == "role" ? "roles.json" : "responsibilities.json"];
          int at_ = indexById(doc, id);
          if (at_ < 0) {
            c.add(at, "reference", cat({"no ", kind, " with id ", quoted(id)}));
            continue;
          }
          doc[static_cast<std::size_t>(at_)][field] = value;
          continue;
        }
        if (meta.is_object() && meta.contains("texts") && meta["texts"].is_object() &&
            meta["texts"].contains(key)) {
          meta["texts"][key] = value;
          continue;
        }
        c.add(at, "unknown-field",
              cat({"unknown text key '", key,
                   "' (expected role.<id>.name, role.<id>.description, "
                   "responsibility.<id>.name, responsibility.<id>.description or a key of the "
                   "knowledge base's texts)"}));
      }
    }
  }
}

// Maps a loader's problem in the merged documents back to the overlay entry it came from.
void traceKbErrors(const std::vector<KbError>& kbErrors, const std::vector<Origin>& origins,
                   std::size_t overlayCount, std::vector<Error>& errors) {
  for (const auto& e : kbErrors) {
    const Origin* best = nullptr;
    for (const auto& o : origins) {
      if (o.file != e.file) continue;
      bool prefix = e.path.compare(0, o.docPath.size(), o.docPath) == 0 &&
                    (e.path.size() == o.docPath.size() || e.path[o.docPath.size()] == '/');
      if (prefix && (!best || o.docPath.size() > best->docPath.size() ||
                     (o.docPath.size() == best->docPath.size() && o.overlay >= best->overlay)))
        best = &o;
    }
    std::string lower = e.message;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    const char* code =
        (lower.find("unknown") != std::string::npos ||
         lower.find("duplicate") != std::string::npos || lower.find("not a") != std::string::npos ||
         lower.find("no ") != std::string::npos)
            ? "reference"
            : "type";
    if (best) {
      errors.push_back(
          {cat({best->overlayPath, std::string_view(e.path).substr(best->docPath.size())}), code,
           e.message, cat({"overlay[", best->overlay, "]"})});
    } else {
      errors.push_back(
          {"", code,
           cat({"the merged knowledge base is inconsistent: ", e.file, e.path, ": ", e.message}),
           cat({"overlay[", overlayCount - 1, "]"})});
    }
  }
}

OverlaidKb build(const Kb& base, const std::vector<std::string>& overlays,
                 std::vector<Error>& errors) {
  OverlaidKb out;
  std::map<std::string, json> docs = base.documents;
  std::vector<Origin> origins;
  std::size_t before = errors.size();
  for (std::size_t i = 0; i < overlays.size(); ++i) {
    const std::string& text = overlays[i];
    std::string input = concat({"overlay[", i, "]"});
    jin::Document parsed;
    jin::ParseError perr;
    if (!parsed.parse(text, jin::Limits{}, perr)) {
      errors.push_back({perr.path, perr.code, perr.message, input});
      continue;
    }
    json o = Json::from(parsed.root());
    Checker c(i, errors);
    mergeOverlay(i, o, docs, base, c, origins);
    std::string name = o.is_object() && o.contains("name") && o["name"].is_string()
                           ? o["name"].get<std::string>()
                           : "";
    out.applied.push_back({name, sha256Hex(text)});
  }
  if (errors.size() == before) {
    std::vector<KbError> kbErrors;
    Kb kb = buildKb(std::move(docs), kbErrors);
    traceKbErrors(kbErrors, origins, overlays.size(), errors);
    // The merged knowledge is the base and these overlays in this order: hash exactly that
    // (cheap: no document is serialized again).
    std::string identity = base.sha256;
    for (const auto& applied : out.applied) identity += "\n" + applied.sha256;
    kb.sha256 = sha256Hex(identity);
    if (kbErrors.empty()) out.kb = std::make_shared<const Kb>(std::move(kb));
  }
  if (!out.kb) out.applied.clear();
  return out;
}

struct CacheEntry {
  std::vector<std::string> overlays;
  OverlaidKb result;
  std::vector<Error> errors;
};

}  // namespace

OverlaidKb applyOverlays(const Kb& base, const std::vector<std::string>& overlays,
                         std::vector<Error>& errors) {
  if (overlays.empty()) {
    OverlaidKb out;
    out.kb = std::shared_ptr<const Kb>(&base, [](const Kb*) {});  // no overlays: no copy
    return out;
  }
  // Cache: kCacheSize slots, the least recently used one reused. Keyed by the exact bytes
  // (what the SHA-256 covers) and the base knowledge base they were merged into. Fixed slots
  // and a use stamp, not a list kept in order: no insertion or erasure code in the module.
  struct Slot {
    const Kb* base = nullptr;
    std::shared_ptr<const CacheEntry> entry;
    std::uint64_t used = 0;  // 0: empty
  };
  static std::mutex mutex;
  static std::array<Slot, kCacheSize> cache;
  static std::uint64_t clock = 0;
  auto appendErrors = [&](const CacheEntry& entry) {
    for (const Error& e : entry.errors) errors.push_back(e);
  };
  {
    std::lock_guard lock(mutex);
    for (Slot& slot : cache) {
      if (!slot.used || slot.base != &base || slot.entry->overlays != overlays) continue;
      slot.used = ++clock;
      appendErrors(*slot.entry);
      return slot.entry->result;
    }
  }
  auto entry = std::make_shared<CacheEntry>();
  entry->overlays = overlays;
  entry->result = build(base, overlays, entry->errors);
  appendErrors(*entry);
  std::lock_guard lock(mutex);
  Slot* oldest = &cache[0];
  for (Slot& slot : cache)
    if (slot.used < oldest->used) oldest = &slot;
  *oldest = {&base, entry, ++clock};
  return entry->result;
}

}  // namespace seclead
