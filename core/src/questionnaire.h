// The questionnaire that fills a profile (core/knowledge/questionnaire.json).
#pragma once

#include <string>
#include <vector>

#include "json.h"

namespace seclead {

struct Kb;
struct KbError;

// The knowledge file the questionnaire comes from.
inline constexpr const char* kQuestionnaireFile = "questionnaire.json";

// Checks a questionnaire document against the knowledge base and the profile contract: every
// question sets a real profile field with a value of the right kind. Appends problems to
// `errors`.
void checkQuestionnaire(const json& document, const Kb& kb, std::vector<KbError>& errors);

// The embedded questionnaire, parsed and checked on first use instead of with the rest of the
// knowledge base: no assessment reads it, and it was a quarter of loading the knowledge base
// on every cold start (and on every new overlay set). `text` is what questionnaire() returns
// when `errors` is empty.
struct EmbeddedQuestionnaire {
  std::string text;
  std::vector<KbError> errors;
};
const EmbeddedQuestionnaire& embeddedQuestionnaire();

}  // namespace seclead
