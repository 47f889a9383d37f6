// Reading raci.json: each leadership model's template matrix, with role placeholders bound
// and optional roles' fallbacks. Kept apart from building the matrices in raci.cpp, which the
// WebAssembly module compiles for speed (core/CMakeLists.txt): the loader runs once per
// process and is smaller built for size.
#include "decision.h"
#include "kb.h"
#include "message.h"
#include "raci.h"

namespace seclead {

namespace {

int roleIndex(const Kb& kb, std::string_view id) {
  for (std::size_t i = 0; i < kb.roles.size(); ++i)
    if (kb.roles[i].id == id) return static_cast<int>(i);
  return -1;
}

// A role name or a placeholder of the model's binding, as a role index (or -1 with an error
// at `at` + "/" + `key`, the path built only then: the loader resolves about 1,000 names).
int resolveName(const Kb& kb, KbReader& read, const json& binding, std::string_view name,
                const std::string& at, const char* key) {
  std::string_view role = name;
  if (!name.empty() && name[0] == '$') {
    auto it = binding.find(name);
    if (it == binding.end() || !it->is_string()) {
      read.fail(at + "/" + key, cat({"placeholder '", name, "' is not bound by the model"}));
      return -1;
    }
    role = it->string();
  }
  int index = roleIndex(kb, role);
  if (index < 0) read.fail(at + "/" + key, cat({"unknown role '", role, "'"}));
  return index;
}

RaciTemplateRow compileRow(const Kb& kb, KbReader& read, const json& binding, const json& row,
                           const std::string& at) {
  RaciTemplateRow t;
  t.A = resolveName(kb, read, binding, read.str(row, "A", at), at, "A");
  for (auto [key, list] : {std::pair{"R", &t.R}, std::pair{"C", &t.C}, std::pair{"I", &t.I}}) {
    for (const auto& name : read.strs(row, key, at)) {
      int index = resolveName(kb, read, binding, name, at, key);
      if (index >= 0) list->push_back(index);
    }
  }
  if (t.R.empty()) read.fail(at, "/R", "a row needs at least one responsible role");
  t.criticality = row.value("criticality", std::string("medium"));
  if (t.criticality != "high" && t.criticality != "medium" && t.criticality != "low")
    read.fail(at, "/criticality", "expected high | medium | low");
  t.source = read.str(row, "source", at);
  return t;
}

}  // namespace

void loadRaci(const json& document, Kb& kb, std::vector<KbError>& errors) {
  KbReader read{"raci.json", errors};
  RaciKnowledge& k = kb.raci;
  if (!document.is_object() || !document.contains("models") || !document.contains("rows") ||
      !document["rows"].is_object() || !document["models"].is_object())
    return read.fail("", "expected an object with 'models', 'rows' and 'optionalRoles'");
  const std::size_t roleCount = kb.roles.size();
  if (roleCount > 64) read.fail("", "at most 64 roles are supported");
  k.dpoRole = roleIndex(kb, "dpo");
  k.minEmployees.assign(roleCount, 0);
  const json& optional = document.valueRef("optionalRoles", json::sharedEmptyObject());
  for (const auto& [role, spec] : optional.items()) {
    int index = roleIndex(kb, role);
    if (index < 0)
      read.fail("/optionalRoles/" + role, "unknown role '" + role + "'");
    else
      k.minEmployees[index] =
          static_cast<int>(read.num(spec, "minEmployees", "/optionalRoles/" + role));
  }
  const json& rows = document["rows"];
  for (const auto& [id, row] : rows.items()) {
    (void)row;
    if (!kb.responsibility(id)) read.fail("/rows/" + id, "unknown responsibility '" + id + "'");
  }
  for (const auto& r : kb.responsibilities)
    if (!r.custom && !rows.contains(r.id))
      read.fail("/rows", "no row for responsibility '" + r.id + "'");

  for (const auto& modelId : leadershipModels()) {
    const std::string at = "/models/" + modelId;
    if (!document["models"].contains(modelId)) {
      read.fail(at, "missing leadership model '" + modelId + "'");
      continue;
    }
    const json& binding = document["models"][modelId];
    RaciModel m;
    m.id = modelId;
    m.source = read.str(binding, "source", at);
    m.fallback.assign(roleCount, -1);
    for (const auto& [role, spec] : optional.items()) {
      int index = roleIndex(kb, role);
      if (index < 0) continue;
      const std::string at = "/optionalRoles/" + role;
      m.fallback[index] =
          resolveName(kb, read, binding, read.str(spec, "fallback", at), at, "fallback");
    }
    m.rows.resize(kb.responsibilities.size());
    for (std::size_t i = 0; i < kb.responsibilities.size(); ++i) {
      const auto& id = kb.responsibilities[i].id;
      if (rows.contains(id)) m.rows[i] = compileRow(kb, read, binding, rows[id], "/rows/" + id);
    }
    m.fallbackRow = compileRow(kb, read, binding,
                               document.valueRef("default", json::sharedEmptyObject()), "/default");
    k.models.push_back(std::move(m));
  }
}

}  // namespace seclead
