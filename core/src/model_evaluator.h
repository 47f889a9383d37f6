// The what-if search's evaluator: the leadership model of profiles that differ from an
// assessed one only in the fields the search changes. Its model() runs about a hundred times
// per assessment, so it lives in decision.cpp, which the WebAssembly module compiles for
// speed; the search that calls it (leadership.cpp) runs once and is compiled for size.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "context.h"
#include "decision.h"
#include "facts.h"
#include "obligations.h"

namespace seclead {

// Sums the base and the points of every firing scoring rule into `raw` (per model) and
// returns the winning model's index; `fired`, if given, receives the scoring rules that fired.
int scoreModels(const DecisionKnowledge& knowledge, const FactSet& facts, std::vector<int>& raw,
                std::vector<const DecisionRule*>* fired);

// The evaluator reuses what the unchanged fields alone decide: today's people and the
// obligations' verdicts against them, the geography facts and the role facts. Per changed
// profile it re-derives the other facts, re-evaluates the obligations' triggers (no texts),
// and re-evaluates only the scoring rules that read a fact whose value differs from the
// assessed profile's; the others keep their result.
class ModelEvaluator {
 public:
  explicit ModelEvaluator(const Context& base);
  // The model index (leadershipModels() order) of `profile`, a changed copy of the base's.
  int model(const Profile& profile);

 private:
  void fill(const Profile& profile, const Facts& facts, const Context& ctx,
            std::vector<ObligationStanding>& standings, FactSet& set, const FactSet* base);
  int score(const FactSet& set);

  const Kb& kb_;
  const Options& options_;
  std::shared_ptr<TodayStructure> today_;
  Facts facts_;  // of the changed profile
  std::vector<std::pair<int, FactValue>> roleFacts_;
  std::vector<std::vector<std::size_t>> groupRules_;   // by group: catalog rule indexes
  std::size_t words_ = 0;                              // 64-bit words of a fact mask
  std::vector<std::vector<std::uint64_t>> ruleFacts_;  // by decision rule: facts it reads
  std::vector<ObligationStanding> baseStandings_, standings_;
  FactSet baseSet_, set_;
  std::vector<std::uint64_t> baseFired_;  // bit r: scoring rule r fires for the assessed one
  std::vector<std::uint64_t> changed_;    // facts whose value differs from the assessed one
  std::vector<int> raw_;
};

}  // namespace seclead
