// Renderings (issue 3: markdown, csv; issue 7: html policy, OSCAL). A hand-made report with
// every section (and hostile text) checks each renderer independently of the engine's
// content; the examples check them on real reports.
#include "render.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include "json.h"
#include "json_support.h"
#include "seclead/engine.h"
#include "test_support.h"

namespace seclead {
namespace {

using test::readFile;

namespace fs = std::filesystem;

const char* kHostile = "<script>alert(1)</script> & \"Co\" | *Ltd*";

ordered_json sampleReport() {
  ordered_json r = ordered_json::parse(R"RPT({
    "schema": "seclead.report/1",
    "engine": {"version": "1.0.0", "knowledgeBase": {"version": "2026.11", "sha256": "abcdef0123456789abcdef"}},
    "organization": {"name": "", "employees": 320, "sector": "healthcare", "jurisdictions": ["US", "US-NY"], "sizeBand": "large"},
    "leadership": {
      "model": "dedicated-ciso", "cisoReportsTo": "ceo", "dpo": "recommended",
      "score": {"distributed": 0, "vciso": 40, "hybrid": 10, "dedicated-ciso": 100, "cso-with-ciso": 55, "cso-combined": 60},
      "rationale": [{"rule": "size.large", "effect": "dedicated-ciso +25", "because": "250 people or more.", "source": "seeds/000_3a03c64503a57f1b.txt"}],
      "sensitivity": [{"field": "/organization/employees", "from": 320, "to": 40, "model": "vciso"}],
      "reportingReason": "Independence from IT.",
      "dpoReason": "Large-scale health data.",
      "charter": {"title": "CISO charter", "mandate": ["Own the programme", "Report to the board"]}
    },
    "obligations": [
      {"id": "hipaa-security-official", "status": "met", "requires": "One security official.", "roles": ["ciso"], "source": "45 CFR 164.308(a)(2)", "reason": "A CISO exists."},
      {"id": "nydfs-500.4", "status": "gap", "requires": "A qualified CISO.", "roles": ["ciso", "board"], "source": "23 NYCRR 500.4", "reason": "No CISO today."}
    ],
    "raci": {"roles": ["board", "ceo", "cio", "ciso"], "rows": [
      {"responsibility": "security-strategy", "R": ["ciso"], "A": "ciso", "C": ["cio"], "I": ["board", "ceo"]},
      {"responsibility": "security-governance", "R": ["ciso"], "A": "ceo", "C": ["cio"], "I": ["board"]},
      {"responsibility": "incident-response", "R": ["ciso", "cio"], "A": "ciso", "C": [], "I": ["ceo"]}
    ]},
    "currentRaci": {"roles": ["ceo", "it-manager"], "rows": [
      {"responsibility": "security-strategy", "R": ["it-manager"], "A": "ceo", "C": [], "I": []}
    ]},
    "findings": [
      {"id": "f-low", "kind": "collaboration", "severity": "low", "message": "Low one.", "recommendation": "Meet monthly.", "roles": ["cio"], "source": "seeds/002_1efc4f5a61619574.txt"},
      {"id": "f-crit", "kind": "unowned", "severity": "critical", "message": "Nobody owns incident response.", "recommendation": "Name an owner.", "roles": ["it-manager"], "responsibility": "incident-response", "source": "iso27001-roles"}
    ],
    "vciso": {"recommended": false, "hoursPerMonth": 0, "monthlyCost": {"low": 0, "high": 0, "currency": "USD"}, "transitionTriggers": ["250 staff"], "fullTimeAnnualCost": 403000, "breakEvenHoursPerMonth": 84},
    "collaboration": [{"challenge": "budget-allocation", "practice": "Joint budget.", "because": "Shared goals.", "source": "seeds/002_1efc4f5a61619574.txt"}],
    "roadmap": [{"horizon": "30-days", "action": "Appoint a CISO.", "owner": "ceo", "because": "Gap.", "source": "nydfs-500.4"},
                {"horizon": "90-days", "action": "Adopt the RACI.", "owner": "ciso", "because": "Roles.", "source": "iso27001-roles"}],
    "unknowns": ["/risk/securityMaturity"]
  })RPT");
  r["organization"]["name"] = kHostile;
  return r;
}

std::vector<std::string> lines(const std::string& text, const std::string& eol) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(eol, start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + eol.size();
  }
  return out;
}

