// seclead public API: JSON text in, JSON text out. Nothing here throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seclead {

// One problem found in an input. `path` is an RFC 6901 JSON Pointer into the input that
// was checked (the profile, or the overlay named in `input`).
struct Error {
  std::string path;
  std::string code;  // syntax|type|range|enum|required|unknown-field|reference|limit|schema-version
  std::string message;
  std::string input;  // empty for the profile; "overlay[N]" for the N-th overlay
};

struct Options {
  bool explain = false;               // also list not-applicable obligations with their reason
  std::vector<std::string> overlays;  // knowledge overlays (JSON text), merged in this order
  bool compact = false;  // the report JSON on one line (the same tokens, no indentation)
  // assess only: when set (and not "json"), the output is the report rendered in this format,
  // byte for byte what render(report, format) gives, without writing and re-reading the JSON
  // (the batch's summary table: a third of its time went to re-reading reports).
  std::string format;
};

// Either ok with `output`, or not ok with at least one error. Never both.
struct Result {
  bool ok = false;
  std::string output;
  std::vector<Error> errors;

  // {"errors":[{"path":..,"code":..,"message":..}]} in a fixed key order.
  std::string errorJson() const;
};

// Engine version (semver) and knowledge-base version.
std::string version() noexcept;
std::string knowledgeBaseVersion() noexcept;

// Checks a profile against the contract; output is "{\"valid\":true}" when it passes.
// With `options.overlays` the profile is checked against the knowledge base as assess would
// merge it (a responsibility an overlay adds is a valid assignment key) and the overlays are
// checked too; `options.explain` changes nothing here.
Result validate(std::string_view profileJson, const Options& options = {}) noexcept;

// Assesses a profile; output is the report JSON (contract section 3).
Result assess(std::string_view profileJson, const Options& options = {}) noexcept;

// Renders a report (JSON text as produced by assess) as json|markdown|csv|html|oscal|summary
// (summary: a header line and one spreadsheet row, for portfolios).
Result render(std::string_view reportJson, std::string_view format) noexcept;

// The ordered questions that fill a profile, as JSON text (the questionnaire of issue 5). Fails
// only as every call does when the knowledge base did not load, or on an internal error.
Result questionnaire() noexcept;

}  // namespace seclead
