// Reading advice.json: the collaboration practices, the roadmap templates, the skills and the
// charter texts, with their conditions compiled against rules.json's facts. Kept apart from
// the assessment steps in advice.cpp, which the WebAssembly module compiles for speed
// (core/CMakeLists.txt): the loader runs once per process and is smaller built for size.
#include "advice.h"
#include "decision.h"
#include "kb.h"

namespace seclead {

namespace {

bool compileWhen(const json& entry, const DecisionKnowledge& k, Condition& out, bool& always,
                 const std::string& at, KbReader& read) {
  always = !entry.contains("when");
  if (always) return true;
  std::string error;
  if (!compileCondition(entry["when"], k, out, error)) {
    read.fail(at, "/when", error);
    return false;
  }
  return true;
}

TextTable readTextTable(const json& doc, const char* key, KbReader& read) {
  TextTable out;
  if (!doc.contains(key) || !doc[key].is_object()) {
    read.fail(std::string("/") + key, "expected an object of strings");
    return out;
  }
  for (const auto& [name, value] : doc[key].items()) {
    if (value.is_string())
      out.emplace_back(name, value.get<std::string>());
    else
      read.fail(std::string("/") + key + "/" + name, "expected a string");
  }
  return out;
}

}  // namespace

void loadAdvice(const json& doc, Kb& kb, std::vector<KbError>& errors) {
  KbReader read{"advice.json", errors};
  AdviceKnowledge& k = kb.advice;
  if (!doc.is_object()) return read.fail("", "expected an object");
  const DecisionKnowledge& dk = kb.decision;  // rules.json loads first: its facts and groups

  const json& collab = doc.valueRef("collaboration", json::sharedEmptyObject());
  bool always = true;
  compileWhen(collab, dk, k.collaborationWhen, always, "/collaboration", read);
  k.collaborationReason = read.str(collab, "whenReason", "/collaboration");
  const json& challenges = collab.valueRef("challenges", json::sharedEmptyArray());
  for (std::size_t i = 0; i < challenges.size(); ++i) {
    std::string at = "/collaboration/challenges/" + std::to_string(i);
    AdviceChallenge ch;
    ch.challenge = read.str(challenges[i], "challenge", at);
    const json& practices = challenges[i].valueRef("practices", json::sharedEmptyArray());
    for (std::size_t j = 0; j < practices.size(); ++j) {
      std::string pat = at + "/practices/" + std::to_string(j);
      AdvicePractice p;
      p.id = read.str(practices[j], "id", pat);
      compileWhen(practices[j], dk, p.when, p.always, pat, read);
      p.practice = read.str(practices[j], "practice", pat);
      p.because = read.str(practices[j], "because", pat);
      p.source = read.str(practices[j], "source", pat);
      ch.practices.push_back(std::move(p));
    }
    if (ch.practices.empty() || !ch.practices.back().always)
      read.fail(at, "the last practice must have no condition (the default)");
    k.challenges.push_back(std::move(ch));
  }

  const json& roadmap = doc.valueRef("roadmap", json::sharedEmptyArray());
  for (std::size_t i = 0; i < roadmap.size(); ++i) {
    std::string at = "/roadmap/" + std::to_string(i);
    RoadmapTemplate t;
    t.id = read.str(roadmap[i], "id", at);
    t.horizon = read.str(roadmap[i], "horizon", at);
    if (t.horizon != "30-days" && t.horizon != "90-days" && t.horizon != "12-months")
      read.fail(at, "/horizon", "expected 30-days, 90-days or 12-months");
    compileWhen(roadmap[i], dk, t.when, t.always, at, read);
    t.action = read.str(roadmap[i], "action", at);
    t.owner = read.str(roadmap[i], "owner", at);
    t.because = read.str(roadmap[i], "because", at);
    t.source = read.str(roadmap[i], "source", at);
    k.roadmap.push_back(std::move(t));
  }
  k.findingHorizon = readTextTable(doc, "findingHorizon", read);
  k.findingOwner = readTextTable(doc, "findingOwner", read);
  k.executives = readTextTable(doc, "executives", read);
  for (const auto& m : leadershipModels())
    if (!textOf(k.executives, m)) read.fail("/executives", "missing model '" + m + "'");

  if (doc.contains("skills") && doc["skills"].is_object()) {
    for (const auto& [role, list] : doc["skills"].items()) {
      if (!kb.isRole(role)) read.fail("/skills/" + role, "unknown role");
      for (std::size_t i = 0; list.is_array() && i < list.size(); ++i) {
        std::string at = "/skills/" + role + "/" + std::to_string(i);
        k.skills.push_back({role, read.str(list[i], "skill", at), read.str(list[i], "source", at)});
      }
    }
  } else {
    read.fail("/skills", "expected an object of role -> skills");
  }
  const json& authority = doc.valueRef("authority", json::sharedEmptyArray());
  for (std::size_t i = 0; i < authority.size(); ++i) {
    std::string at = "/authority/" + std::to_string(i);
    CharterText t;
    t.text = read.str(authority[i], "text", at);
    t.source = read.str(authority[i], "source", at);
    compileWhen(authority[i], dk, t.when, t.always, at, read);
    k.authority.push_back(std::move(t));
  }
}

}  // namespace seclead