// --- csv ---------------------------------------------------------------------------------

TEST(RenderPieces, AppendTakesLiteralsPointersStringsViewsAndTemporaries) {
  // rendering::append keeps each std::string piece by address and each C string by pointer
  // (message.h) until it copies them: a temporary lives to the end of the call.
  std::string out = "[";
  const std::string owned = std::string(40, 'o');  // past the small-string buffer
  const char* pointer = owned.size() > 10 ? " | " : "";
  std::string_view view = std::string_view(kHostile).substr(0, 8);
  rendering::append(out, "lit", pointer, owned, view, rendering::markdownEscape("*a*"),
                    std::string("tmp"));
  EXPECT_EQ(out, "[lit | " + owned + "<script>\\*a\\*tmp");
}

TEST(RenderCsv, RaciAsSpreadsheetWithCurrentRowsMarked) {
  std::string csv = renderCsv(sampleReport());
  auto rows = lines(csv, "\r\n");
  ASSERT_EQ(rows.size(), 1u + 3u + 1u) << csv;
  // Recommended roles first, then roles only present today; a `structure` column last.
  EXPECT_EQ(rows[0], "responsibility,board,ceo,cio,ciso,it-manager,structure");
  EXPECT_EQ(rows[1], "security-strategy,I,I,C,R/A,,recommended");
  EXPECT_EQ(rows[2], "security-governance,I,A,C,R,,recommended");
  EXPECT_EQ(rows[3], "incident-response,,I,R,R/A,,recommended");
  EXPECT_EQ(rows[4], "security-strategy,,A,,,R,current");
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n") << "RFC 4180 records end with CRLF";
}

TEST(RenderCsv, WithoutCurrentRaciTheHeaderIsResponsibilityAndRoles) {
  ordered_json r = sampleReport();
  r.erase("currentRaci");
  auto rows = lines(renderCsv(r), "\r\n");
  EXPECT_EQ(rows[0], "responsibility,board,ceo,cio,ciso");
  EXPECT_EQ(rows[1], "security-strategy,I,I,C,R/A");
}

TEST(RenderCsv, QuotesPerRfc4180AndDefusesFormulas) {
  ordered_json r = sampleReport();
  r.erase("currentRaci");
  r["raci"]["roles"] = {"a,b", "q\"x", "=cmd"};
  r["raci"]["rows"] = ordered_json::array({{{"responsibility", "line\nbreak"},
                                            {"R", {"a,b"}},
                                            {"A", "q\"x"},
                                            {"C", ordered_json::array()},
                                            {"I", {"=cmd"}}}});
  auto rows = lines(renderCsv(r), "\r\n");
  EXPECT_EQ(rows[0], "responsibility,\"a,b\",\"q\"\"x\",'=cmd");
  EXPECT_EQ(rows[1], "\"line\nbreak\",R,A,I");
}

// --- summary (portfolio row) --------------------------------------------------------------

TEST(RenderSummary, OneRowOfCountsAndDecisionsUnderItsHeader) {
  std::string csv = renderSummary(sampleReport());
  auto rows = lines(csv, "\r\n");
  ASSERT_EQ(rows.size(), 2u) << csv;
  EXPECT_EQ(rows[0], kSummaryColumns);
  // The hostile name is one quoted field; 2 obligations (1 gap), 2 findings (1 critical),
  // no vCISO, 1 unknown input.
  EXPECT_EQ(rows[1],
            "\"<script>alert(1)</script> & \"\"Co\"\" | *Ltd*\",320,healthcare,US US-NY,large,"
            "dedicated-ciso,ceo,recommended,2,1,0,2,1,0,no,0,0,0,USD,1");
  EXPECT_EQ(std::count(rows[0].begin(), rows[0].end(), ','), 19) << "20 columns";
}

