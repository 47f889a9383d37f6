// Test conveniences over the core's JSON type (seclead::Json has no iostreams and no JSON
// Pointer writer of its own: the core never needs them).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "json.h"

namespace seclead {

// Lets gtest print values and messages stream them.
inline std::ostream& operator<<(std::ostream& os, const Json& j) { return os << j.dump(); }

// Sets the value at an RFC 6901 pointer, creating objects on the way (what nlohmann's
// j[json_pointer(p)] = v did for the object paths the tests use).
inline void setAt(Json& root, std::string_view pointer, Json value) {
  Json* at = &root;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);  // '/'
    std::size_t end = pointer.find('/');
    std::string token(pointer.substr(0, end));
    for (std::size_t i; (i = token.find("~1")) != std::string::npos;) token.replace(i, 2, "/");
    for (std::size_t i; (i = token.find("~0")) != std::string::npos;) token.replace(i, 2, "~");
    at = &(*at)[token];
    pointer = end == std::string_view::npos ? std::string_view() : pointer.substr(end);
  }
  *at = std::move(value);
}

}  // namespace seclead
