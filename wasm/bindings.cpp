// Embind registration of the seclead engine (issue 5): registration and data conversion only.
// No C++ object is handed to JavaScript and no JSON library is used here. The API, its
// defaults, its errors and its documentation live in wasm/src/api.js.
//
// Envelope. Every function returns a Uint8Array view of one reply whose first line is a
// status tag:
//
//   "ok\n"    + output       success; output is the engine's text, byte for byte (the report
//                             JSON, a rendering, {"valid":true}, the questionnaire, the version)
//   "error\n" + errorJson    failure; errorJson is the contract's error object
//                             {"errors":[{"path","code","message"[,"input"]}]}
//
// A tag line instead of a JSON wrapper keeps the report's bytes untouched (no escaping, no
// second parse) and makes "success or error list" a one-byte test in JavaScript.
//
// The view (typed_memory_view) points into the module's memory at a buffer that lives until
// the next call; api.js decodes it at once with TextDecoder. Returning a std::string instead
// makes Embind build the JS string with a per-byte loop, ~11% of an assessment.
//
// Functions (names as seen from JavaScript):
//   assess(profileJson, explain, overlays, compact)
//                                            explain, compact: booleans (Options); overlays:
//                                            the overlays' UTF-8 texts packed as
//                                            "<byte length>:<text>" each (see readOverlays),
//                                            "" for none
//   validate(profileJson, overlays)           overlays packed as for assess
//   render(reportJson, format)               format: json|markdown|csv|html|oscal|summary
//   questionnaire()
//   version()                                {"engine":"1.0.0","knowledgeBase":"2026.11"}
// Text arguments are JS strings or UTF-8 bytes (Uint8Array), as Embind's std::string takes.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "seclead/engine.h"

namespace {

using emscripten::val;

// The last reply. Static so that the view handed to JavaScript stays valid after return;
// reused so that a steady stream of calls allocates nothing here (tests/wasm/memory.test.mjs).
std::string g_reply;

val view(const char* data, std::size_t size) {
  return val(emscripten::typed_memory_view(size, reinterpret_cast<const unsigned char*>(data)));
}

// Builds "<tag><body>" in g_reply and returns a view of it. No try/catch here or below: the
// module is built without exception handling (wasm/CMakeLists.txt), and the engine reports
// every failure as a Result. An allocation failure would end the call as a JavaScript
// exception, which api.js reports as code "internal".
val reply(const char* tag, const std::string& body) {
  g_reply.clear();
  g_reply += tag;
  g_reply += body;
  return view(g_reply.data(), g_reply.size());
}

val envelope(const seclead::Result& result) {
  if (result.ok) return reply("ok\n", result.output);
  return reply("error\n", result.errorJson());
}

val optionsError(const std::string& message) {
  seclead::Result r;
  r.errors.push_back({"", "type", "options: " + message, "options"});
  return envelope(r);
}

// Reads the overlays, packed by api.js as one byte string: each overlay's UTF-8 text as
// "<byte length>:<text>", one after the other (a netstring without its comma); empty for
// none. A packing error means a caller bypassed api.js: it is reported, never thrown.
bool readOverlays(std::string_view packed, std::vector<std::string>& out, std::string& error) {
  while (!packed.empty()) {
    std::size_t digits = 0;
    std::size_t length = 0;
    while (digits < packed.size() && digits < 9 && packed[digits] >= '0' && packed[digits] <= '9') {
      length = length * 10 + static_cast<std::size_t>(packed[digits] - '0');
      ++digits;
    }
    if (digits == 0 || digits == packed.size() || packed[digits] != ':' ||
        packed.size() - digits - 1 < length) {
      error = "overlays must be packed as <byte length>:<JSON text>, one after the other";
      return false;
    }
    out.emplace_back(packed.substr(digits + 1, length));
    packed.remove_prefix(digits + 1 + length);
  }
  return true;
}

// Unpacks `overlays` into `options`; false (with `failed` set to the error reply) when they
// cannot be read.
bool unpackOverlays(const std::string& overlays, seclead::Options& options, val& failed) {
  std::string error;
  if (readOverlays(overlays, options.overlays, error)) return true;
  failed = optionsError(error);
  return false;
}

val assess(const std::string& profileJson, bool explain, const std::string& overlays,
           bool compact) {
  seclead::Options options;
  options.explain = explain;
  options.compact = compact;
  val failed = val::undefined();
  if (!unpackOverlays(overlays, options, failed)) return failed;
  return envelope(seclead::assess(profileJson, options));  // noexcept
}

val validate(const std::string& profileJson, const std::string& overlays) {
  seclead::Options options;
  val failed = val::undefined();
  if (!unpackOverlays(overlays, options, failed)) return failed;
  return envelope(seclead::validate(profileJson, options));  // noexcept
}

val render(const std::string& reportJson, const std::string& format) {
  return envelope(seclead::render(reportJson, format));
}

val questionnaire() {
  return envelope(seclead::questionnaire());
}

// A JSON string literal. The versions are plain ASCII (semver, a date); the escaping only
// guarantees valid JSON whatever they become.
void appendJsonString(std::string& out, const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
}

// {"engine":"1.0.0","knowledgeBase":"2026.11"}, compact, keys in this order.
val version() {
  std::string out = "{\"engine\":";
  appendJsonString(out, seclead::version());
  out += ",\"knowledgeBase\":";
  appendJsonString(out, seclead::knowledgeBaseVersion());
  out += '}';
  return reply("ok\n", out);
}

}  // namespace

EMSCRIPTEN_BINDINGS(seclead) {
  emscripten::function("assess", &assess);
  emscripten::function("validate", &validate);
  emscripten::function("render", &render);
  emscripten::function("questionnaire", &questionnaire);
  emscripten::function("version", &version);
}
