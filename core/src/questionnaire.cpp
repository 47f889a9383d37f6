#include "questionnaire.h"

#include "kb.h"

namespace seclead {

void loadQuestionnaire(const json& document, Kb& kb, std::vector<KbError>& errors) {
  (void)errors;
  kb.questions.raw = document;  // TODO(issue 5): check every question's pointer and options
}

std::string questionnaireJson(const Kb& kb) { return kb.questions.raw.dump(); }

}  // namespace seclead
