// The RACI: exactly one A and at least one R per row for every model and size, every
// responsibility present, and the placements the seeds and rules call for.
#include "json_support.h"
#include "test_support.h"
#include "raci.h"

#include <gtest/gtest.h>

#include <set>

#include "context.h"
#include "decision.h"
#include "facts.h"
#include "kb.h"
#include "profile.h"

namespace seclead {
namespace {

using test::org;
using test::role;

Raci recommended(const Profile& p, const std::string& model,
                 const std::string& dpo = "not-required", const Kb& kb = embeddedKb()) {
  Facts f = deriveFacts(p, kb);
  Options o;
  Context ctx{kb, p, f, o};
  Leadership l;
  l.model = model;
  l.dpo = dpo;
  return buildRecommendedRaci(ctx, l);
}

std::optional<Raci> current(const Profile& p) {
  Facts f = deriveFacts(p, embeddedKb());
  Options o;
  Context ctx{embeddedKb(), p, f, o};
  return buildCurrentRaci(ctx);
}

const RaciRow& row(const Raci& raci, std::string_view id) {
  for (const auto& r : raci.rows)
    if (r.responsibility == id) return r;
  static RaciRow none;
  ADD_FAILURE() << "no row " << id;
  return none;
}

bool has(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::vector<Profile> variety() {
  std::vector<Profile> out;
  for (std::int64_t n : {3, 12, 49, 50, 249, 250, 1200, 20000}) out.push_back(org(n));
  Profile small = org(30);
  small.currentRoles = std::vector<CurrentRole>{role("c", "ceo"), role("it", "it-manager", "c")};
  out.push_back(small);
  Profile big = org(3000, "banking", {"DE"});
  big.currentRoles =
      std::vector<CurrentRole>{role("b", "board"), role("c", "ceo", "b"),
                               role("i", "cio", "c", {"dpo"}), role("s", "ciso", "i")};
  out.push_back(big);
  return out;
}

TEST(Raci, EveryRowHasExactlyOneAAndSomeRForEveryModelAndSize) {
  const Kb& kb = embeddedKb();
  for (const auto& model : leadershipModels()) {
    for (const auto& p : variety()) {
      for (const char* dpo : {"required", "not-required"}) {
        Raci raci = recommended(p, model, dpo);
        ASSERT_EQ(raci.rows.size(), kb.responsibilities.size()) << model;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < raci.rows.size(); ++i) {
          const RaciRow& r = raci.rows[i];
          const std::string at = model + "/" + std::to_string(p.employees) + "/" + r.responsibility;
          EXPECT_EQ(r.responsibility, kb.responsibilities[i].id) << at;  // knowledge order
          EXPECT_FALSE(r.A.empty()) << at;
          EXPECT_TRUE(kb.isRole(r.A)) << at;
          EXPECT_GE(r.R.size(), 1u) << at;
          // A role appears once per row (apart from A also doing the work), and every role
          // that appears is listed in raci.roles.
          std::vector<std::string> all = r.R;
          all.insert(all.end(), r.C.begin(), r.C.end());
          all.insert(all.end(), r.I.begin(), r.I.end());
          std::set<std::string> unique(all.begin(), all.end());
          EXPECT_EQ(unique.size(), all.size()) << at;
          EXPECT_FALSE(has(r.C, r.A) || has(r.I, r.A)) << at;
          all.push_back(r.A);
          for (const auto& x : all) {
            EXPECT_TRUE(has(raci.roles, x)) << at << " " << x;
            seen.insert(x);
          }
        }
        EXPECT_EQ(seen.size(), raci.roles.size()) << model;
      }
    }
  }
}

TEST(Raci, NoContractResponsibilityIsMissing) {
  const std::vector<std::string> contract = {"security-strategy",
                                             "security-governance",
                                             "security-policy",
                                             "security-budget",
                                             "board-reporting",
                                             "executive-collaboration",
                                             "regulatory-watch",
                                             "regulatory-compliance",
                                             "privacy-compliance",
                                             "security-audit",
                                             "cyber-risk-management",
                                             "physical-risk-management",
                                             "third-party-security",
                                             "vendor-relationships",
                                             "fraud-prevention",
                                             "insider-risk",
                                             "ip-protection",
                                             "incident-response",
                                             "crisis-management",
                                             "threat-monitoring",
                                             "vulnerability-management",
                                             "security-awareness-training",
                                             "security-team-management",
                                             "data-security",
                                             "identity-and-access",
                                             "physical-security",
                                             "law-enforcement-liaison",
                                             "business-continuity",
                                             "disaster-recovery",
                                             "it-strategy",
                                             "digital-transformation",
                                             "infrastructure-management",
                                             "it-cost-management",
                                             "it-operations",
                                             "data-analytics",
                                             "application-management",
                                             "secure-architecture"};
  for (const auto& model : leadershipModels()) {
    Raci raci = recommended(org(500), model);
    std::set<std::string> ids;
    for (const auto& r : raci.rows) ids.insert(r.responsibility);
    for (const auto& id : contract) EXPECT_TRUE(ids.count(id)) << model << " lacks " << id;
  }
}

TEST(Raci, VcisoIsResponsibleAndAnInternalExecutiveAccountable) {
  for (std::int64_t n : {8, 120}) {
    Raci raci = recommended(org(n), "vciso");
    for (const char* id : {"security-policy", "incident-response", "cyber-risk-management"}) {
      const RaciRow& r = row(raci, id);
      EXPECT_TRUE(has(r.R, "vciso")) << id;
      EXPECT_TRUE(r.A == "ceo" || r.A == "coo") << id << " A=" << r.A;
    }
  }
  EXPECT_EQ(row(recommended(org(8), "vciso"), "incident-response").A, "ceo");  // no COO at 8
  EXPECT_EQ(row(recommended(org(120), "vciso"), "incident-response").A, "coo");
}

TEST(Raci, CsoModelsOwnPhysicalSecurityCrisisAndLawEnforcement) {
  for (const char* model : {"cso-with-ciso", "cso-combined"})
    for (const char* id : {"physical-security", "crisis-management", "law-enforcement-liaison"})
      EXPECT_EQ(row(recommended(org(2000), model), id).A, "cso") << model << " " << id;
  EXPECT_EQ(row(recommended(org(2000), "cso-with-ciso"), "incident-response").A, "ciso");
  EXPECT_NE(row(recommended(org(2000), "dedicated-ciso"), "physical-security").A, "cso");
}

TEST(Raci, SmallOrganizationWithoutCioGivesItDutiesToTheItManager) {
  Profile p = org(30);
  p.currentRoles = std::vector<CurrentRole>{role("c", "ceo"), role("it", "it-manager", "c")};
  Raci raci = recommended(p, "vciso");
  for (const char* id : {"it-strategy", "infrastructure-management", "it-operations"})
    EXPECT_EQ(row(raci, id).A, "it-manager") << id;
  EXPECT_FALSE(has(raci.roles, "cio"));
  // Without currentRoles the size decides: under 50 staff no CIO is assumed.
  EXPECT_EQ(row(recommended(org(20), "dedicated-ciso"), "it-strategy").A, "it-manager");
  EXPECT_EQ(row(recommended(org(600), "dedicated-ciso"), "it-strategy").A, "cio");
}

TEST(Raci, ConsultedAndInformedWhereTheSeedsAndRulesSaySo) {
  Raci raci = recommended(org(800), "dedicated-ciso", "required");
  EXPECT_TRUE(has(row(raci, "secure-architecture").C, "cio"));
  EXPECT_TRUE(has(row(raci, "security-strategy").I, "board"));
  EXPECT_TRUE(has(row(raci, "data-security").C, "dpo"));
  EXPECT_EQ(row(raci, "privacy-compliance").A == "dpo", false);  // the DPO monitors, never owns
  EXPECT_EQ(row(raci, "security-audit").A, "internal-audit");
  Raci noDpo = recommended(org(800), "dedicated-ciso", "not-required");
  EXPECT_FALSE(has(noDpo.roles, "dpo"));
}

TEST(Raci, OverlayResponsibilitiesDefaultToTheSecurityExecutive) {
  std::map<std::string, json> docs = embeddedKb().documents;
  docs["responsibilities.json"].push_back({{"id", "ot-security"},
                                           {"domain", "operations"},
                                           {"name", "OT security"},
                                           {"description", "Secure plant control systems."},
                                           {"source", "test"},
                                           {"custom", true}});
  std::vector<KbError> errors;
  Kb kb = buildKb(docs, errors);
  ASSERT_TRUE(errors.empty()) << errors.front().path << ": " << errors.front().message;
  EXPECT_EQ(row(recommended(org(800), "dedicated-ciso", "not-required", kb), "ot-security").A,
            "ciso");
  EXPECT_EQ(row(recommended(org(800), "cso-combined", "not-required", kb), "ot-security").A, "cso");
}

TEST(CurrentRaci, AbsentWithoutCurrentRoles) {
  EXPECT_FALSE(current(org(100)).has_value());
}

TEST(CurrentRaci, AssignmentsWinAndMissingOwnersLeaveAEmpty) {
  Profile p = org(100);
  p.currentRoles = std::vector<CurrentRole>{role("f", "cfo"), role("h", "hr-director", "f")};
  p.currentAssignments =
      std::map<std::string, Assignment>{{"incident-response", {"h", {"h", "f"}}}};
  auto raci = current(p);
  ASSERT_TRUE(raci);
  const RaciRow& ir = row(*raci, "incident-response");
  EXPECT_EQ(ir.A, "hr-director");
  EXPECT_EQ(ir.R, (std::vector<std::string>{"hr-director", "cfo"}));
  EXPECT_EQ(row(*raci, "fraud-prevention").A, "cfo");  // default owner exists today
  const RaciRow& tm = row(*raci, "threat-monitoring");
  EXPECT_EQ(tm.A, "");  // no CIO, IT manager or security lead: honest empty owner
  EXPECT_TRUE(tm.R.empty());
}

TEST(CurrentRaci, SomeoneActingAsCisoIsShownByTheirOwnRole) {
  Profile p = org(80);
  p.currentRoles =
      std::vector<CurrentRole>{role("c", "ceo"), role("it", "it-manager", "c", {"ciso"})};
  auto raci = current(p);
  ASSERT_TRUE(raci);
  EXPECT_EQ(row(*raci, "incident-response").A, "it-manager");
  EXPECT_EQ(row(*raci, "incident-response").accountableId, "it");
}

}  // namespace
}  // namespace seclead
