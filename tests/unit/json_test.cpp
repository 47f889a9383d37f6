// seclead::Json against nlohmann/json, which it replaced in the core: the same text must come
// out for the same values (reports, renderings and the knowledge hash depend on it).
#include "json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "json_input.h"
#include "json_support.h"
#include "seclead/engine.h"
#include "test_support.h"

namespace seclead {
namespace {

using test::readFile;

std::string nlohmannDouble(double d) { return nlohmann::json(d).dump(); }

TEST(Json, DoublesAreWrittenAsNlohmannWritesThem) {
  const double fixed[] = {0.0,   -0.0,   1.0,    -1.0,    0.1,     0.5,    1.5,     100.0,
                          1e15,  1e16,   1e17,   1e21,    123456789012345.0, 1e-4,   1e-5,
                          1.5e-7, 0.001, 3.14159, 2.5e300, -7.25e-300, 403000.0, 0.30000000000000004,
                          std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                          std::numeric_limits<double>::denorm_min()};
  for (double d : fixed) EXPECT_EQ(Json(d).dump(), nlohmannDouble(d)) << d;
  int lastDigitDiffers = 0;
  std::mt19937_64 rng(20261123);
  std::uniform_real_distribution<double> uniform(-1e6, 1e6);
  for (int i = 0; i < 20000; ++i) {
    double d = uniform(rng);
    if (i % 3 == 0) d = std::round(d * 100) / 100;  // money-like values
    if (i % 5 == 0) d = std::ldexp(d, static_cast<int>(rng() % 200) - 100);
    // Both write the fewest digits that read back as d; when more than one such string
    // exists, printf's correctly rounded choice and Grisu2's may differ in the last digit.
    std::string ours = Json(d).dump(), theirs = nlohmannDouble(d);
    ASSERT_EQ(std::strtod(ours.c_str(), nullptr), d) << ours;
    ASSERT_LE(ours.size(), theirs.size()) << ours << " vs " << theirs;  // Grisu2 is not always shortest
    if (ours != theirs) ++lastDigitDiffers;
  }
  EXPECT_LT(lastDigitDiffers, 200) << "of 20,000";
  EXPECT_EQ(Json(std::nan("")).dump(), "null");
  EXPECT_EQ(Json(std::numeric_limits<double>::infinity()).dump(), "null");
}

// Numbers are read without strtod when that is exact (json_input.cpp, exactDecimal): the
// result must be strtod's, bit for bit, for every form JSON allows.
TEST(Json, NumbersReadExactlyAsStrtodReadsThem) {
  auto read = [](const std::string& text) {
    const std::string json = "[" + text + "]";  // the document views this text: keep it alive
    jin::Document doc;
    jin::ParseError err;
    EXPECT_TRUE(doc.parse(json, {}, err)) << text << ": " << err.message;
    auto d = (*doc.root().begin()).number();
    EXPECT_TRUE(d.has_value()) << text;
    return d.value_or(0.0);
  };
  auto same = [&](const std::string& text) {
    const double ours = read(text);
    const double theirs = std::strtod(text.c_str(), nullptr);
    ASSERT_EQ(std::memcmp(&ours, &theirs, sizeof ours), 0) << text << ": " << ours << " vs " << theirs;
  };
  EXPECT_EQ(read("-0"), 0.0);  // an integer, as nlohmann reads it: no negative zero
  EXPECT_FALSE(std::signbit(read("-0")));
  for (const char* text : {"0", "0.0", "-0.0", "0.5", "0.2", "0.8", "1.0", "-1.5", "0.05",
                           "0.30000000000000004", "123456789012345", "1234567890123456",
                           "0.1e1", "1e22", "1e23", "1e-22", "1e-23", "123456789012345e7",
                           "9007199254740993", "9007199254740993.0", "1.7976931348623157e308",
                           "4.9e-324", "2.2250738585072014e-308", "1E+2", "1e-0", "100e-2",
                           "0.000000000000000000000000001", "1.00000000000000000000001"})
    same(text);
  std::mt19937_64 rng(20261124);
  for (int i = 0; i < 50000; ++i) {
    std::string text = (rng() % 4 == 0) ? "-" : "";
    const int whole = 1 + static_cast<int>(rng() % 10), fraction = static_cast<int>(rng() % 12);
    // No leading zero in a whole part of several digits (JSON forbids it).
    text += static_cast<char>((whole > 1 ? '1' : '0') + rng() % (whole > 1 ? 9 : 10));
    for (int k = 1; k < whole; ++k) text += static_cast<char>('0' + rng() % 10);
    if (fraction > 0) {
      text += '.';
      for (int k = 0; k < fraction; ++k) text += static_cast<char>('0' + rng() % 10);
    }
    if (rng() % 3 == 0) text += "e" + std::to_string(static_cast<int>(rng() % 60) - 30);
    if (text != "-0") same(text);
  }
}

TEST(Json, IntegersAndStringsAsNlohmann) {
  for (std::int64_t i : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42}, INT64_MIN, INT64_MAX})
    EXPECT_EQ(Json(i).dump(), nlohmann::json(i).dump());
  EXPECT_EQ(Json(UINT64_MAX).dump(), nlohmann::json(UINT64_MAX).dump());
  std::string all;
  for (int c = 1; c < 128; ++c) all += static_cast<char>(c);
  all += "\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x92";  // é € and a 4-byte emoji stay raw
  EXPECT_EQ(Json(all).dump(), nlohmann::json(all).dump());
  // Invalid UTF-8 becomes U+FFFD, as nlohmann's "replace" handler does.
  std::string bad = "a\xFF" "b\xC3";
  EXPECT_EQ(Json(bad).dump(),
            nlohmann::json(bad).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The writer skips eight plain ASCII bytes at a time: a character that needs care (a
// control character, '"', '\\', non-ASCII, invalid UTF-8) must be seen at every position of
// such a word and at every string length. Random strings from a small alphabet of those, each
// written as nlohmann writes it (invalid UTF-8 replaced).
TEST(Json, StringsOfEveryLengthAndAlignmentAreEscapedAsNlohmann) {
  const std::vector<std::string> pieces = {
      "a",    "Z",    " ",           "~",    "\"",       "\\",           "\n",
      "\t",   "\x01", "\x1F",        "\x7F", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x94\x92",
      "\xFF", "\xC3", "\xED\xA0\x80"};
  std::mt19937 random(20261203);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 40);
    for (int k = 0; k < length; ++k) {
      // Mostly plain letters, so that whole plain words occur between the special pieces.
      const bool plain = random() % 4 != 0;
      text += plain ? pieces[random() % 2] : pieces[random() % pieces.size()];
    }
    const std::string expected =
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    ASSERT_EQ(Json(text).dump(), expected) << "round " << round;
  }
}

TEST(Json, ParsedDocumentsDumpLikeNlohmannOrderedJson) {
  std::vector<std::filesystem::path> files;
  for (const auto& dir : {"core/knowledge", "examples", "examples/overlays", "tests/scenarios"})
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(SECLEAD_SOURCE_DIR) / dir))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
  ASSERT_GT(files.size(), 90u);
  for (const auto& path : files) {
    std::string text = readFile(path);
    Json ours = Json::parse(text);
    ASSERT_FALSE(ours.is_discarded()) << path;
    auto theirs = nlohmann::ordered_json::parse(text);
    EXPECT_EQ(ours.dump(2), theirs.dump(2)) << path;
    EXPECT_EQ(ours.dump(), theirs.dump()) << path;
  }
}

