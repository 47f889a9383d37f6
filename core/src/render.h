// Renderings of a report (parsed report JSON): markdown, csv, html, oscal.
//
// Renderers read only the report (contract section 3 plus the optional added fields
// `organization`, `leadership.charter`, `leadership.dpoReason`/`reportingReason`, `currentRaci`,
// `vciso.fullTimeAnnualCost`/`breakEvenHoursPerMonth`, obligations' `reason`, findings'
// `source`). Absent or oddly typed fields are skipped, never a crash. Every report string is
// treated as untrusted text (organization names come from the user): HTML-escaped in html,
// backslash-escaped in markdown, RFC 4180-quoted in csv, JSON-encoded in oscal.
//
// csv: the RACI as a spreadsheet, CRLF line endings (RFC 4180). Header
//   `responsibility,<role>...` (the recommended RACI's roles in report order); each cell holds
//   the role's letters for that row in R, A, C, I order joined with "/" (e.g. `R/A`), empty
//   when the role has none. When the report has `currentRaci` (today's structure), a last
//   column `structure` is added, the header's roles are the union (recommended roles first,
//   then roles only present today), and every row says `recommended` or `current`: first all
//   recommended rows, then all current rows, each in report order.
// summary: one organization as a spreadsheet row, for portfolios (a consultant's or MSP's
//   clients side by side; `assess --batch --format summary` writes one row per input line).
//   CRLF line endings. A header line, then one row: kSummaryColumns below, in that order.
//   Counts are of the report's lists (obligations listed, those with status gap / partial,
//   findings and those of severity critical / high, unknown inputs); jurisdictions are joined
//   with spaces; vCISO costs are the report's monthly low / high in its currency.
// oscal: an OSCAL 1.2.1 component definition (see plugins/oscal/README.md for why that model,
//   the UUID derivation and the fixed last-modified date).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "json.h"
#include "message.h"

namespace seclead {

std::string renderMarkdown(const ordered_json& report);
std::string renderCsv(const ordered_json& report);
std::string renderHtml(const ordered_json& report);
std::string renderOscal(const ordered_json& report);
std::string renderSummary(const ordered_json& report);

// The columns of the summary rendering, comma-separated (its header line without CRLF).
extern const char* const kSummaryColumns;
// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled); a
// value a spreadsheet would read as a formula (=, +, -, @ first) gets a leading apostrophe.
std::string csvField(const std::string& value);

// Helpers shared by the renderers (render_common.cpp).
namespace rendering {

// obj[key] as text: strings as is, numbers/bools printed, anything else (or absent) "".
std::string text(const ordered_json& obj, const char* key);
// obj[key] is the boolean true (false when absent or of another type).
bool isTrue(const ordered_json& obj, const char* key);
// obj[key] as an array of strings (non-strings skipped); empty when absent.
std::vector<std::string> strings(const ordered_json& obj, const char* key);
// obj[key] if it is an object/array of the asked kind, else an empty one.
const ordered_json& object(const ordered_json& obj, const char* key);
const ordered_json& array(const ordered_json& obj, const char* key);

// Display names: the knowledge base's names, falling back to the id (overlay roles).
std::string roleName(const std::string& id);
std::string responsibilityName(const std::string& id);
std::string modelName(const std::string& model);
std::string statusName(const std::string& status);
std::string horizonName(const std::string& horizon);
std::string challengeName(const std::string& challenge);
std::string dpoName(const std::string& dpo);
// "Not required" -> "not required" (for use inside a sentence).
std::string lowerFirst(std::string s);
std::string reportsToName(const std::string& reportsTo);

// Severity rank: critical 0, high 1, medium 2, low 3, anything else 4.
int severityRank(const std::string& severity);
const std::vector<std::string>& severities();

// A number as an integer with thousands separators ("12,500"); rounds non-integers.
std::string money(const ordered_json& value);
// Letters of `role` in a RACI row, R, A, C, I order joined with "/"; "" when none.
std::string raciCell(const ordered_json& row, const std::string& role);
// Scalar JSON value as plain text (strings unquoted).
std::string scalar(const ordered_json& value);

std::string htmlEscape(std::string_view s);
std::string markdownEscape(std::string_view s);

// Appends the pieces (texts, as message.h's MessagePiece takes them) to out, in order. The
// renderers build plain strings with this: a string stream pulled ~61 KB of stream and locale
// code into the WebAssembly module. Each call site only lists the pieces, a std::string by
// address and a literal by pointer; one out-of-line function appends them (an inlined append
// per piece: 0.6 KB gzip more; a std::string_view per piece, made at the call site: 1.1 KB).
void appendPieces(std::string& out, std::initializer_list<MessagePiece> pieces);
template <typename... Pieces>
void append(std::string& out, const Pieces&... pieces) {
  appendPieces(out, {MessagePiece(pieces)...});
}

// The role charter (leadership.charter) as the document renderers lay it out, read
// tolerantly; what they do not lay out themselves is in `extras`, to be shown generically.
struct Charter {
  struct Duty {
    std::string name, as;  // its "name", else its responsibility's name, else the value itself
  };
  struct Item {
    std::string text, source;
  };
  std::string title, role;  // as given
  std::string heading;      // the title, else the role's display name
  std::string employment;
  std::string reportsTo;  // display name; "" when not given
  std::vector<Duty> duties;
  std::vector<std::string> accountableFor, responsibleFor;
  std::vector<Item> skills, authority;
  ordered_json extras = ordered_json::object();
};
// Callers render a charter that is not an object generically instead (it has no fields).
Charter readCharter(const ordered_json& charter);

}  // namespace rendering
}  // namespace seclead
