#include "kb.h"

#include <algorithm>
#include <cmath>

#include "questionnaire.h"
#include "sha256.h"
#include "sort.h"

namespace seclead {

namespace embedded {
struct File {
  const char* name;
  const unsigned char* data;
  std::size_t size;
};
extern const File kFiles[];
extern const std::size_t kFileCount;
extern const char kSha256[];  // of the files as written (cmake/EmbedKnowledge.cmake)
// The files are the binary of cmake/encode-knowledge.mjs (the WebAssembly builds), not text.
extern const bool kBinary;
}  // namespace embedded

namespace {

using Loader = void (*)(const json&, Kb&, std::vector<KbError>&);

// A three-letter currency code as one integer: a marker byte, then its bytes in order; 0
// (no code) for any other length.
std::uint32_t packedCode(std::string_view code) {
  if (code.size() != 3) return 0;
  return std::uint32_t{1} << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(code[0])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(code[2]));
}

void loadMeta(const json& doc, Kb& kb, std::vector<KbError>& errors) {
  KbReader read{"meta.json", errors};
  kb.version = read.str(doc, "version", "");
  if (!doc.contains("usdPerUnit") || !doc["usdPerUnit"].is_object()) {
    read.fail("/usdPerUnit", "expected an object of currency code -> USD per unit");
    return;
  }
  for (const auto& [code, rate] : doc["usdPerUnit"].items()) {
    if (code.size() != 3 || !rate.is_number() || rate.get<double>() <= 0) {
      read.fail("/usdPerUnit/" + code, "expected a 3-letter code with a positive rate");
      continue;
    }
    kb.ratesByCode.emplace_back(packedCode(code), rate.get<double>());
  }
  sortStable(kb.ratesByCode);  // the reader refuses a repeated member name: codes are unique
}

void loadRoles(const json& doc, Kb& kb, std::vector<KbError>& errors) {
  KbReader read{"roles.json", errors};
  if (!doc.is_array()) return read.fail("", "expected an array of roles");
  for (std::size_t i = 0; i < doc.size(); ++i) {
    std::string at = "/" + std::to_string(i);
    RoleInfo role{read.str(doc[i], "id", at), read.str(doc[i], "name", at),
                  read.str(doc[i], "description", at), read.str(doc[i], "source", at),
                  doc[i].value("custom", false)};
    if (kb.role(role.id)) read.fail(at, "/id", "duplicate role id '" + role.id + "'");
    kb.roles.push_back(std::move(role));
  }
}

void loadResponsibilities(const json& doc, Kb& kb, std::vector<KbError>& errors) {
  KbReader read{"responsibilities.json", errors};
  if (!doc.is_array()) return read.fail("", "expected an array of responsibilities");
  for (std::size_t i = 0; i < doc.size(); ++i) {
    std::string at = "/" + std::to_string(i);
    ResponsibilityInfo item{read.str(doc[i], "id", at), read.str(doc[i], "name", at),
                            read.str(doc[i], "domain", at), read.str(doc[i], "description", at),
                            read.str(doc[i], "source", at), doc[i].value("custom", false)};
    if (kb.responsibility(item.id))
      read.fail(at, "/id", "duplicate responsibility id '" + item.id + "'");
    kb.responsibilities.push_back(std::move(item));
  }
}

// Every knowledge file and the module that loads it, in load order (roles before the
// modules that reference them). A file not listed here is an error: nothing is ignored. The
// questionnaire is not loaded here: it is read when asked for, and was checked by the build
// (questionnaire.h).
const std::vector<std::pair<std::string, Loader>>& loaders() {
  static const std::vector<std::pair<std::string, Loader>> table = {
      {"meta.json", loadMeta},
      {"roles.json", loadRoles},
      {"responsibilities.json", loadResponsibilities},
      {"obligations.json", loadObligations},
      {"rules.json", loadDecision},
      {"raci.json", loadRaci},
      {"vciso.json", loadVciso},
      {"advice.json", loadAdvice},
  };
  return table;
}

}  // namespace

const RoleInfo* Kb::role(std::string_view id) const {
  for (const auto& r : roles)
    if (r.id == id) return &r;
  return nullptr;
}

const ResponsibilityInfo* Kb::responsibility(std::string_view id) const {
  for (const auto& r : responsibilities)
    if (r.id == id) return &r;
  return nullptr;
}

std::string Kb::currencyCodes() const {
  std::string out;
  for (const auto& [code, rate] : ratesByCode) {
    if (!out.empty()) out += ", ";
    for (int shift : {16, 8, 0}) out += static_cast<char>(code >> shift & 0xFF);
  }
  return out;
}

const double* Kb::usdRate(std::string_view currency) const {
  const std::uint32_t key = packedCode(currency);
  auto it = std::lower_bound(ratesByCode.begin(), ratesByCode.end(), key,
                             [](const auto& entry, std::uint32_t k) { return entry.first < k; });
  if (key == 0 || it == ratesByCode.end() || it->first != key) return nullptr;
  return &it->second;
}