TEST(RenderSummary, FormulasAreDefusedAndAbsentFieldsLeaveEmptyCells) {
  ordered_json r = ordered_json::parse(
      R"J({"schema":"seclead.report/1","organization":{"name":"=HYPERLINK(1)"}})J");
  auto rows = lines(renderSummary(r), "\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], "'=HYPERLINK(1),,,,,,,,0,0,0,0,0,0,,,,,,0");
}

// --- markdown ----------------------------------------------------------------------------

TEST(RenderMarkdown, HasEverySectionAConsultantSigns) {
  std::string md = renderMarkdown(sampleReport());
  for (const char* heading :
       {"## Summary", "## Model scores", "## Rationale", "## What would change the recommendation",
        "## Regulatory role obligations", "## Findings on today's structure",
        "## RACI of the recommended structure", "## RACI of today's structure", "## vCISO sizing",
        "## CIO and CISO collaboration", "## Roadmap", "## Role charter of the security executive",
        "## Inputs the profile left out", "Reviewed and approved by"})
    EXPECT_NE(md.find(heading), std::string::npos) << heading;
  EXPECT_NE(md.find("**Dedicated full-time CISO**"), std::string::npos);
  EXPECT_NE(md.find("- [x] **`hipaa-security-official`** Met"), std::string::npos);
  EXPECT_NE(md.find("- [ ] **`nydfs-500.4`** Gap"), std::string::npos);
  EXPECT_NE(md.find("| Security strategy | I | I | C | R/A |"), std::string::npos) << md;
  EXPECT_NE(md.find("If `/organization/employees` were 40 instead of 320"), std::string::npos);
  EXPECT_NE(md.find("Full-time executive, yearly: 403,000 USD"), std::string::npos);
  // Findings by severity: critical before low.
  auto critical = md.find("### Critical (1)");
  auto low = md.find("### Low (1)");
  ASSERT_NE(critical, std::string::npos);
  ASSERT_NE(low, std::string::npos);
  EXPECT_LT(critical, low);
}

TEST(RenderMarkdown, EscapesUntrustedText) {
  std::string md = renderMarkdown(sampleReport());
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("\\<script\\>alert(1)\\</script\\> & \"Co\" \\| \\*Ltd\\*"), std::string::npos)
      << md.substr(0, 200);
}

// --- html --------------------------------------------------------------------------------

TEST(RenderHtml, IsARolesPolicyWithRaciAppendixAndPrintCss) {
  std::string html = renderHtml(sampleReport());
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  for (const char* part :
       {"<h1>Information security roles and responsibilities</h1>", "Annex A control 5.2",
        "@media print", "break-before: page", "Appendix A. RACI of the adopted structure",
        "Appendix B.", "5. Segregation of duties", "Content-Security-Policy", "default-src 'none'",
        "Nobody owns incident response."})
    EXPECT_NE(html.find(part), std::string::npos) << part;
  // Appendix A lists every RACI row.
  auto appendix = html.find("Appendix A.");
  std::size_t rows = 0;
  for (auto p = html.find("<tr><th scope=\"row\">", appendix);
       p != std::string::npos && p < html.find("Appendix B.");
       p = html.find("<tr><th scope=\"row\">", p + 1))
    ++rows;
  EXPECT_EQ(rows, 3u);
  // The accountable roles per responsibility are in section 4.
  EXPECT_NE(html.find("<strong>Accountable for:</strong> Security governance."), std::string::npos);
}

TEST(RenderHtml, EscapesEveryReportString) {
  ordered_json r = sampleReport();
  r["findings"][0]["message"] = "<img src=x onerror=alert(2)>";
  r["leadership"]["charter"] = {{"<b>k</b>", "<i>v</i>"}};
  r["raci"]["roles"].push_back("<svg/onload=alert(3)>");
  std::string html = renderHtml(r);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<b>k"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"),
            std::string::npos);
}

// --- oscal -------------------------------------------------------------------------------

TEST(RenderOscal, ComponentDefinitionWithRolesPartiesAndResponsibleParties) {
  ordered_json doc = ordered_json::parse(renderOscal(sampleReport()));
  const auto& cd = doc.at("component-definition");
  std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  EXPECT_TRUE(std::regex_match(cd.at("uuid").get<std::string>(), uuid));
  const auto& md = cd.at("metadata");
  EXPECT_EQ(md.at("last-modified"), "2026-11-01T00:00:00Z") << "fixed: the knowledge-base release";
  EXPECT_EQ(md.at("oscal-version"), "1.2.1");
  std::vector<std::string> roles;
  for (const auto& r : md.at("roles")) roles.push_back(r.at("id").get<std::string>());
  EXPECT_EQ(roles, (std::vector<std::string>{"board", "ceo", "cio", "ciso"}));
  ASSERT_EQ(md.at("parties").size(), 1u);
  EXPECT_EQ(md.at("parties")[0].at("name"), kHostile) << "plain JSON string, escaped by JSON";
  EXPECT_EQ(md.at("responsible-parties").size(), 4u);
  const auto& component = cd.at("components")[0];
  EXPECT_EQ(component.at("type"), "policy");
  const auto& reqs = component.at("control-implementations")[0].at("implemented-requirements");
  // security-strategy has no single SP 800-53 control; governance -> PM-2, incident response ->
  // IR-8.
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].at("control-id"), "pm-2");
  EXPECT_EQ(reqs[1].at("control-id"), "ir-8");
  EXPECT_EQ(reqs[0].at("responsible-roles")[0].at("role-id"), "ceo");
}

