// The knowledge base as the WebAssembly builds embed it: cmake/encode-knowledge.mjs writes
// each file as a compact binary and Json::fromKnowledge reads it back. The tree must be the
// one Json::parse gives for the file's text, to the type of every number (reports depend on
// it), and damaged bytes must be discarded without reading past them.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "json.h"
#include "test_support.h"

namespace seclead {
namespace {

namespace fs = std::filesystem;
using test::readFile;

// Same type and value everywhere, members in the same order (operator== would call the
// unsigned 1 and the double 1.0 equal).
::testing::AssertionResult sameTree(const json& a, const json& b, const std::string& at = "") {
  if (a.type() != b.type())
    return ::testing::AssertionFailure()
           << "type differs at '" << at << "': " << a.dump() << " against " << b.dump();
  if (a.is_object()) {
    if (a.size() != b.size()) return ::testing::AssertionFailure() << "member count at " << at;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto& [ka, va] = a.items()[i];
      const auto& [kb, vb] = b.items()[i];
      if (ka != kb)
        return ::testing::AssertionFailure() << "member " << ka << " / " << kb << " at " << at;
      if (auto r = sameTree(va, vb, at + "/" + ka); !r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return ::testing::AssertionFailure() << "item count at " << at;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (auto r = sameTree(a[i], b[i], at + "/" + std::to_string(i)); !r) return r;
    return ::testing::AssertionSuccess();
  }
  if (a.dump() != b.dump())
    return ::testing::AssertionFailure()
           << "value at '" << at << "': " << a.dump() << " against " << b.dump();
  return ::testing::AssertionSuccess();
}

std::string bytes(std::initializer_list<int> list) {
  std::string out;
  for (int b : list) out.push_back(static_cast<char>(b));
  return out;
}

// {"a": [null, false, true, 5, 300, -7, 0.5, "é"], "b": {"a": -9223372036854775808}}
// built by hand from the layout in cmake/encode-knowledge.mjs.
std::string handMade() {
  std::string structure = bytes({
      8,      2,                                               // an object of two members
      0,                                                       // a new name ("a")
      7,      8,                                               // an array of eight items
      0,      1,    2,                                         // null, false, true
      16 + 5,                                                  // 5
      3,      0xAC, 0x02,                                      // 300 as a varint
      4,      7,                                               // -7
      5,      0,    0,    0,    0,    0,    0,    0xE0, 0x3F,  // 0.5, little-endian
      6,                                                       // a string
      0,                                                       // a new name ("b")
      8,      1,                                               // an object of one member
      1,                                                       // the first name again ("a")
      4,      0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01,  // -2^63
  });
  std::string strings = std::string("a") + '\0' + "\xC3\xA9" + '\0' + "b" + '\0';
  return static_cast<char>(structure.size()) + structure + strings;
}

TEST(KnowledgeBinary, HandMadeBytesGiveTheTreeAndTypesOfTheirText) {
  const json decoded = json::fromKnowledge(handMade());
  ASSERT_FALSE(decoded.is_discarded());
  const json expected = json::parse(
      R"({"a": [null, false, true, 5, 300, -7, 0.5, "é"], "b": {"a": -9223372036854775808}})");
  EXPECT_TRUE(sameTree(decoded, expected));
  EXPECT_EQ(decoded["a"][3].type(), json::value_t::number_unsigned);
  EXPECT_EQ(decoded["a"][5].type(), json::value_t::number_integer);
  EXPECT_EQ(decoded["a"][6].type(), json::value_t::number_float);
}

TEST(KnowledgeBinary, DamagedBytesAreDiscarded) {
  const std::string good = handMade();
  // Every truncation: the structure or the strings end early.
  for (std::size_t n = 0; n < good.size(); ++n)
    EXPECT_TRUE(json::fromKnowledge(good.substr(0, n)).is_discarded()) << "first " << n << " bytes";
  // Bytes after the strings, a name reference to no name, a count past the end, a tag
  // the layout does not have, strings not ended by a NUL.
  EXPECT_TRUE(json::fromKnowledge(good + "x").is_discarded());
  EXPECT_TRUE(json::fromKnowledge(bytes({3, 8, 1, 9}) + "x" + '\0').is_discarded());
  EXPECT_TRUE(json::fromKnowledge(bytes({2, 7, 100})).is_discarded());
  EXPECT_TRUE(json::fromKnowledge(bytes({1, 9})).is_discarded());
  EXPECT_TRUE(json::fromKnowledge(bytes({1, 6}) + "abc").is_discarded());
  // Nesting: 100 levels read, 130 do not (the limit is 128).
  auto nested = [](int levels) {
    std::string structure;
    for (int i = 0; i < levels; ++i) structure += bytes({7, 1});
    structure += bytes({0});
    const int n = static_cast<int>(structure.size());
    return bytes({(n & 0x7F) | 0x80, n >> 7}) + structure;
  };
  EXPECT_FALSE(json::fromKnowledge(nested(100)).is_discarded());
  EXPECT_TRUE(json::fromKnowledge(nested(130)).is_discarded());
  // Every byte replaced by a few others: a tree or discarded, never a read outside the bytes
  // (the sanitizer build checks that).
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (int value : {0, 1, 7, 8, 0x7F, 0x80, 0xFF}) {
      std::string damaged = good;
      damaged[i] = static_cast<char>(value);
      const json decoded = json::fromKnowledge(damaged);
      if (!decoded.is_discarded()) EXPECT_FALSE(decoded.dump().empty());
    }
  }
}

// Runs the build's encoder on every knowledge file; needs Node, as the WebAssembly build does.
TEST(KnowledgeBinary, EveryKnowledgeFileDecodesToTheTreeOfItsText) {
  if (std::system("node --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "node is not on PATH";
  const fs::path source(SECLEAD_SOURCE_DIR);
  const fs::path dir =
      fs::temp_directory_path() / ("seclead-knowledge-binary-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string command = "node '" + (source / "cmake" / "encode-knowledge.mjs").string() + "'";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(source / "core" / "knowledge")) {
    if (entry.path().extension() != ".json") continue;
    files.push_back(entry.path());
    command +=
        " '" + entry.path().string() + "' '" + (dir / entry.path().filename()).string() + ".bin'";
  }
  ASSERT_GE(files.size(), 9u);
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    const std::string written = readFile(file);
    json text = json::parse(written);
    ASSERT_FALSE(text.is_discarded()) << name;
    // The encoder leaves out the top-level description, except the questionnaire's.
    if (name != "questionnaire.json") text.erase("description");
    const std::string encoded = readFile(dir / (name + ".bin"));
    const json decoded = json::fromKnowledge(encoded);
    ASSERT_FALSE(decoded.is_discarded()) << name;
    EXPECT_TRUE(sameTree(decoded, text)) << name;
    EXPECT_LT(encoded.size(), written.size()) << name;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace seclead
