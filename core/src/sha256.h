// SHA-256 (FIPS 180-4), small and dependency-free: hashes the knowledge base and overlays.
#pragma once

#include <string>
#include <string_view>

namespace seclead {
std::string sha256Hex(std::string_view data);
}
