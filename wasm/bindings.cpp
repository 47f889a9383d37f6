// Embind registration of the seclead engine (issue 5): registration and data conversion only.
// JSON text in, text out; no C++ object is handed to JavaScript. The API, its defaults, its
// errors and its documentation live in wasm/src/api.js.
//
// Envelope. Every function returns one string whose first line is a status tag:
//
//   "ok\n"    + output       success; output is the engine's text, byte for byte (the report
//                             JSON, a rendering, {"valid":true}, the questionnaire, the version)
//   "error\n" + errorJson    failure; errorJson is the contract's error object
//                             {"errors":[{"path","code","message"[,"input"]}]}
//
// A tag line instead of a JSON wrapper keeps the report's bytes untouched (no escaping, no
// second parse) and makes "success or error list" a one-character test in JavaScript.
//
// Functions (names as seen from JavaScript):
//   assess(profileJson, optionsJson)  optionsJson: {"explain":bool,"overlays":["<json text>",...]}
//   validate(profileJson)
//   render(reportJson, format)        format: json|markdown|csv|html|oscal
//   questionnaire()
//   version()                         {"engine":"1.0.0","knowledgeBase":"2026.11"}
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "seclead/engine.h"

namespace {

constexpr const char* kOk = "ok\n";
constexpr const char* kError = "error\n";

std::string ok(const std::string& output) {
  std::string out;
  out.reserve(output.size() + 3);
  out += kOk;
  out += output;
  return out;
}

std::string envelope(const seclead::Result& result) {
  if (result.ok) return ok(result.output);
  return kError + result.errorJson();
}

std::string optionsError(const std::string& message) {
  seclead::Result r;
  r.errors.push_back({"", "type", "options: " + message, "options"});
  return envelope(r);
}

// Reads {"explain":bool,"overlays":[string,...]}; every key optional. api.js builds this
// text itself, so an error here means a caller bypassed it: it is reported, never thrown.
bool parseOptions(const std::string& text, seclead::Options& options, std::string& error) {
  if (text.empty()) return true;
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    error = "expected a JSON object {\"explain\":bool,\"overlays\":[string]}";
    return false;
  }
  for (auto it = parsed.begin(); it != parsed.end(); ++it) {
    if (it.key() == "explain") {
      if (!it.value().is_boolean()) {
        error = "\"explain\" must be true or false";
        return false;
      }
      options.explain = it.value().get<bool>();
    } else if (it.key() == "overlays") {
      if (!it.value().is_array()) {
        error = "\"overlays\" must be an array of JSON texts";
        return false;
      }
      for (const auto& overlay : it.value()) {
        if (!overlay.is_string()) {
          error = "each overlay must be a JSON text (a string)";
          return false;
        }
        options.overlays.push_back(overlay.get<std::string>());
      }
    } else {
      error = "unknown option \"" + it.key() + "\"";
      return false;
    }
  }
  return true;
}

std::string assess(const std::string& profileJson, const std::string& optionsJson) {
  seclead::Options options;
  std::string error;
  // parseOptions may meet an allocation failure; nothing may escape into JavaScript.
  try {
    if (!parseOptions(optionsJson, options, error)) return optionsError(error);
  } catch (...) {
    return optionsError("could not be read");
  }
  return envelope(seclead::assess(profileJson, options));  // noexcept
}

std::string validate(const std::string& profileJson) {
  return envelope(seclead::validate(profileJson));
}

std::string render(const std::string& reportJson, const std::string& format) {
  return envelope(seclead::render(reportJson, format));
}

std::string questionnaire() {
  return ok(seclead::questionnaire());
}

std::string version() {
  nlohmann::ordered_json v;
  v["engine"] = seclead::version();
  v["knowledgeBase"] = seclead::knowledgeBaseVersion();
  return ok(v.dump());
}

}  // namespace

EMSCRIPTEN_BINDINGS(seclead) {
  emscripten::function("assess", &assess);
  emscripten::function("validate", &validate);
  emscripten::function("render", &render);
  emscripten::function("questionnaire", &questionnaire);
  emscripten::function("version", &version);
}