TEST(RenderOscal, VcisoModelHasAnExternalProviderParty) {
  ordered_json r = sampleReport();
  r["leadership"]["model"] = "vciso";
  r["raci"]["roles"].push_back("vciso");
  r["raci"]["rows"][2]["R"] = {"vciso"};
  ordered_json doc = ordered_json::parse(renderOscal(r));
  const auto& md = doc["component-definition"]["metadata"];
  ASSERT_EQ(md["parties"].size(), 2u);
  std::string provider = md["parties"][1]["uuid"].get<std::string>();
  bool found = false;
  for (const auto& rp : md["responsible-parties"])
    if (rp["role-id"] == "vciso") found = rp["party-uuids"][0] == provider;
  EXPECT_TRUE(found);
}

TEST(RenderOscal, UuidsAreDerivedFromContent) {
  ordered_json a = sampleReport();
  ordered_json b = sampleReport();
  b["leadership"]["dpo"] = "required";
  auto da = ordered_json::parse(renderOscal(a));
  auto da2 = ordered_json::parse(renderOscal(a));
  auto db = ordered_json::parse(renderOscal(b));
  EXPECT_EQ(da, da2);
  // The document changes with the report; the organization and its component keep theirs.
  EXPECT_NE(da["component-definition"]["uuid"], db["component-definition"]["uuid"]);
  EXPECT_EQ(da["component-definition"]["metadata"]["parties"][0]["uuid"],
            db["component-definition"]["metadata"]["parties"][0]["uuid"]);
  EXPECT_EQ(da["component-definition"]["components"][0]["uuid"],
            db["component-definition"]["components"][0]["uuid"]);
}

// --- robustness and real reports ----------------------------------------------------------

TEST(Render, MinimalAndOddlyTypedReportsRenderWithoutCrashing) {
  std::vector<std::string> reports = {
      R"({"schema":"seclead.report/1"})",
      R"({"schema":"seclead.report/1","organization":7,"leadership":{"score":[1],"rationale":"x","sensitivity":[1,null]},
          "raci":{"roles":"x","rows":[1,{"A":3}]},"findings":[1,"x",{"severity":9}],"obligations":{},"vciso":[],
          "roadmap":[{"horizon":3}],"collaboration":[null],"unknowns":[1],"currentRaci":{"rows":[{}]}})",
      // Extreme numbers (no integer overflow when formatting money or score bars).
      R"({"schema":"seclead.report/1","leadership":{"score":{"vciso":1e300,"hybrid":-1e300}},
          "vciso":{"recommended":true,"hoursPerMonth":1e308,"monthlyCost":{"low":-9.3e18,"high":1e300,"currency":"USD"},
          "fullTimeAnnualCost":-1e300}})",
  };
  for (const auto& text : reports)
    for (const char* format : {"json", "markdown", "csv", "html", "oscal", "summary"}) {
      Result r = render(text, format);
      EXPECT_TRUE(r.ok) << format << " " << r.errorJson();
      EXPECT_FALSE(r.output.empty()) << format;
    }
  EXPECT_FALSE(render(R"({"schema":"seclead.report/1"})", "pdf").ok);
}

// A report whose schema is missing, of another version or not a string is the caller's
// mistake: the contract's error, never an internal one ({"schema":1} was an internal
// "JSON type error").
TEST(Render, ReportWithoutItsSchemaStringIsRefusedPrecisely) {
  for (const char* text :
       {R"({"schema":1})", R"({"schema":["seclead.report/1"]})", R"({"schema":"seclead.report/2"})",
        R"({"schema":null})", R"({})", R"([{"schema":"seclead.report/1"}])", "7", "not json"})
    for (const char* format : {"json", "markdown", "summary"}) {
      Result r = render(text, format);
      ASSERT_FALSE(r.ok) << text;
      ASSERT_EQ(r.errors.size(), 1u) << text;
      EXPECT_EQ(r.errors[0].code, "syntax") << text;
      EXPECT_EQ(r.errors[0].path, "") << text;
      EXPECT_EQ(r.errors[0].message, "expected a seclead.report/1 JSON report") << text;
    }
}

