// Reading rules.json: the facts, the model and reporting-line scores, the tie-breaks, the
// what-if breakpoints and the rules with their compiled conditions. Kept apart from the
// decision steps in decision.cpp, which the WebAssembly module compiles for speed
// (core/CMakeLists.txt): the loader runs once per process and is smaller built for size.
#include <algorithm>

#include "decision.h"
#include "kb.h"
#include "sort.h"

namespace seclead {

bool compileCondition(const json& node, const DecisionKnowledge& k, Condition& out,
                      std::string& error) {
  if (!node.is_object()) return error = "a condition must be an object", false;
  for (const char* key : {"all", "any"}) {
    if (!node.contains(key)) continue;
    if (node.size() != 1) return error = std::string("'") + key + "' must stand alone", false;
    const json& list = node[key];
    if (!list.is_array() || list.empty())
      return error = std::string("'") + key + "' needs a non-empty array", false;
    out.op = key[1] == 'l' ? Condition::All : Condition::Any;
    for (const auto& child : list) {
      Condition c;
      if (!compileCondition(child, k, c, error)) return false;
      out.children.push_back(std::move(c));
    }
    return true;
  }
  if (!node.contains("fact") || !node["fact"].is_string() || !node.contains("operator") ||
      !node["operator"].is_string() || !node.contains("value"))
    return error = "expected {fact, operator, value} or {all|any: [...]}", false;
  const std::string fact = node["fact"].get<std::string>();
  out.fact = k.factIndex(fact);
  if (out.fact < 0) return error = "unknown fact '" + fact + "'", false;
  static const std::vector<std::pair<std::string, Condition::Op>> ops = {
      {"equal", Condition::Equal},
      {"notEqual", Condition::NotEqual},
      {"lessThan", Condition::LessThan},
      {"lessThanInclusive", Condition::LessThanInclusive},
      {"greaterThan", Condition::GreaterThan},
      {"greaterThanInclusive", Condition::GreaterThanInclusive},
      {"in", Condition::In},
      {"notIn", Condition::NotIn},
      {"contains", Condition::Contains},
      {"doesNotContain", Condition::DoesNotContain}};
  const std::string op = node["operator"].get<std::string>();
  auto it = std::find_if(ops.begin(), ops.end(), [&](const auto& e) { return e.first == op; });
  if (it == ops.end()) return error = "unknown operator '" + op + "'", false;
  out.op = it->second;
  const json& value = node["value"];
  switch (out.op) {
    case Condition::In:
    case Condition::NotIn:
      if (!value.is_array() || value.empty()) return error = "'" + op + "' needs an array", false;
      for (const auto& item : value) {
        if (item.is_string()) {
          out.strs.push_back(item.get<std::string>());
          out.valueKind = FactValue::Str;
        } else if (item.is_number()) {
          out.nums.push_back(item.get<double>());
          out.valueKind = FactValue::Num;
        } else {
          return error = "'" + op + "' values must be strings or numbers", false;
        }
      }
      if (!out.strs.empty() && !out.nums.empty())
        return error = "'" + op + "' values must all be strings or all numbers", false;
      return true;
    case Condition::Contains:
    case Condition::DoesNotContain:
      if (!value.is_string()) return error = "'" + op + "' needs a string value", false;
      out.valueKind = FactValue::Str;
      out.str = value.get<std::string>();
      return true;
    case Condition::LessThan:
    case Condition::LessThanInclusive:
    case Condition::GreaterThan:
    case Condition::GreaterThanInclusive:
      if (!value.is_number()) return error = "'" + op + "' needs a number", false;
      out.valueKind = FactValue::Num;
      out.num = value.get<double>();
      return true;
    default:
      if (value.is_boolean()) {
        out.valueKind = FactValue::Bool;
        out.b = value.get<bool>();
      } else if (value.is_number()) {
        out.valueKind = FactValue::Num;
        out.num = value.get<double>();
      } else if (value.is_string()) {
        out.valueKind = FactValue::Str;
        out.str = value.get<std::string>();
      } else {
        return error = "'" + op + "' needs a boolean, number or string", false;
      }
      return true;
  }
}

namespace {

bool usesFact(const Condition& c, int fact) {
  if (c.op == Condition::All || c.op == Condition::Any)
    return std::any_of(c.children.begin(), c.children.end(),
                       [&](const Condition& x) { return usesFact(x, fact); });
  return c.fact == fact;
}

// Numeric constants of conditions on the searched facts become what-if breakpoints (the
// first value on the upper side of the comparison).
void collectBreaks(const Condition& c, DecisionKnowledge& k) {
  for (const auto& child : c.children) collectBreaks(child, k);
  if (c.valueKind != FactValue::Num || c.op < Condition::Equal) return;
  double upper = c.op == Condition::GreaterThan || c.op == Condition::LessThanInclusive ||
                         c.op == Condition::Equal || c.op == Condition::NotEqual
                     ? c.num + 1
                     : c.num;
  std::vector<double> values = {upper};
  if (c.op == Condition::Equal || c.op == Condition::NotEqual) values.push_back(c.num);
  for (double v : c.nums) values.push_back(v), values.push_back(v + 1);
  for (double v : values) {
    if (c.fact == kEmployees) k.employeeBreaks.push_back(v);
    if (c.fact == kIncidents) k.incidentBreaks.push_back(v);
    if (c.fact == kRevenueUsd) k.revenueUsdBreaks.push_back(v);
  }
}

std::string signedPoints(int points) {
  return (points >= 0 ? "+" : "") + std::to_string(points);
}

// Reads a {name: points} object against a list of names into (index, points) pairs.
std::vector<std::pair<int, int>> readPoints(const json& obj, const std::vector<std::string>& names,
                                            const std::string& at, KbReader& read) {
  std::vector<std::pair<int, int>> out;
  if (!obj.is_object()) {
    read.fail(at, "expected an object of name -> integer points");
    return out;
  }
  for (const auto& [name, points] : obj.items()) {
    int i = indexOf(names, name);
    if (i < 0 || !points.is_number_integer()) {
      read.fail(at + "/" + name, "unknown name or non-integer points");
      continue;
    }
    out.emplace_back(i, points.get<int>());
  }
  // Knowledge order is the contract order, so the effect text is stable.
  sortStable(out);
  return out;
}

std::vector<int> readOrder(const json& doc, const char* key, const std::vector<std::string>& names,
                           KbReader& read) {
  std::vector<int> order;
  if (!doc.contains(key) || !doc[key].is_array()) {
    read.fail(std::string("/") + key, "expected an array of names");
    return order;
  }
  for (const auto& item : doc[key]) {
    int i = item.is_string() ? indexOf(names, item.get<std::string>()) : -1;
    if (i < 0 || std::find(order.begin(), order.end(), i) != order.end()) {
      read.fail(std::string("/") + key, "unknown or repeated name in the order");
      continue;
    }
    order.push_back(i);
  }
  return order;
}

}  // namespace

void loadDecision(const json& doc, Kb& kb, std::vector<KbError>& errors) {
  KbReader read{"rules.json", errors};
  DecisionKnowledge& k = kb.decision;
  if (!doc.is_object()) return read.fail("", "expected an object");
  const auto& models = leadershipModels();
  const auto& lines = reportingLines();

  for (const auto* name : fixedFactNames()) k.factNames.emplace_back(name);
  if (doc.contains("obligationGroups") && doc["obligationGroups"].is_object()) {
    for (const auto& [name, ids] : doc["obligationGroups"].items()) {
      ObligationGroup g{name, {}};
      if (k.factIndex(name) >= 0) read.fail("/obligationGroups/" + name, "shadows a fact name");
      if (!ids.is_array()) read.fail("/obligationGroups/" + name, "expected an array of ids");
      for (const auto& id : ids)
        if (id.is_string()) g.ids.push_back(id.get<std::string>());
      k.groups.push_back(std::move(g));
      k.factNames.push_back(name);
    }
  }

  k.baseScore.assign(models.size(), 0);
  for (const auto& [i, points] :
       readPoints(doc.valueRef("base", json::sharedEmptyObject()), models, "/base", read))
    k.baseScore[static_cast<std::size_t>(i)] = points;
  k.baseReportsTo.assign(lines.size(), 0);
  for (const auto& [i, points] : readPoints(
           doc.valueRef("reportsToBase", json::sharedEmptyObject()), lines, "/reportsToBase", read))
    k.baseReportsTo[static_cast<std::size_t>(i)] = points;
  k.tieBreak = readOrder(doc, "tieBreak", models, read);
  if (k.tieBreak.size() != models.size()) read.fail("/tieBreak", "must list all six models");
  k.reportsTieBreak = readOrder(doc, "reportsToTieBreak", lines, read);

  const json& whatIf = doc.valueRef("whatIf", json::sharedEmptyObject());
  auto readBreaks = [&](const char* key, std::vector<double>& out) {
    for (const auto& v : whatIf.valueRef(key, json::sharedEmptyArray()))
      if (v.is_number())
        out.push_back(v.get<double>());
      else
        read.fail(std::string("/whatIf/") + key, "expected numbers");
  };
  readBreaks("employees", k.employeeBreaks);
  for (double band : {10.0, 50.0, 250.0, 1000.0}) k.employeeBreaks.push_back(band);  // sizeRank
  readBreaks("revenueUsd", k.revenueUsdBreaks);
  readBreaks("revenueEur", k.revenueEurBreaks);

  if (!doc.contains("rules") || !doc["rules"].is_array())
    return read.fail("/rules", "expected an array of rules");
  const json& rules = doc["rules"];
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const json& r = rules[i];
    std::string at = "/rules/" + std::to_string(i);
    DecisionRule rule;
    rule.id = read.str(r, "id", at);
    rule.because = read.str(r, "because", at);
    rule.source = read.str(r, "source", at);
    for (const auto& other : k.rules)
      if (other.id == rule.id) read.fail(at, "/id", "duplicate rule id '" + rule.id + "'");
    std::string error;
    if (!r.is_object() || !r.contains("when") || !compileCondition(r["when"], k, rule.when, error))
      read.fail(at, "/when", error.empty() ? "expected a condition" : error);
    const json& effect = r.valueRef("effect", json::sharedNull());
    if (!effect.is_object() || effect.empty()) {
      read.fail(at, "/effect", "expected an effect: score, reportsTo and/or dpo");
      continue;
    }
    std::string text;
    if (effect.contains("score")) {
      rule.score = readPoints(effect["score"], models, at + "/effect/score", read);
      if (usesFact(rule.when, kModel) || usesFact(rule.when, kCisoReportsTo) ||
          usesFact(rule.when, kDpoVerdict))
        read.fail(at, "/when", "a scoring rule cannot read the decision it makes");
      for (const auto& [m, points] : rule.score)
        text += (text.empty() ? "" : ", ") + models[static_cast<std::size_t>(m)] + " " +
                signedPoints(points);
    }
    if (effect.contains("reportsTo")) {
      rule.reportsTo = readPoints(effect["reportsTo"], lines, at + "/effect/reportsTo", read);
      for (const auto& [l, points] : rule.reportsTo)
        text += (text.empty() ? "" : ", ") + std::string("reports to ") +
                lines[static_cast<std::size_t>(l)] + " " + signedPoints(points);
    }
    if (effect.contains("dpo")) {
      rule.dpo =
          effect["dpo"].is_string() ? indexOf(dpoVerdicts(), effect["dpo"].get<std::string>()) : -1;
      if (rule.dpo < 0)
        read.fail(at, "/effect/dpo", "expected required|recommended|not-required");
      else
        text += (text.empty() ? "" : ", ") + std::string("DPO ") + dpoVerdicts()[rule.dpo];
    }
    rule.effect = text;
    collectBreaks(rule.when, k);
    k.rules.push_back(std::move(rule));
  }
  for (auto* list :
       {&k.employeeBreaks, &k.incidentBreaks, &k.revenueUsdBreaks, &k.revenueEurBreaks}) {
    sortStable(*list);
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
}

}  // namespace seclead