TEST(Json, IntegerTokensAreTypedAsNlohmannTypesThem) {
  // Non-negative: unsigned up to 2^64-1; negative: signed down to -2^63; beyond: a double.
  for (const char* token : {"0", "-0", "12", "-12", "9223372036854775807", "9223372036854775808",
                            "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
                            "18446744073709551616", "12.0", "1e3"}) {
    std::string text = std::string("[") + token + "]";
    Json ours = Json::parse(text);
    auto theirs = nlohmann::ordered_json::parse(text);
    ASSERT_FALSE(ours.is_discarded()) << token;
    EXPECT_EQ(ours[0].is_number_unsigned(), theirs[0].is_number_unsigned()) << token;
    EXPECT_EQ(ours[0].is_number_integer(), theirs[0].is_number_integer()) << token;
    EXPECT_EQ(ours[0].is_number_float(), theirs[0].is_number_float()) << token;
    EXPECT_EQ(ours.dump(), theirs.dump()) << token;
  }
}

TEST(Json, ReportsRoundTripUnchanged) {
  for (const char* name : {"us-clinic.json", "eu-bank.json", "agency-12.json"}) {
    Result r = assess(readFile(std::filesystem::path(SECLEAD_SOURCE_DIR) / "examples" / name));
    ASSERT_TRUE(r.ok) << name;
    EXPECT_EQ(Json::parse(r.output).dump(2), r.output) << name;
  }
}

TEST(Json, BadTextIsDiscardedNotThrown) {
  for (const char* text : {"", "{", "[1,]", "{\"a\":1,\"a\":2}", "nul", "1 2", "\"\\ud800\"", "NaN", "1e999"})
    EXPECT_TRUE(Json::parse(text).is_discarded()) << text;
  EXPECT_FALSE(Json::parse("[1e308]").is_discarded());
}

