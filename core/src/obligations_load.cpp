// Reading obligations.json: the role groups, the named conditions and the obligations with
// their compiled triggers and duties. Kept apart from the evaluation in obligations.cpp,
// which the WebAssembly module compiles for speed (core/CMakeLists.txt): the loader runs once
// per process and is smaller built for size.
#include <array>

#include "kb.h"
#include "obligations.h"

namespace seclead {

namespace {

struct Compiler {
  const Kb& kb;
  KbReader& read;
  const json& groups;
  ObligationCatalog& cat;

  std::uint64_t roles(const json& obj, const char* key, const std::string& at) {
    std::uint64_t mask = 0;
    for (const auto& name : read.strs(obj, key, at)) {
      if (!name.empty() && name[0] == '@') {
        auto it = groups.find(name.substr(1));
        if (it == groups.end() || !it->is_array()) {
          read.fail(at + "/" + key, "unknown role group '" + name + "'");
          continue;
        }
        for (const auto& r : *it)
          mask |= roleOrFail(r.is_string() ? r.get<std::string>() : "", at + "/" + key);
      } else {
        mask |= roleOrFail(name, at + "/" + key);
      }
    }
    return mask;
  }

  std::uint64_t roleOrFail(const std::string& name, const std::string& at) {
    std::uint64_t b = roleBit(kb, name);
    if (!b) read.fail(at, "unknown role '" + name + "'");
    return b;
  }

  Trigger compile(const json& j, const std::string& at, int maxRef) {
    Trigger c;
    if (!j.is_object()) {
      read.fail(at, "expected a condition object");
      return c;
    }
    for (const char* key : {"all", "any"}) {
      if (!j.contains(key)) continue;
      c.kind = key[1] == 'l' ? Trigger::Kind::All : Trigger::Kind::Any;
      const json& list = j[key];
      if (!list.is_array() || list.empty()) {
        read.fail(at + "/" + key, "expected a non-empty array of conditions");
        return c;
      }
      for (std::size_t i = 0; i < list.size(); ++i)
        c.children.push_back(compile(list[i], at + "/" + key + "/" + std::to_string(i), maxRef));
      return c;
    }
    if (j.contains("not")) {
      c.kind = Trigger::Kind::Not;
      c.children.push_back(compile(j["not"], at + "/not", maxRef));
      return c;
    }
    if (j.contains("condition")) {
      c.kind = Trigger::Kind::Ref;
      std::string name = j["condition"].is_string() ? j["condition"].get<std::string>() : "";
      c.ref = cat.conditionIndex(name);
      if (c.ref < 0 || c.ref >= maxRef) {
        read.fail(at, "/condition", "unknown (or not yet defined) condition '" + name + "'");
        c.kind = Trigger::Kind::All;  // an empty All is true; the KB error blocks use anyway
      }
      return c;
    }
    c.kind = Trigger::Kind::Leaf;
    std::string fact = read.str(j, "fact", at);
    std::string op = read.str(j, "operator", at);
    TriggerFactType factType = TriggerFactType::Bool;
    c.fact = triggerFact(fact, factType);
    if (c.fact < 0) {
      read.fail(at, "/fact", "unknown fact '" + fact + "'");
      c.kind = Trigger::Kind::All;
      return c;
    }
    static const std::array<std::pair<const char*, Trigger::Op>, 10> kOps = {{
        {"equal", Trigger::Op::Equal},
        {"notEqual", Trigger::Op::NotEqual},
        {"lessThan", Trigger::Op::Less},
        {"lessThanInclusive", Trigger::Op::LessEq},
        {"greaterThan", Trigger::Op::Greater},
        {"greaterThanInclusive", Trigger::Op::GreaterEq},
        {"in", Trigger::Op::In},
        {"notIn", Trigger::Op::NotIn},
        {"contains", Trigger::Op::Contains},
        {"doesNotContain", Trigger::Op::NotContains},
    }};
    bool knownOp = false;
    for (const auto& [name, value] : kOps)
      if (op == name) c.op = value, knownOp = true;
    const json& value = j.valueRef("value", json::sharedNull());
    using Op = Trigger::Op;
    bool ok = knownOp;
    switch (factType) {
      case TriggerFactType::Bool:
        ok = ok && (c.op == Op::Equal || c.op == Op::NotEqual) && value.is_boolean();
        if (ok) c.boolValue = value.get<bool>();
        break;
      case TriggerFactType::Num:
        ok = ok && c.op <= Op::GreaterEq && value.is_number();
        if (ok) c.numValue = value.get<double>();
        break;
      case TriggerFactType::Str:
        if (c.op == Op::In || c.op == Op::NotIn) {
          ok = ok && value.is_array();
          for (const auto& v : value) {
            if (!v.is_string())
              ok = false;
            else
              c.listValue.push_back(v.get<std::string>());
          }
        } else {
          ok = ok && (c.op == Op::Equal || c.op == Op::NotEqual) && value.is_string();
          if (ok) c.strValue = value.get<std::string>();
        }
        break;
      case TriggerFactType::List:
        ok = ok && (c.op == Op::Contains || c.op == Op::NotContains) && value.is_string();
        if (ok) c.strValue = value.get<std::string>();
        break;
    }
    if (!ok) {
      read.fail(at, "operator '" + op + "' with this value does not fit fact '" + fact + "'");
      c.kind = Trigger::Kind::All;
    }
    return c;
  }

