// The embedded knowledge base loads without a single problem and holds the contract's ids.
#include <gtest/gtest.h>

#include <set>

#include "json_support.h"
#include "kb.h"
#include "sha256.h"

namespace seclead {
namespace {

TEST(KnowledgeBase, LoadsWithoutErrors) {
  std::string all;
  for (const auto& e : kbLoadErrors()) all += e.file + e.path + ": " + e.message + "\n";
  EXPECT_TRUE(kbLoadErrors().empty()) << all;
}

TEST(KnowledgeBase, HoldsTheContractRoleIds) {
  const std::set<std::string> expected = {
      "board", "ceo", "cfo", "coo", "cio", "cto", "ciso", "cso", "vciso", "dpo", "cro",
      "general-counsel", "compliance-officer", "internal-audit", "it-manager", "security-manager",
      "facilities-manager", "hr-director", "privacy-officer"};
  std::set<std::string> actual;
  for (const auto& r : embeddedKb().roles) {
    actual.insert(r.id);
    EXPECT_FALSE(r.source.empty()) << r.id;
    EXPECT_FALSE(r.description.empty()) << r.id;
  }
  EXPECT_EQ(actual, expected);
}

TEST(KnowledgeBase, HoldsTheContractResponsibilityIds) {
  const std::set<std::string> expected = {
      "security-strategy", "security-governance", "security-policy", "security-budget",
      "board-reporting", "executive-collaboration", "regulatory-watch", "regulatory-compliance",
      "privacy-compliance", "security-audit", "cyber-risk-management", "physical-risk-management",
      "third-party-security", "vendor-relationships", "fraud-prevention", "insider-risk",
      "ip-protection", "incident-response", "crisis-management", "threat-monitoring",
      "vulnerability-management", "security-awareness-training", "security-team-management",
      "data-security", "identity-and-access", "physical-security", "law-enforcement-liaison",
      "business-continuity", "disaster-recovery", "it-strategy", "digital-transformation",
      "infrastructure-management", "it-cost-management", "it-operations", "data-analytics",
      "application-management", "secure-architecture"};
  std::set<std::string> actual;
  for (const auto& r : embeddedKb().responsibilities) {
    actual.insert(r.id);
    EXPECT_FALSE(r.source.empty()) << r.id;
  }
  EXPECT_EQ(actual.size(), 37u);
  EXPECT_EQ(actual, expected);
}

TEST(KnowledgeBase, HashComputedAtBuildTimeIsOfTheEmbeddedBytes) {
  const Kb& kb = embeddedKb();
  EXPECT_EQ(kb.sha256.size(), 64u);
  EXPECT_EQ(kb.sha256, embeddedFilesSha256(embeddedKnowledgeFiles()));
  EXPECT_EQ(embeddedFilesSha256({{"a.json", "{}"}}), sha256Hex("a.json\n{}\n"));
}

TEST(KnowledgeBase, BrokenDocumentsAreReportedPrecisely) {
  std::map<std::string, json> docs = embeddedKb().documents;
  docs["roles.json"][0].erase("name");
  docs["stray.json"] = json::object();
  std::vector<KbError> errors;
  buildKb(docs, errors);
  ASSERT_GE(errors.size(), 2u);
  bool sawRole = false, sawStray = false;
  for (const auto& e : errors) {
    sawRole = sawRole || (e.file == "roles.json" && e.path == "/0/name");
    sawStray = sawStray || e.file == "stray.json";
  }
  EXPECT_TRUE(sawRole);
  EXPECT_TRUE(sawStray);
}

TEST(Sha256, MatchesKnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

}  // namespace
}  // namespace seclead
