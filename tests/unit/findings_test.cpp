// Findings on today's structure: kinds, stable ids, severity order, and the conditions under
// which each kind appears or stays silent.
#include "findings.h"

#include <gtest/gtest.h>

#include <set>

#include "context.h"
#include "decision.h"
#include "facts.h"
#include "kb.h"
#include "obligations.h"
#include "profile.h"
#include "raci.h"
#include "test_support.h"

namespace seclead {
namespace {

using test::org;
using test::role;

std::vector<Finding> findingsOf(const Profile& p, const std::string& model = "dedicated-ciso") {
  Facts f = deriveFacts(p, embeddedKb());
  Options o;
  Context ctx{embeddedKb(), p, f, o};
  auto obligations = evaluateObligations(ctx);
  Leadership l;
  l.model = model;
  l.dpo = "not-required";
  return findIssues(ctx, l, obligations, buildCurrentRaci(ctx));
}

const Finding* byId(const std::vector<Finding>& list, std::string_view id) {
  for (const auto& f : list)
    if (f.id == id) return &f;
  return nullptr;
}

int countKind(const std::vector<Finding>& list, std::string_view kind) {
  return static_cast<int>(
      std::count_if(list.begin(), list.end(), [&](const Finding& f) { return f.kind == kind; }));
}

TEST(Findings, AreWellFormedAndOrderedBySeverityThenId) {
  Profile p = org(3000, "banking", {"IN", "DE"});
  p.euFinancialEntity = true;
  p.specialCategoryData = "large-scale";
  p.frameworks = std::vector<std::string>{"iso27001"};
  p.currentRoles = std::vector<CurrentRole>{role("c", "ceo"), role("i", "cio", "c", {"dpo"}),
                                            role("s", "ciso", "i"),
                                            role("a", "internal-audit", "c", {"security-manager"})};
  auto list = findingsOf(p);
  ASSERT_GE(list.size(), 4u);
  const std::set<std::string> kinds = {
      "unowned",  "multiple-accountable", "conflict",      "independence",
      "overload", "obligation-gap",       "collaboration", "unknown-input"};
  const std::vector<std::string> order = {"critical", "high", "medium", "low"};
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Finding& f = list[i];
    EXPECT_TRUE(kinds.count(f.kind)) << f.id;
    EXPECT_TRUE(ids.insert(f.id).second) << "duplicate id " << f.id;
    EXPECT_EQ(f.id.rfind(f.kind + ".", 0), 0u) << f.id;
    EXPECT_FALSE(f.message.empty() || f.recommendation.empty() || f.source.empty()) << f.id;
    if (i) {
      auto a = std::find(order.begin(), order.end(), list[i - 1].severity) - order.begin();
      auto b = std::find(order.begin(), order.end(), f.severity) - order.begin();
      EXPECT_TRUE(a < b || (a == b && list[i - 1].id < f.id))
          << list[i - 1].id << " before " << f.id;
    }
  }
  ASSERT_TRUE(byId(list, "independence.ciso-under-it.s"));
  EXPECT_EQ(byId(list, "independence.ciso-under-it.s")->severity, "critical");  // RBI 24(c)
  EXPECT_EQ(byId(list, "independence.ciso-under-it.s")->obligation, "rbi-ciso");
  ASSERT_TRUE(byId(list, "conflict.dpo-decides-processing.i"));
  EXPECT_EQ(byId(list, "conflict.dpo-decides-processing.i")->obligation, "gdpr-dpo-independence");
  EXPECT_TRUE(byId(list, "conflict.design-and-audit.a"));  // security manager who is internal audit
  EXPECT_TRUE(byId(list, "obligation-gap.rbi-ciso"));
}

TEST(Findings, WithoutCurrentRolesOnlyObligationLevelFindings) {
  Profile p = org(400, "healthcare", {"US"});
  p.hipaa = "covered-entity";
  auto list = findingsOf(p);
  ASSERT_TRUE(byId(list, "unknown-input.currentRoles"));
  EXPECT_EQ(countKind(list, "unowned") + countKind(list, "conflict") + countKind(list, "overload"),
            0);
}

TEST(Findings, IndependenceNeedsARuleOrALoad) {
  // A CISO under the CIO in an unregulated firm is a common, lawful set-up: no finding.
  Profile p = org(400, "technology", {"US"});
  p.publiclyListed = std::vector<std::string>{};
  p.paymentCards = "none";
  p.currentRoles =
      std::vector<CurrentRole>{role("c", "ceo"), role("i", "cio", "c"), role("s", "ciso", "i")};
  EXPECT_EQ(countKind(findingsOf(p), "independence"), 0);
  // Under DORA the same line is a high finding (Art. 6(4)).
  Profile eu = p;
  eu.jurisdictions = {"DE"};
  eu.sector = "insurance";
  eu.euFinancialEntity = true;
  auto list = findingsOf(eu);
  ASSERT_TRUE(byId(list, "independence.ciso-under-it.s"));
  EXPECT_EQ(byId(list, "independence.ciso-under-it.s")->severity, "high");
}

TEST(Findings, OverloadOnlyForMidSizeOrRegulated) {
  Profile p = org(249, "technology", {"US"});
  p.publiclyListed = std::vector<std::string>{};
  p.paymentCards = "none";
  p.currentRoles = std::vector<CurrentRole>{role("c", "ceo"), role("i", "cio", "c", {"ciso"})};
  EXPECT_FALSE(byId(findingsOf(p), "overload.cio-and-ciso.i"));
  p.employees = 250;
  EXPECT_TRUE(byId(findingsOf(p), "overload.cio-and-ciso.i"));
  p.employees = 60;
  p.paymentCards = "merchant";  // PCI DSS applies: regulated
  EXPECT_TRUE(byId(findingsOf(p), "overload.cio-and-ciso.i"));
}

TEST(Findings, ObligationGapSeverityFollowsBindingAndNis2Class) {
  Profile p = org(300, "energy", {"DE"});
  p.currentRoles = std::vector<CurrentRole>{role("c", "ceo")};
  p.frameworks = std::vector<std::string>{"nist-csf"};
  auto list = findingsOf(p);
  ASSERT_TRUE(byId(list, "obligation-gap.nis2-management-body"));
  EXPECT_EQ(byId(list, "obligation-gap.nis2-management-body")->severity,
            "high");  // essential, partial
  ASSERT_TRUE(byId(list, "obligation-gap.nist-csf-gv-rr"));
  EXPECT_EQ(byId(list, "obligation-gap.nist-csf-gv-rr")->severity, "medium");  // voluntary gap
}

TEST(Findings, DesignAndAuditFromAssignments) {
  Profile p = org(200, "technology", {"US"});
  p.currentRoles = std::vector<CurrentRole>{role("c", "ceo"), role("s", "ciso", "c")};
  EXPECT_FALSE(byId(findingsOf(p), "conflict.design-and-audit.s"));
  p.currentAssignments = std::map<std::string, Assignment>{{"security-audit", {"s", {"s"}}},
                                                           {"secure-architecture", {"s", {"s"}}}};
  auto list = findingsOf(p);  // keep the findings alive: byId points into the list
  const Finding* f = byId(list, "conflict.design-and-audit.s");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->responsibility, "security-audit");
}

}  // namespace
}  // namespace seclead
