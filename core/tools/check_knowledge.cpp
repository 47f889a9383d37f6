// A build step (core/CMakeLists.txt): the knowledge base as embedded in this build must load
// cleanly, and the embedded questionnaire must fit it and the profile contract. Run once per
// build, natively or under Node for the WebAssembly builds, so the engine need not carry the
// questionnaire's checker (-6.8 KB gzip of the npm module) nor run it at run time.
// Exit status 0 when both are clean; otherwise every problem on stderr and exit status 1.
#include <cstdio>
#include <vector>

#include "kb.h"
#include "questionnaire.h"

int main() {
  using namespace seclead;
  std::vector<KbError> errors = kbLoadErrors();
  json questionnaire = readEmbeddedQuestionnaire(errors);
  if (!questionnaire.is_discarded()) checkQuestionnaire(questionnaire, embeddedKb(), errors);
  for (const auto& e : errors)
    std::fprintf(stderr, "knowledge base: %s%s: %s\n", e.file.c_str(), e.path.c_str(),
                 e.message.c_str());
  if (!errors.empty()) {
    std::fprintf(stderr, "knowledge base: %zu problem(s); fix core/knowledge/ and build again\n",
                 errors.size());
    return 1;
  }
  return 0;
}
