// Embind registration of the seclead engine (issue 5): registration and data conversion only.
// No C++ object is handed to JavaScript and no JSON library is used here. The API, its
// defaults, its errors and its documentation live in wasm/src/api.js.
//
// Envelope. Every function returns a Uint8Array view of one reply whose first line is a
// status tag:
//
//   "ok\n"    + output       success; output is the engine's text, byte for byte (the report
//                             JSON, a rendering, {"valid":true}, the questionnaire, the version)
//   "ok7" + runs + "\n" + output
//                             the same output, with where its non-ASCII bytes are: `runs` is
//                             " <start>+<length>" (decimal byte offsets into output) for each
//                             maximal run of bytes >= 0x80, none for pure ASCII; sent when
//                             there are at most kMaxListedRuns runs (a report has a few "§").
//                             In Node, api.js decodes the ASCII stretches as Latin-1 and only
//                             the runs as UTF-8: 2 us instead of TextDecoder's 29 us for a
//                             33 KB report, ~8% of an assessment.
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
//   input(byteLength)                        a Uint8Array view of a byte buffer of that size,
//                                            into which the caller writes the next call's
//                                            text (a profile or report, UTF-8)
//   assess(explain, overlays, compact, format)
//                                            assesses the input; explain, compact: booleans
//                                            (Options); overlays: the overlays' UTF-8 texts
//                                            packed as "<byte length>:<text>" each (see
//                                            readOverlays), "" for none; format: "" for the
//                                            report JSON, else the report rendered in it
//   validate(overlays)                        validates the input; overlays packed as for assess
//   render(format)                           renders the input report; format:
//                                            json|markdown|csv|html|oscal|summary
//   questionnaire()
//   version()                                {"engine":"1.0.0","knowledgeBase":"2026.11"}
// The input is written by the caller rather than passed as an argument: Embind copies a
// std::string argument from JavaScript one byte at a time (the 25 KB maximal profile: ~45 us,
// 5% of its assessment), where TypedArray.prototype.set copies it in one go. Overlays (a
// string or UTF-8 bytes) and the format are ordinary arguments.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
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

constexpr std::size_t kMaxListedRuns = 64;

// Appends n in decimal.
void appendDecimal(std::string& out, std::size_t n) {
  char digits[20];
  std::size_t k = 0;
  do {
    digits[k++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0);
  while (k > 0) out += digits[--k];
}

// Replies "ok7 <start>+<length>...\n" + output when output has at most kMaxListedRuns runs
// of non-ASCII bytes, else "ok\n" + output. Eight bytes at a time while they are ASCII:
// ~4,000 steps for a typical report.
val success(const std::string& output) {
  const auto* p = reinterpret_cast<const unsigned char*>(output.data());
  const std::size_t n = output.size();
  std::size_t runs[2 * kMaxListedRuns];
  std::size_t count = 0;
  std::size_t i = 0;
  bool listed = true;
  while (i < n) {
    std::uint64_t word = 0;
    if (i + 8 <= n) {
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    if (count == kMaxListedRuns) {
      listed = false;
      break;
    }
    const std::size_t start = i;
    while (i < n && p[i] >= 0x80) ++i;
    runs[2 * count] = start;
    runs[2 * count + 1] = i - start;
    ++count;
  }
  g_reply.clear();
  if (listed) {
    g_reply += "ok7";
    for (std::size_t r = 0; r < count; ++r) {
      g_reply += ' ';
      appendDecimal(g_reply, runs[2 * r]);
      g_reply += '+';
      appendDecimal(g_reply, runs[2 * r + 1]);
    }
    g_reply += '\n';
  } else {
    g_reply += "ok\n";
  }
  g_reply += output;
  return view(g_reply.data(), g_reply.size());
}

val envelope(const seclead::Result& result) {
  if (result.ok) return success(result.output);
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

// The input of the next call (see input()), reused like g_reply.
std::string g_input;

val input(std::size_t byteLength) {
  g_input.resize(byteLength);
  return view(g_input.data(), g_input.size());
}

val assess(bool explain, const std::string& overlays, bool compact, const std::string& format) {
  seclead::Options options;
  options.explain = explain;
  options.compact = compact;
  options.format = format;  // "" or "json": the report JSON; else rendered (api.js checks it)
  val failed = val::undefined();
  if (!unpackOverlays(overlays, options, failed)) return failed;
  return envelope(seclead::assess(g_input, options));  // noexcept
}

val validate(const std::string& overlays) {
  seclead::Options options;
  val failed = val::undefined();
  if (!unpackOverlays(overlays, options, failed)) return failed;
  return envelope(seclead::validate(g_input, options));  // noexcept
}

val render(const std::string& format) {
  return envelope(seclead::render(g_input, format));
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
  return success(out);
}

}  // namespace

EMSCRIPTEN_BINDINGS(seclead) {
  emscripten::function("input", &input);
  emscripten::function("assess", &assess);
  emscripten::function("validate", &validate);
  emscripten::function("render", &render);
  emscripten::function("questionnaire", &questionnaire);
  emscripten::function("version", &version);
}
