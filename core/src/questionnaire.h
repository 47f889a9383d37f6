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
// `errors`. The build runs it on the embedded questionnaire (tools/check_knowledge.cpp) and
// fails when it finds a problem; the engine does not run it again.
void checkQuestionnaire(const json& document, const Kb& kb, std::vector<KbError>& errors);

// The embedded questionnaire as a document; when the file is missing or not JSON, that is
// in `errors` and the document is discarded. Shared by embeddedQuestionnaire() and the
// build's check.
json readEmbeddedQuestionnaire(std::vector<KbError>& errors);

// The embedded questionnaire, parsed on first use instead of with the rest of the knowledge
// base: no assessment reads it. `text` is what questionnaire() returns when `errors` is empty;
// `errors` can only say the file is missing or not JSON, which the build's check rules out.
struct EmbeddedQuestionnaire {
  std::string text;
  std::vector<KbError> errors;
};
const EmbeddedQuestionnaire& embeddedQuestionnaire();

}  // namespace seclead
