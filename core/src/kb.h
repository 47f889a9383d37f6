// The knowledge base: the JSON files of core/knowledge/, embedded at build time, checked and
// turned into typed sections once. Each engine module owns its section and its loader.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "advice.h"
#include "decision.h"
#include "json.h"
#include "obligations.h"
#include "raci.h"
#include "vciso.h"

namespace seclead {

struct RoleInfo {
  std::string id, name, description, source;
  bool custom = false;  // added by an overlay
};

struct ResponsibilityInfo {
  std::string id, name, domain, description, source;
  bool custom = false;
};

// A problem in the knowledge base (or an overlay): file, JSON Pointer, message.
struct KbError {
  std::string file;
  std::string path;
  std::string message;
};

struct Kb {
  std::string version;  // meta.json "version"
  std::string sha256;   // of the canonical bytes of every document
  // File name -> parsed document (after overlays): the files the loaders read, so not the
  // questionnaire, which is read on its own when asked for (questionnaire.h).
  std::map<std::string, json> documents;

  std::vector<RoleInfo> roles;                        // knowledge order
  std::vector<ResponsibilityInfo> responsibilities;   // knowledge order
  // meta.json's USD per unit of each currency, keyed by the code's three letters packed in an
  // integer and sorted (so in code order): the what-if search converts money thousands of
  // times per assessment, and a string-keyed lookup was ~5% of an assessment in WebAssembly
  // (its memcmp is a byte loop).
  std::vector<std::pair<std::uint32_t, double>> ratesByCode;

  ObligationCatalog obligations;      // obligations.cpp
  DecisionKnowledge decision;         // decision.cpp
  RaciKnowledge raci;                 // raci.cpp
  VcisoKnowledge vciso;               // vciso.cpp
  AdviceKnowledge advice;             // advice.cpp

  const RoleInfo* role(std::string_view id) const;
  const ResponsibilityInfo* responsibility(std::string_view id) const;
  bool isRole(std::string_view id) const { return role(id) != nullptr; }
  // Converts an amount to USD with the knowledge base's fixed rates; nullopt if unknown currency.
  std::optional<double> toUsd(double amount, std::string_view currency) const;
  std::optional<double> fromUsd(double usd, std::string_view currency) const;
  // USD per unit of `currency`, or null if the code is unknown (the one way to ask).
  const double* usdRate(std::string_view currency) const;
  // The known currency codes in code order, comma-separated (for messages).
  std::string currencyCodes() const;
};

// The embedded knowledge base, loaded once (thread-safe). kbLoadErrors() is empty when it
// loaded cleanly; a test and the CLI check it.
const Kb& embeddedKb();
const std::vector<KbError>& kbLoadErrors();

// Builds a knowledge base from documents (file name -> JSON). Appends problems to `errors`.
// The caller sets `sha256` (the embedded files' hash, or the overlaid one).
Kb buildKb(std::map<std::string, json> documents, std::vector<KbError>& errors);

// The embedded files as (name, bytes), sorted by name: JSON text in native builds, the
// binary of cmake/encode-knowledge.mjs in the WebAssembly builds.
const std::vector<std::pair<std::string, std::string>>& embeddedKnowledgeFiles();
// One of those files as its JSON tree (discarded when it does not read).
json parseKnowledgeFile(std::string_view bytes);

// Hex SHA-256 over each file's name, '\n', its bytes and '\n' in name order: the embedded
// knowledge base's identity (computed at build time; this recomputes it for the test).
std::string embeddedFilesSha256(const std::vector<std::pair<std::string, std::string>>& files);

// Reading helpers for loaders: append a KbError and return a default on a wrong shape.
struct KbReader {
  std::string file;
  std::vector<KbError>& errors;
  std::string str(const json& obj, const char* key, const std::string& at, bool required = true);
  double num(const json& obj, const char* key, const std::string& at, double fallback = 0);
  std::vector<std::string> strs(const json& obj, const char* key, const std::string& at);
  // Out of line: a clean load calls neither, and inline each call site built the error.
  [[gnu::cold]] void fail(const std::string& at, const std::string& message);
  [[gnu::cold]] void fail(const std::string& at, const char* message);
  // At `at` + `suffix`, the path joined here rather than at each call site.
  [[gnu::cold]] void fail(const std::string& at, const char* suffix, const std::string& message);
  [[gnu::cold]] void fail(const std::string& at, const char* suffix, const char* message);
};

}  // namespace seclead