TEST(Json, InitializerListsFollowNlohmannsRule) {
  Json object = {{"a", 1}, {"b", "x"}};
  EXPECT_TRUE(object.is_object());
  EXPECT_EQ(object.dump(), R"({"a":1,"b":"x"})");
  Json array = {1, 2, 3};
  EXPECT_EQ(array.dump(), "[1,2,3]");
  Json pairs = {"a", "b"};  // strings, not [key, value] pairs: an array
  EXPECT_EQ(pairs.dump(), R"(["a","b"])");
  Json forced = Json::array({Json::array({"k", 1})});
  EXPECT_EQ(forced.dump(), R"([["k",1]])");
  EXPECT_EQ(Json(std::vector<std::string>{"x", "y"}).dump(), R"(["x","y"])");
}

// The WebAssembly build has no exceptions: misuse records the first fault, gives a neutral
// value and goes on (engine.cpp fails the call with the fault as its internal error).
TEST(Json, ObjectAndArrayOfBuildWhatTheInitializerListsBuild) {
  std::string name = "n";
  Json object = Json::object({{"b", 1}, {"a", name}, {"c", Json::arrayOf("x")}, {"d", nullptr}});
  Json nlohmannStyle = {{"b", 1}, {"a", name}, {"c", Json::array({"x"})}, {"d", nullptr}};
  EXPECT_EQ(object.dump(), R"({"b":1,"a":"n","c":["x"],"d":null})");  // keys in call order
  EXPECT_EQ(object.dump(), nlohmannStyle.dump());
  EXPECT_TRUE(Json::object({}).is_object());
  EXPECT_EQ(Json::object({}).dump(), "{}");
  EXPECT_EQ(Json::arrayOf(Json::object({{"k", true}})).dump(), R"([{"k":true}])");
}

TEST(Json, MisuseRecordsTheFirstFaultInsteadOfThrowing) {
  Json j = Json::parse(R"({"n":1,"s":"x","list":[1]})");
  const Json& c = j;
  Json::clearFault();
  EXPECT_EQ(Json::fault(), nullptr);

  EXPECT_NO_THROW(EXPECT_TRUE(c.at("missing").is_null()));
  ASSERT_NE(Json::fault(), nullptr);
  EXPECT_STREQ(Json::fault(), "JSON key 'missing' not found");
  // Later faults keep the first one's message.
  EXPECT_EQ(c["n"].get<std::string>(), "");
  EXPECT_STREQ(Json::fault(), "JSON key 'missing' not found");

  struct Case {
    const char* what;
    std::function<void()> misuse;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"string of a number", [&] { EXPECT_EQ(c["n"].get<std::string>(), ""); },
       "JSON type error: expected string"},
      {"bool of a string", [&] { EXPECT_FALSE(c["s"].get<bool>()); },
       "JSON type error: expected boolean"},
      {"number of a string", [&] { EXPECT_EQ(c["s"].get<int>(), 0); },
       "JSON type error: expected number"},
      {"strings of a number", [&] { EXPECT_TRUE(c["n"].get<std::vector<std::string>>().empty()); },
       "JSON type error: expected array"},
      {"index past the end", [&] { EXPECT_TRUE(c["list"].at(5).is_null()); },
       "JSON index out of range"},
      {"member of a string", [&] { j["s"]["k"] = 1; }, "JSON type error: expected object"},
      {"item of a number", [&] { j["n"][0] = 1; }, "JSON type error: expected array"},
      {"push to a string", [&] { j["s"].push_back(1); }, "JSON type error: expected array"},
      {"emplace into a number", [&] { j["n"].emplace_back(1) = 2; },
       "JSON type error: expected array"},
      {"erase past the end", [&] { j["list"].erase(std::size_t{9}); }, "JSON index out of range"},
      {"update of a number", [&] { j["n"].update(Json::object()); },
       "JSON type error: expected object"},
      {"writable key missing", [&] { j.at("nope") = 3; }, "JSON key 'nope' not found"},
  };
  for (const auto& k : cases) {
    Json::clearFault();
    EXPECT_NO_THROW(k.misuse()) << k.what;
    ASSERT_NE(Json::fault(), nullptr) << k.what;
    EXPECT_STREQ(Json::fault(), k.message) << k.what;
  }
  // Writes through a faulted accessor go nowhere: the document and the shared null are intact.
  EXPECT_EQ(j.dump(), R"({"n":1,"s":"x","list":[1]})");
  EXPECT_TRUE(c["absent"].is_null());
  EXPECT_TRUE(Json().is_null());
  Json::clearFault();
  EXPECT_EQ(Json::fault(), nullptr);
}