std::optional<double> Kb::toUsd(double amount, std::string_view currency) const {
  const double* rate = usdRate(currency);
  if (!rate) return std::nullopt;
  return amount * *rate;
}

std::optional<double> Kb::fromUsd(double usd, std::string_view currency) const {
  const double* rate = usdRate(currency);
  if (!rate) return std::nullopt;
  return usd / *rate;
}

void KbReader::fail(const std::string& at, const std::string& message) {
  errors.push_back({file, at, message});
}

void KbReader::fail(const std::string& at, const char* message) {
  errors.push_back({file, at, message});
}

void KbReader::fail(const std::string& at, const char* suffix, const std::string& message) {
  errors.push_back({file, at + suffix, message});
}

void KbReader::fail(const std::string& at, const char* suffix, const char* message) {
  errors.push_back({file, at + suffix, message});
}

std::string KbReader::str(const json& obj, const char* key, const std::string& at, bool required) {
  if (obj.is_object()) {
    auto it = obj.find(key);
    if (it != obj.end() && it->is_string() && !it->string().empty())
      return it->get<std::string>();
    if (it == obj.end() && !required) return {};
  }
  fail(at + "/" + key, std::string("expected a non-empty string '") + key + "'");
  return {};
}

double KbReader::num(const json& obj, const char* key, const std::string& at, double fallback) {
  if (obj.is_object()) {
    auto it = obj.find(key);
    if (it != obj.end() && it->is_number()) return it->get<double>();
  }
  fail(at + "/" + key, std::string("expected a number '") + key + "'");
  return fallback;
}

std::vector<std::string> KbReader::strs(const json& obj, const char* key, const std::string& at) {
  std::vector<std::string> out;
  if (obj.is_object()) {
    auto it = obj.find(key);
    if (it == obj.end()) return out;
    if (it->is_array()) {
      for (const auto& item : *it) {
        if (!item.is_string()) {
          fail(at + "/" + key, "expected an array of strings");
          return {};
        }
        out.push_back(item.get<std::string>());
      }
      return out;
    }
  }
  fail(at + "/" + key, std::string("expected an array of strings '") + key + "'");
  return out;
}

std::string embeddedFilesSha256(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string bytes;
  for (const auto& [name, text] : files) {
    bytes += name;
    bytes += '\n';
    bytes += text;
    bytes += '\n';
  }
  return sha256Hex(bytes);
}

Kb buildKb(std::map<std::string, json> documents, std::vector<KbError>& errors) {
  Kb kb;
  for (const auto& [name, doc] : documents) {
    bool known = std::any_of(loaders().begin(), loaders().end(),
                             // clang 14 (Emscripten 3.1.6) cannot capture a structured binding: init-capture it.
                             [&, &fileName = name](const auto& entry) { return entry.first == fileName; });
    if (!known) errors.push_back({name, "", "knowledge file has no loader (register it in kb.cpp)"});
  }
  for (const auto& [name, loader] : loaders()) {
    auto it = documents.find(name);
    if (it == documents.end()) {
      errors.push_back({name, "", "knowledge file is missing"});
      continue;
    }
    loader(it->second, kb, errors);
  }
  kb.documents = std::move(documents);
  return kb;
}

const std::vector<std::pair<std::string, std::string>>& embeddedKnowledgeFiles() {
  static const auto files = [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < embedded::kFileCount; ++i) {
      const auto& f = embedded::kFiles[i];
      out.emplace_back(f.name, std::string(reinterpret_cast<const char*>(f.data), f.size));
    }
    sortStable(out);
    return out;
  }();
  return files;
}

json parseKnowledgeFile(std::string_view bytes) {
  return embedded::kBinary ? json::fromKnowledge(bytes) : json::parse(bytes);
}

namespace {
struct Loaded {
  Kb kb;
  std::vector<KbError> errors;
};

const Loaded& loaded() {
  static const Loaded instance = [] {
    Loaded out;
    std::map<std::string, json> documents;
    for (const auto& [name, text] : embeddedKnowledgeFiles()) {
      if (name == kQuestionnaireFile) continue;  // embeddedQuestionnaire() reads it on demand
      json doc = parseKnowledgeFile(text);
      if (doc.is_discarded()) {
        out.errors.push_back({name, "", "not valid JSON"});
        continue;
      }
      documents.emplace(name, std::move(doc));
    }
    out.kb = buildKb(std::move(documents), out.errors);
    out.kb.sha256 = embedded::kSha256;  // computed at build time: no hashing at start-up
    return out;
  }();
  return instance;
}
}  // namespace

const Kb& embeddedKb() { return loaded().kb; }
const std::vector<KbError>& kbLoadErrors() { return loaded().errors; }

}  // namespace seclead