// A host may hand render() an edited report: every value of a real one (with the explained
// obligations; of each array, the first item), replaced in turn by a value of each other JSON
// type, renders in every format that reads values or is refused as not a report, never an internal
// error (a renderer reading a value of the wrong type: a fault, json.h; markdown read a vCISO
// `recommended` of another type than boolean as one).
TEST(Render, EveryValueOfARealReportMayHaveAnyTypeWithoutAnInternalError) {
  Options options;
  options.explain = true;
  Result assessed =
      assess(readFile(fs::path(SECLEAD_SOURCE_DIR) / "examples" / "us-clinic.json"), options);
  ASSERT_TRUE(assessed.ok) << assessed.errorJson();
  const ordered_json report = ordered_json::parse(assessed.output);
  // A number, a string and an object: a wrong type for every value. (A sweep of every item of
  // every array with [1], null and true too, 40,536 renderings through the module, found no
  // other fault than the two this file now tests.)
  const std::vector<ordered_json> substitutes = {7, "x", ordered_json::parse(R"({"a":1})")};
  // Every value's path as keys and indexes from the root.
  std::vector<std::vector<std::string>> paths;
  std::vector<std::string> at;
  std::function<void(const ordered_json&)> walk = [&](const ordered_json& node) {
    if (!at.empty()) paths.push_back(at);
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        at.push_back(key);
        walk(value);
        at.pop_back();
      }
    } else if (node.is_array() && !node.empty()) {
      // The items of a report's arrays share one shape: the first stands for all (every
      // item would be 40,000 renderings, minutes in the debug build).
      at.push_back("0");
      walk(node[0]);
      at.pop_back();
    }
  };
  walk(report);
  ASSERT_GT(paths.size(), 100u);
  std::size_t renders = 0;
  for (const auto& path : paths)
    for (const auto& substitute : substitutes) {
      ordered_json edited = report;
      ordered_json* node = &edited;
      for (std::size_t i = 0; i + 1 < path.size(); ++i)
        node = node->is_array() ? &(*node)[std::stoul(path[i])] : &(*node)[path[i]];
      if (node->is_array())
        (*node)[std::stoul(path.back())] = substitute;
      else
        (*node)[path.back()] = substitute;
      const std::string text = edited.dump();
      // (json only re-writes the text: it reads no value.)
      for (const char* format : {"markdown", "csv", "html", "oscal", "summary"}) {
        Result r = render(text, format);
        ++renders;
        if (!r.ok) {
          std::string where;
          for (const auto& key : path) where += "/" + key;
          ASSERT_EQ(path.front(), "schema")
              << format << " " << where << " = " << substitute.dump() << ": "
              << r.errorJson();  // only a broken schema is refused
          EXPECT_EQ(r.errors.at(0).message, "expected a seclead.report/1 JSON report");
        }
      }
    }
  EXPECT_EQ(renders, paths.size() * substitutes.size() * 5);
}

TEST(Render, EveryExampleRendersDeterministicallyInEveryFormat) {
  const fs::path dir = fs::path(SECLEAD_SOURCE_DIR) / "examples";
  int rendered = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    Result report = assess(readFile(entry.path()));
    ASSERT_TRUE(report.ok) << entry.path() << report.errorJson();
    for (const char* format : {"markdown", "csv", "html", "oscal", "summary"}) {
      Result a = render(report.output, format);
      Result b = render(report.output, format);
      ASSERT_TRUE(a.ok) << entry.path() << " " << format;
      EXPECT_EQ(a.output, b.output) << entry.path() << " " << format;
      ++rendered;
    }
    // The csv has one record per RACI row (plus the header, plus today's rows).
    ordered_json parsed = ordered_json::parse(report.output);
    std::size_t expected =
        1 + parsed["raci"]["rows"].size() +
        (parsed.contains("currentRaci") ? parsed["currentRaci"]["rows"].size() : 0);
    EXPECT_EQ(lines(render(report.output, "csv").output, "\r\n").size(), expected) << entry.path();
  }
  EXPECT_GE(rendered, 25);
}

}  // namespace
}  // namespace seclead