TEST(Json, AccessAsTheCoreUsesIt) {
  Json j;
  j["b"] = 2;
  j["a"]["nested"] = true;
  j["list"].push_back("x");
  j["list"][2] = 5;  // grows with nulls
  EXPECT_EQ(j.dump(), R"({"b":2,"a":{"nested":true},"list":["x",null,5]})");
  const Json& c = j;
  EXPECT_TRUE(c["missing"].is_null());
  EXPECT_EQ(c.value("b", 0), 2);
  EXPECT_EQ(c.value("missing", std::string("d")), "d");
  EXPECT_EQ(c.value("missing", "e"), "e");
  Json::clearFault();
  EXPECT_TRUE(c.at("a").at("nested").get<bool>());
  EXPECT_EQ(Json::fault(), nullptr);
  EXPECT_EQ(c.find("a")->dump(), R"({"nested":true})");
  EXPECT_TRUE(c.find("zz") == c.end());
  int sum = 0;
  for (const auto& [key, value] : c.items())
    if (value.is_number()) sum += value.get<int>() + static_cast<int>(key.size());
  EXPECT_EQ(sum, 3);
  EXPECT_EQ(j.erase("b"), 1u);
  EXPECT_FALSE(j.contains("b"));
  EXPECT_EQ(Json(1), Json(1.0));
  EXPECT_EQ(Json::parse("5"), Json(5));  // unsigned 5 equals signed 5
  EXPECT_LT(Json(1), Json(2.5));
  EXPECT_EQ(Json().size(), 0u);
  EXPECT_EQ(Json("s").size(), 1u);
}

// set() is `(*this)[key] = value` out of line: the same document, member for member, and the
// same order (a replaced member keeps its place), for every overload the builders use.
TEST(Json, SetIsTheAssignmentOutOfLine) {
  const std::string owned = "owned";
  std::string moved = "moved, long enough to live on the heap";
  const std::vector<std::string> list = {"x", "y"};
  Json byAssignment;
  byAssignment["text"] = owned;
  byAssignment["literal"] = "lit";
  byAssignment["moved"] = std::string(moved);
  byAssignment["list"] = list;
  byAssignment["count"] = 3;
  byAssignment["flag"] = false;
  byAssignment["text"] = "replaced";
  byAssignment["nested"] = Json{{"a", 1}};
  Json bySet;  // null: set() turns it into an object, as operator[] does
  bySet.set("text", owned);
  bySet.set("literal", "lit");
  bySet.set("moved", std::move(moved));
  bySet.set("list", list);
  bySet.set("count", 3);
  bySet.set("flag", false);
  bySet.set("text", "replaced");
  bySet.set("nested", Json{{"a", 1}});
  EXPECT_EQ(bySet.dump(), byAssignment.dump());
  EXPECT_EQ(
      bySet.dump(),
      R"({"text":"replaced","literal":"lit","moved":"moved, long enough to live on the heap",)"
      R"("list":["x","y"],"count":3,"flag":false,"nested":{"a":1}})");
}

// valueRef() is value(key, fallback) without the copy: the member itself when present and not
// null, else the shared fallback, whatever this value is.
TEST(Json, ValueRefGivesTheMemberOrTheSharedFallback) {
  Json doc = Json::parse(R"({"rules":[1,2],"none":null,"effect":{"score":1}})");
  const Json& d = doc;
  EXPECT_EQ(&d.valueRef("rules", Json::sharedEmptyArray()), &d["rules"]);
  EXPECT_EQ(&d.valueRef("effect", Json::sharedNull()), &d["effect"]);
  EXPECT_EQ(&d.valueRef("missing", Json::sharedEmptyObject()), &Json::sharedEmptyObject());
  EXPECT_EQ(&d.valueRef("none", Json::sharedEmptyArray()), &Json::sharedEmptyArray());
  EXPECT_EQ(&Json(5).valueRef("rules", Json::sharedNull()), &Json::sharedNull());
  EXPECT_TRUE(Json::sharedEmptyObject().is_object() && Json::sharedEmptyObject().empty());
  EXPECT_TRUE(Json::sharedEmptyArray().is_array() && Json::sharedEmptyArray().empty());
  EXPECT_TRUE(Json::sharedNull().is_null());
  // The same answers as value(), which copies.
  for (const char* key : {"rules", "none", "effect", "missing"})
    EXPECT_EQ(d.valueRef(key, Json::sharedEmptyObject()).dump(),
              d.value(key, Json::object()).dump())
        << key;
}

}  // namespace
}  // namespace seclead
