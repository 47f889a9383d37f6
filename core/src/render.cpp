#include "render.h"

namespace seclead {

// TODO(issues 3 and 7): real renderings.
std::string renderMarkdown(const ordered_json& report) { return "# seclead report\n\n" + report.value("schema", "") + "\n"; }
std::string renderCsv(const ordered_json& report) { (void)report; return "responsibility\n"; }
std::string renderHtml(const ordered_json& report) { (void)report; return "<!doctype html>\n"; }
std::string renderOscal(const ordered_json& report) { (void)report; return "{}"; }

}  // namespace seclead