  Duty duty(const json& j, const std::string& at) {
    Duty d;
    if (!j.is_object()) {
      read.fail(at, "expected an object");
      return d;
    }
    static const std::array<std::pair<const char*, std::uint64_t Duty::*>, 8> kMasks = {{
        {"holders", &Duty::holders},
        {"partialHolders", &Duty::partialHolders},
        {"needsAlso", &Duty::needsAlso},
        {"reportsToGap", &Duty::reportsToGap},
        {"reportsToPartial", &Duty::reportsToPartial},
        {"reportsToRequired", &Duty::reportsToRequired},
        {"alsoActsAsGap", &Duty::alsoActsAsGap},
        {"alsoActsAsPartial", &Duty::alsoActsAsPartial},
    }};
    for (const auto& [key, member] : kMasks)
      if (j.contains(key)) d.*member = roles(j, key, at);
    std::string external = j.value("external", std::string("allowed"));
    if (external == "allowed")
      d.external = Duty::External::Allowed;
    else if (external == "needs-overseer")
      d.external = Duty::External::NeedsOverseer;
    else if (external == "partial")
      d.external = Duty::External::Partial;
    else if (external == "gap")
      d.external = Duty::External::Gap;
    else
      read.fail(at, "/external", "expected allowed | needs-overseer | partial | gap");
    d.primaryDuty = j.value("primaryDuty", false);
    d.segregation = j.value("segregation", false);
    if (!d.segregation && !d.holders) read.fail(at, "/holders", "a duty needs holders");
    return d;
  }
};

}  // namespace

void loadObligations(const json& document, Kb& kb, std::vector<KbError>& errors) {
  KbReader read{"obligations.json", errors};
  if (!document.is_object()) return read.fail("", "expected an object with 'obligations'");
  const json& groups = document.valueRef("roleGroups", json::sharedEmptyObject());
  ObligationCatalog& cat = kb.obligations;
  Compiler compiler{kb, read, groups, cat};

  json groupHolder = json::object();
  for (const char* g :
       {"securityLead", "seniorInternal", "itLine", "decidesProcessing", "controlFunctions"})
    groupHolder[g] = Json::arrayOf(std::string("@") + g);
  cat.securityLead = compiler.roles(groupHolder, "securityLead", "/roleGroups");
  cat.seniorInternal = compiler.roles(groupHolder, "seniorInternal", "/roleGroups");
  cat.itLine = compiler.roles(groupHolder, "itLine", "/roleGroups");
  cat.decidesProcessing = compiler.roles(groupHolder, "decidesProcessing", "/roleGroups");
  cat.controlFunctions = compiler.roles(groupHolder, "controlFunctions", "/roleGroups");

  if (document.contains("conditions") && document["conditions"].is_object()) {
    for (const auto& [name, body] : document["conditions"].items()) {
      (void)body;
      cat.conditionNames.push_back(name);
    }
    int index = 0;
    for (const auto& [name, body] : document["conditions"].items())
      cat.conditions.push_back(compiler.compile(body, "/conditions/" + name, index++));
  }

  const json& list = document.valueRef("obligations", json::sharedNull());
  if (!list.is_array()) return read.fail("/obligations", "expected an array");
  const int allConditions = static_cast<int>(cat.conditions.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& o = list[i];
    const std::string at = "/obligations/" + std::to_string(i);
    ObligationRule rule;
    rule.id = read.str(o, "id", at);
    rule.regulation = read.str(o, "regulation", at);
    rule.binding = read.str(o, "binding", at);
    if (rule.binding != "law" && rule.binding != "contract" && rule.binding != "voluntary")
      read.fail(at, "/binding", "expected law | contract | voluntary");
    rule.requirement = read.str(o, "requires", at);
    rule.appliesWhen = read.str(o, "appliesWhen", at);
    rule.remedy = read.str(o, "remedy", at);
    rule.source = read.str(o, "source", at);
    for (const char* key : {"independence", "cadence"}) read.str(o, key, at);
    if (!o.contains("outsourcing") || !o["outsourcing"].is_object() ||
        !o["outsourcing"].contains("allowed") || !o["outsourcing"]["allowed"].is_boolean())
      read.fail(at, "/outsourcing", "expected {allowed: bool, conditions: text}");
    rule.roles = read.strs(o, "roles", at);
    for (const auto& r : rule.roles)
      if (!kb.isRole(r)) read.fail(at, "/roles", "unknown role '" + r + "'");
    rule.trigger =
        compiler.compile(o.valueRef("trigger", json::sharedNull()), at + "/trigger", allConditions);
    rule.duty = compiler.duty(o.valueRef("satisfiedBy", json::sharedNull()), at + "/satisfiedBy");
    for (const auto& other : cat.rules)
      if (other.id == rule.id) read.fail(at, "/id", "duplicate obligation id '" + rule.id + "'");
    cat.rules.push_back(std::move(rule));
  }
}

}  // namespace seclead
