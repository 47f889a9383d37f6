// The questionnaire that fills a profile (core/knowledge/questionnaire.json).
#pragma once

#include "json.h"

namespace seclead {

struct Kb;
struct KbError;

struct QuestionnaireKnowledge {
  json raw;
};

void loadQuestionnaire(const json& document, Kb& kb, std::vector<KbError>& errors);

// The questionnaire as JSON text (what questionnaire() returns).
std::string questionnaireJson(const Kb& kb);

}  // namespace seclead
