// Renderings of a report (parsed report JSON): markdown, csv, html, oscal.
#pragma once

#include <string>
#include <string_view>

#include "json.h"

namespace seclead {

std::string renderMarkdown(const ordered_json& report);
std::string renderCsv(const ordered_json& report);
std::string renderHtml(const ordered_json& report);
std::string renderOscal(const ordered_json& report);

}  // namespace seclead
