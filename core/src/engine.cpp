// The public API: parse, derive facts, evaluate every step, assemble the report in the
// contract's key order. Nothing is thrown out of this file, and a JSON fault recorded on the
// way (json.h) fails the call instead of returning partial output.
#include "seclead/engine.h"

#include "advice.h"
#include "context.h"
#include "decision.h"
#include "findings.h"
#include "nothrow.h"
#include "obligations.h"
#include "overlay.h"
#include "questionnaire.h"
#include "raci.h"
#include "render.h"
#include "vciso.h"

namespace seclead {

namespace {

constexpr const char* kEngineVersion = "1.0.0";

Result failure(std::vector<Error> errors) {
  Result r;
  r.errors = std::move(errors);
  return r;
}

Result success(std::string output) {
  Result r;
  r.ok = true;
  r.output = std::move(output);
  return r;
}

Result internalFailure(const char* what) {
  return failure({{"", "syntax", std::string("internal error: ") + what, ""}});
}

// Runs one public call: its result, unless a JSON accessor recorded a fault on the way (an
// engine bug, or a renderer reading a value of the wrong type): then the output may be
// partial and the call fails with the fault as its internal error. The catch blocks are the
// native-only net of nothrow.h (compiled out in WebAssembly).
template <class Call>
Result guarded(Call call) noexcept {
  try {
    Json::clearFault();
    Result result = call();
    if (const char* fault = Json::fault()) return internalFailure(fault);
    return result;
  } catch (const std::exception& e) {
    return internalFailure(exceptionReached(e.what()));
  } catch (...) {
    return internalFailure(exceptionReached("unknown"));
  }
}

// A problem in the knowledge base as the contract's error.
Error knowledgeError(const KbError& e) {
  return {"", "syntax", "knowledge base " + e.file + e.path + ": " + e.message, "knowledge"};
}

// The knowledge base must load cleanly; if it does not, every call says so.
bool kbBroken(std::vector<Error>& errors) {
  if (kbLoadErrors().empty()) return false;
  for (const auto& e : kbLoadErrors()) errors.push_back(knowledgeError(e));
  return true;
}

template <class T>
ordered_json arrayOf(const std::vector<T>& items) {
  ordered_json out = ordered_json::array();
  for (const auto& item : items) out.push_back(toJson(item));
  return out;
}

ordered_json buildReport(const Kb& kb, const std::vector<AppliedOverlay>& overlays,
                         const Profile& profile, const Options& options) {
  Facts facts = deriveFacts(profile, kb);
  Context ctx{kb, profile, facts, options};

  auto obligations = evaluateObligations(ctx);
  Leadership leadership = decideLeadership(ctx, obligations);
  Raci raci = buildRecommendedRaci(ctx, leadership);
  std::optional<Raci> current = buildCurrentRaci(ctx);
  auto findings = findIssues(ctx, leadership, obligations, current);
  VcisoPlan vciso = sizeVciso(ctx, leadership, obligations);
  auto collaboration = adviseCollaboration(ctx, leadership);
  auto roadmap = planRoadmap(ctx, leadership, obligations, findings);
  ordered_json charter = roleCharter(ctx, leadership, raci);

  ordered_json report;
  report.set("schema", "seclead.report/1");
  ordered_json engine;
  engine.set("version", kEngineVersion);
  engine.set("knowledgeBase", Json::object({{"version", kb.version}, {"sha256", kb.sha256}}));
  if (!overlays.empty()) {
    ordered_json applied = ordered_json::array();
    for (const auto& o : overlays)
      applied.push_back(Json::object({{"name", o.name}, {"sha256", o.sha256}}));
    engine.set("overlays", std::move(applied));
  }
  report.set("engine", std::move(engine));

  ordered_json organization;
  if (profile.name) organization.set("name", *profile.name);
  organization.set("employees", profile.employees);
  organization.set("sector", profile.sector);
  organization.set("jurisdictions", profile.jurisdictions);
  organization.set("sizeBand", facts.sizeBand);
  report.set("organization", std::move(organization));

  ordered_json lead = toJson(leadership);
  if (!charter.is_null() && !charter.empty()) lead.set("charter", std::move(charter));
  report.set("leadership", std::move(lead));
  report.set("obligations", arrayOf(obligations));
  report.set("raci", toJson(raci));
  if (current) report.set("currentRaci", toJson(*current));
  report.set("findings", arrayOf(findings));
  report.set("vciso", toJson(vciso));
  report.set("collaboration", arrayOf(collaboration));
  report.set("roadmap", arrayOf(roadmap));
  report.set("unknowns", unknownFields(profile));
  return report;
}

// What validate and assess both check, in the same order so both list the same errors: the
// knowledge base loaded, the overlays merged into it, the profile against the result. On any
// error `profile` is empty and `errors` lists every problem found.
struct CheckedInput {
  OverlaidKb overlaid;
  std::optional<Profile> profile;
  std::vector<Error> errors;
};

CheckedInput checkInput(std::string_view profileJson, const Options& options) {
  CheckedInput in;
  if (kbBroken(in.errors)) return in;
  in.overlaid = applyOverlays(embeddedKb(), options.overlays, in.errors);
  parseProfileInto(profileJson, in.errors, in.overlaid.kb.get(), in.profile);
  if (!in.overlaid.kb || !in.errors.empty()) in.profile.reset();
  return in;
}

// A report (as assess builds it, or as read back from its JSON) in one of the formats.
Result renderParsed(const ordered_json& report, std::string_view format) {
  if (format == "json") return success(report.dump(2));
  if (format == "markdown") return success(renderMarkdown(report));
  if (format == "csv") return success(renderCsv(report));
  if (format == "html") return success(renderHtml(report));
  if (format == "oscal") return success(renderOscal(report));
  if (format == "summary") return success(renderSummary(report));
  return failure({{"", "enum",
                   "unknown format '" + std::string(format) +
                       "': expected json, markdown, csv, html, oscal or summary",
                   ""}});
}

Result renderReport(std::string_view reportJson, std::string_view format) {
  const ordered_json report = ordered_json::parse(reportJson);
  const Json& schema = report["schema"];  // null when absent or when report is no object
  if (!report.is_object() || !schema.is_string() || schema.string() != "seclead.report/1")
    return failure({{"", "syntax", "expected a seclead.report/1 JSON report", ""}});
  return renderParsed(report, format);
}

}  // namespace

std::string Result::errorJson() const {
  ordered_json list = ordered_json::array();
  for (const auto& e : errors) {
    ordered_json item;
    item.set("path", e.path);
    item.set("code", e.code);
    item.set("message", e.message);
    if (!e.input.empty()) item.set("input", e.input);
    list.push_back(std::move(item));
  }
  ordered_json out;
  out.set("errors", std::move(list));
  return out.dump();
}

std::string version() noexcept { return kEngineVersion; }

std::string knowledgeBaseVersion() noexcept {
  try {
    return embeddedKb().version;
  } catch (...) {
    exceptionReached("unknown");
    return {};
  }
}

Result validate(std::string_view profileJson, const Options& options) noexcept {
  return guarded([&] {
    CheckedInput in = checkInput(profileJson, options);
    if (!in.profile) return failure(std::move(in.errors));
    return success("{\"valid\":true}");
  });
}

Result assess(std::string_view profileJson, const Options& options) noexcept {
  return guarded([&] {
    CheckedInput in = checkInput(profileJson, options);
    if (!in.profile) return failure(std::move(in.errors));
    ordered_json report = buildReport(*in.overlaid.kb, in.overlaid.applied, *in.profile, options);
    if (!options.format.empty() && options.format != "json")
      return renderParsed(report, options.format);
    std::string text;
    text.reserve(64 * 1024);  // a typical report is 20-60 KB: grow once, not a dozen times
    report.dumpTo(text, options.compact ? -1 : 2);
    return success(std::move(text));
  });
}

Result render(std::string_view reportJson, std::string_view format) noexcept {
  return guarded([&] { return renderReport(reportJson, format); });
}

Result questionnaire() noexcept {
  return guarded([] {
    std::vector<Error> errors;
    if (kbBroken(errors)) return failure(std::move(errors));
    const EmbeddedQuestionnaire& questions = embeddedQuestionnaire();
    for (const auto& e : questions.errors) errors.push_back(knowledgeError(e));
    if (!errors.empty()) return failure(std::move(errors));
    return success(questions.text);
  });
}

}  // namespace seclead
