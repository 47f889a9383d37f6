// The questionnaire knowledge (core/knowledge/questionnaire.json) and its checks.
#include "questionnaire.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "json_support.h"
#include "kb.h"
#include "seclead/engine.h"
#include "test_support.h"

namespace seclead {
namespace {

// The embedded questionnaire document as written in core/knowledge/.
json embeddedDocument() {
  for (const auto& [name, text] : embeddedKnowledgeFiles())
    if (name == kQuestionnaireFile) return json::parse(text);
  ADD_FAILURE() << "no embedded " << kQuestionnaireFile;
  return nullptr;
}

// Checks a modified copy of the embedded questionnaire; returns its errors.
std::vector<KbError> loadWith(const std::function<void(json&)>& edit) {
  json doc = embeddedDocument();
  edit(doc);
  std::vector<KbError> errors;
  checkQuestionnaire(doc, embeddedKb(), errors);
  for (const auto& e : errors) EXPECT_EQ(e.file, kQuestionnaireFile);
  return errors;
}

bool hasError(const std::vector<KbError>& errors, const std::string& path) {
  for (const auto& e : errors)
    if (e.path == path) return true;
  return false;
}

std::string describe(const std::vector<KbError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.path + ": " + e.message + "\n";
  return out;
}

// The engine's questionnaire, parsed; fails the test if the call did not succeed.
json questionnaireDoc() {
  Result r = questionnaire();
  EXPECT_TRUE(r.ok) << r.errorJson();
  EXPECT_TRUE(r.errors.empty());
  return json::parse(r.output);
}

json questionAt(const json& doc, const std::string& id) {
  for (const auto& s : doc["sections"])
    for (const auto& q : s["questions"])
      if (q["id"] == id) return q;
  return nullptr;
}

TEST(Questionnaire, EmbeddedQuestionnaireLoadsCleanly) {
  EXPECT_TRUE(kbLoadErrors().empty()) << "the rest of the knowledge base";
  // What the build runs (tools/check_knowledge.cpp): the engine does not check it again.
  const auto errors = loadWith([](json&) {});
  EXPECT_TRUE(errors.empty()) << describe(errors);
  EXPECT_TRUE(embeddedQuestionnaire().errors.empty());
  EXPECT_EQ(embeddedQuestionnaire().text, embeddedDocument().dump());
  // Read and checked on its own: not one of the documents the loaders (and overlays) read.
  EXPECT_EQ(embeddedKb().documents.count(kQuestionnaireFile), 0u);
}

TEST(Questionnaire, SectionsFollowTheContractOrder) {
  json doc = questionnaireDoc();
  std::vector<std::string> ids;
  for (const auto& s : doc["sections"]) ids.push_back(s["id"].get<std::string>());
  EXPECT_EQ(ids, (std::vector<std::string>{"organization", "data", "regulatory", "risk", "strategy",
                                           "budget", "structure"}));
}

TEST(Questionnaire, CoversEveryProfileSectionAndRequiredField) {
  json doc = questionnaireDoc();
  std::set<std::string> pointers;
  for (const auto& s : doc["sections"])
    for (const auto& q : s["questions"]) pointers.insert(q["pointer"].get<std::string>());
  for (const char* p :
       {"/organization/employees", "/organization/sector", "/organization/jurisdictions",
        "/data/hipaa", "/regulatory/nydfsCovered", "/regulatory/euFinancialEntity",
        "/risk/securityMaturity", "/strategy/priority", "/budget/it", "/currentRoles"})
    EXPECT_TRUE(pointers.count(p)) << p;
  EXPECT_EQ(pointers.size(), 34u);  // every field of contract section 1 except currentAssignments
}

TEST(Questionnaire, EverySourceNamesASeedThatExistsOrAnObligation) {
  json doc = questionnaireDoc();
  json obligations = embeddedKb().documents.at("obligations.json");
  std::string obligationText = obligations.dump();
  for (const auto& s : doc["sections"])
    for (const auto& q : s["questions"]) {
      std::string source = q["source"].get<std::string>();
      ASSERT_FALSE(source.empty()) << q["id"];
      std::size_t pos = 0;
      while (pos < source.size()) {
        std::size_t end = source.find("; ", pos);
        std::string part =
            source.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos = end == std::string::npos ? source.size() : end + 2;
        if (part.rfind("seeds/", 0) == 0) {
          EXPECT_TRUE(
              std::filesystem::exists("/work/shared/" + part) ||
              std::filesystem::exists(std::string(SECLEAD_SOURCE_DIR) + "/../shared/" + part))
              << q["id"] << " cites missing " << part;
        } else if (part != "contract section 1") {
          // Obligation ids are the contract's section 6 ids.
          static const std::set<std::string> known(test::contractObligationIds().begin(),
                                                   test::contractObligationIds().end());
          EXPECT_TRUE(known.count(part)) << q["id"] << " cites unknown source " << part;
        }
      }
    }
}

// Skip logic, as the contract's examples demand: HIPAA only for US health-type sectors,
// NYDFS only with US-NY, DORA only for EU/EEA financial entities.
TEST(Questionnaire, SkipLogicMatchesTheRegulationTriggers) {
  json doc = questionnaireDoc();
  json hipaa = questionAt(doc, "data-hipaa");
  ASSERT_TRUE(hipaa.contains("visibleWhen"));
  std::string cond = hipaa["visibleWhen"].dump();
  EXPECT_NE(cond.find("\"countryIn\":[\"US\"]"), std::string::npos) << cond;
  EXPECT_NE(cond.find("healthcare"), std::string::npos) << cond;
  EXPECT_EQ(hipaa["whenHidden"], "none");
  json nydfs = questionAt(doc, "reg-nydfs");
  EXPECT_EQ(nydfs["visibleWhen"]["in"], json::array({"US-NY"}));
  EXPECT_EQ(nydfs["whenHidden"], false);
  std::string dora = questionAt(doc, "reg-dora")["visibleWhen"].dump();
  EXPECT_NE(dora.find("\"DE\""), std::string::npos);
  EXPECT_NE(dora.find("\"banking\""), std::string::npos);
  EXPECT_EQ(dora.find("\"US\""), std::string::npos);
}

TEST(Questionnaire, RequiredFieldsCannotBeUnknownAndOptionalOnesCan) {
  json doc = questionnaireDoc();
  EXPECT_FALSE(questionAt(doc, "org-employees").value("allowUnknown", false));
  EXPECT_FALSE(questionAt(doc, "org-sector").value("allowUnknown", false));
  EXPECT_TRUE(questionAt(doc, "org-revenue").value("allowUnknown", false));
  EXPECT_TRUE(questionAt(doc, "risk-maturity").value("allowUnknown", false));
}

TEST(Questionnaire, AllDefaultsMakeAValidProfile) {
  json doc = questionnaireDoc();
  json profile = {{"schema", "seclead.profile/1"}};
  for (const auto& s : doc["sections"])
    for (const auto& q : s["questions"]) {
      if (q.contains("visibleWhen")) continue;  // defaults here: US, so EU/NY questions hidden
      if (!q.contains("default")) continue;
      setAt(profile, q["pointer"].get<std::string>(), q["default"]);
    }
  Result result = validate(profile.dump());
  EXPECT_TRUE(result.ok) << result.errorJson();
}

TEST(Questionnaire, PointerToANonFieldIsRejected) {
  auto errors = loadWith(
      [](json& d) { d["sections"][0]["questions"][1]["pointer"] = "/organization/staff"; });
  EXPECT_TRUE(hasError(errors, "/sections/0/questions/1/pointer")) << describe(errors);
}

TEST(Questionnaire, IllegalEnumOptionIsRejected) {
  auto errors = loadWith([](json& d) {
    d["sections"][0]["questions"][2]["options"].push_back(
        {{"value", "fintech"}, {"label", "Fintech"}});
  });
  std::string at = "/sections/0/questions/2/options/24/value";
  EXPECT_TRUE(hasError(errors, at)) << describe(errors);
}

TEST(Questionnaire, RequiredFieldMarkedUnknownIsRejected) {
  auto errors = loadWith([](json& d) { d["sections"][0]["questions"][1]["allowUnknown"] = true; });
  EXPECT_TRUE(hasError(errors, "/sections/0/questions/1/allowUnknown")) << describe(errors);
}

TEST(Questionnaire, WrongTypeForFieldIsRejected) {
  auto errors = loadWith([](json& d) { d["sections"][0]["questions"][1]["type"] = "text"; });
  EXPECT_TRUE(hasError(errors, "/sections/0/questions/1/type")) << describe(errors);
}

TEST(Questionnaire, MissingRequiredQuestionIsRejected) {
  auto errors = loadWith([](json& d) { d["sections"][0]["questions"].erase(1); });
  EXPECT_TRUE(hasError(errors, "/sections")) << describe(errors);
}

TEST(Questionnaire, BadConditionsAndHiddenValuesAreRejected) {
  auto errors = loadWith([](json& d) {
    json& hipaa = d["sections"][1]["questions"][3];
    hipaa["visibleWhen"]["all"][1]["pointer"] = "/organization/industry";
    hipaa["whenHidden"] = "maybe";
  });
  EXPECT_TRUE(hasError(errors, "/sections/1/questions/3/visibleWhen/all/1/pointer"))
      << describe(errors);
  EXPECT_TRUE(hasError(errors, "/sections/1/questions/3/whenHidden")) << describe(errors);
}

TEST(Questionnaire, RoleOptionsMustBeContractRoles) {
  auto errors = loadWith([](json& d) {
    d["sections"][6]["questions"][0]["fields"][0]["options"].push_back(
        {{"value", "cdo"}, {"label", "CDO"}});
  });
  EXPECT_TRUE(hasError(errors, "/sections/6/questions/0/fields/0/options/19/value"))
      << describe(errors);
}

TEST(Questionnaire, UnknownCurrencyIsRejected) {
  auto errors = loadWith([](json& d) { d["currencies"].push_back("XYZ"); });
  EXPECT_TRUE(hasError(errors, "/currencies")) << describe(errors);
}

TEST(Questionnaire, MalformedCountryCodesAreRejected) {
  auto errors = loadWith([](json& d) {
    d["countries"].push_back({{"value", "usa"}, {"label", "lower case, three letters"}});
    d["sections"][0]["questions"][5]["visibleWhen"]["countryIn"].push_back("D-E");
    d["sections"][0]["questions"][3]["default"] = json::array({"US-NEWYORK"});
  });
  std::size_t last = embeddedDocument()["countries"].size();
  EXPECT_TRUE(hasError(errors, "/countries/" + std::to_string(last) + "/value"))
      << describe(errors);
  EXPECT_TRUE(hasError(errors, "/sections/0/questions/5/visibleWhen/countryIn"))
      << describe(errors);
  EXPECT_TRUE(hasError(errors, "/sections/0/questions/3/default")) << describe(errors);
}

TEST(Questionnaire, OpenEnumValuesMustBeIds) {
  auto errors = loadWith([](json& d) {
    d["sections"][2]["questions"][3]["options"].push_back(
        {{"value", "ISO 9001"}, {"label", "ISO 9001"}});
  });
  EXPECT_TRUE(hasError(errors, "/sections/2/questions/3/options/6/value")) << describe(errors);
}

}  // namespace
}  // namespace seclead
