// Dumps, for each profile given, the facts seclead's decision rules see (the same
// buildFactSet() the engine uses, so json-rules-engine gets exactly the same inputs), the
// chosen model and the rule ids in the report's rationale. Used by rules-engine-bench.mjs to
// check that the exported json-rules-engine rules fire the same rules as seclead.
//
//   build/release/tests/bench/seclead_facts_dump PROFILE.json... > facts.json
//
// Output: [{"file", "facts": {name: value} (unknown facts left out), "model", "fired": [ids]}]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "context.h"
#include "decision.h"
#include "facts.h"
#include "json.h"
#include "kb.h"
#include "obligations.h"
#include "profile.h"
#include "seclead/engine.h"

namespace {

seclead::ordered_json factsJson(const seclead::DecisionKnowledge& k, const seclead::FactSet& set) {
  seclead::ordered_json out = seclead::ordered_json::object();
  for (std::size_t i = 0; i < set.values.size() && i < k.factNames.size(); ++i) {
    const seclead::FactValue& v = set.values[i];
    switch (v.kind) {
      case seclead::FactValue::Unknown:
        break;
      case seclead::FactValue::Num:
        out[k.factNames[i]] = v.num;
        break;
      case seclead::FactValue::Bool:
        out[k.factNames[i]] = v.b;
        break;
      case seclead::FactValue::Str:
        out[k.factNames[i]] = std::string(v.str);
        break;
      case seclead::FactValue::List:
        out[k.factNames[i]] = v.list ? *v.list : std::vector<std::string>{};
        break;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace seclead;
  if (!kbLoadErrors().empty()) {
    std::cerr << "facts_dump: the knowledge base does not load\n";
    return 1;
  }
  const Kb& kb = embeddedKb();
  ordered_json all = ordered_json::array();
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    // A scenario fixture holds the profile under "profile".
    json doc = json::parse(text, nullptr, false);
    if (doc.is_object() && doc.contains("profile") && doc.contains("expect"))
      text = doc["profile"].dump();
    std::vector<Error> errors;
    auto profile = parseProfile(text, errors);
    Result report = assess(text);
    if (!profile || !report.ok) continue;
    Options options;
    Facts facts = deriveFacts(*profile, kb);
    Context ctx{kb, *profile, facts, options};
    auto obligations = evaluateObligations(ctx);
    FactSet set;
    buildFactSet(kb.decision, *profile, facts, obligations, set);
    ordered_json entry;
    entry["file"] = argv[i];
    entry["facts"] = factsJson(kb.decision, set);
    ordered_json r = ordered_json::parse(report.output);
    entry["model"] = r["leadership"]["model"];
    entry["cisoReportsTo"] = r["leadership"]["cisoReportsTo"];
    entry["dpo"] = r["leadership"]["dpo"];
    ordered_json fired = ordered_json::array();
    for (const auto& e : r["leadership"]["rationale"]) fired.push_back(e["rule"]);
    entry["fired"] = std::move(fired);
    entry["profile"] = ordered_json::parse(text);
    all.push_back(std::move(entry));
  }
  std::cout << all.dump(1) << "\n";
  return 0;
}
