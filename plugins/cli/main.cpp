#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli.h"

namespace seclead::cli {

namespace {

constexpr const char* kHelp = R"(seclead - security-leadership decision engine

Usage:
  seclead assess PROFILE.json [PROFILE.json ...] [--format FORMAT] [--explain] [--overlay FILE]...
  seclead assess --batch PROFILES.ndjson [--format summary] [--threads N] [--no-progress] [--overlay FILE]...
  seclead validate PROFILE.json [PROFILE.json ...] [--overlay FILE]...
  seclead --version | --help

Reads an organization profile (schema seclead.profile/1; "-" reads standard input) and
prints the report: the leadership model it needs, where the CISO should report, whether a
DPO is required, the regulatory role obligations, a RACI matrix, the findings on today's
structure, vCISO sizing, CIO/CISO collaboration practices and a 30/90/365-day roadmap.

Options:
  --format FORMAT   json (default) | markdown | csv (the RACI) | html (roles policy) | oscal
                    | summary (one spreadsheet row per organization; with --batch, one table)
  --explain         also list obligations that do not apply, with the reason
  --overlay FILE    merge a knowledge overlay (custom roles, rules, rates, texts); repeatable
  --batch FILE      one profile per line in; one JSON report (or error object) per line out
  --threads N       batch worker threads (default: every core)
  --no-progress     no progress bar on standard error in batch mode

Exit codes:
  0  success (validate: the profile is valid)
  1  other failure: unreadable file, bad usage
  2  invalid input: the error object {"errors":[{path, code, message}]} is on standard output

Contract: see CONTRACT.md (profile in, report out, ids, command line).
)";

int usage(const std::string& message) {
  std::cerr << "seclead: " << message << "\nTry 'seclead --help'.\n";
  return kExitFailure;
}

std::string oneLineSummary(const Result& result) {
  return problemCount(result.errors.size()) + ": " + describeProblem(result.errors.front());
}

int reportInvalid(const std::string& input, const Result& result) {
  std::cout << result.errorJson() << "\n";
  std::cerr << "seclead: " << input << ": " << oneLineSummary(result) << "\n";
  return kExitInvalid;
}

Result limitError(std::size_t limit) {
  Result r;
  r.errors.push_back({"", "limit", "the profile is larger than " + std::to_string(limit / 1024) +
                                       " KiB (1 MiB): split it or remove free text",
                      ""});
  return r;
}

int runOne(const CliOptions& options, const Options& engineOptions, const std::string& input) {
  std::string text, error;
  bool tooLarge = false;
  if (!readInput(input, text, tooLarge, error)) {
    std::cerr << "seclead: " << error << "\n";
    return kExitFailure;
  }
  if (tooLarge) return reportInvalid(input, limitError(kMaxInputBytes));

  if (options.command == "validate") {
    Result result = validate(text, engineOptions);
    if (!result.ok) return reportInvalid(input, result);
    return kExitOk;
  }
  Options formatted = engineOptions;
  formatted.format = options.format;  // rendered from the report as it is built
  Result result = assess(text, formatted);
  if (!result.ok) return reportInvalid(input, result);
  std::cout << result.output;
  if (result.output.empty() || result.output.back() != '\n') std::cout << "\n";
  return kExitOk;
}

}  // namespace

std::string problemCount(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " problem" : " problems");
}

std::string describeProblem(const Error& error) {
  return (error.input.empty() ? "" : error.input + " ") + (error.path.empty() ? "/" : error.path) +
         " [" + error.code + "] " + error.message;
}

bool readInput(const std::string& path, std::string& out, bool& tooLarge, std::string& error) {
  std::istream* in = &std::cin;
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      error = "cannot read '" + path + "': " + std::strerror(errno);
      return false;
    }
    in = &file;
  }
  out.clear();
  tooLarge = false;
  char buffer[65536];
  while (*in) {
    in->read(buffer, sizeof buffer);
    out.append(buffer, static_cast<std::size_t>(in->gcount()));
    if (out.size() > kMaxInputBytes) {
      tooLarge = true;  // stop reading: bounded memory on a huge stream
      return true;
    }
  }
  if (in->bad()) {
    error = "cannot read '" + path + "'";
    return false;
  }
  return true;
}

int run(int argc, char** argv) {
  CliOptions options;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage("missing command (assess or validate)");
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag) -> const std::string* {
      if (i + 1 >= args.size()) return nullptr;
      (void)flag;
      return &args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << kHelp;
      return kExitOk;
    } else if (a == "--version") {
      std::cout << "seclead " << version() << " (knowledge base " << knowledgeBaseVersion() << ")\n";
      return kExitOk;
    } else if (a == "--format") {
      const auto* v = value("--format");
      if (!v) return usage("--format needs a value");
      options.format = *v;
    } else if (a.rfind("--format=", 0) == 0) {
      options.format = a.substr(9);
    } else if (a == "--explain") {
      options.explain = true;
    } else if (a == "--overlay") {
      const auto* v = value("--overlay");
      if (!v) return usage("--overlay needs a file");
      options.overlayFiles.push_back(*v);
    } else if (a == "--batch") {
      const auto* v = value("--batch");
      if (!v) return usage("--batch needs a file");
      options.batchFile = *v;
    } else if (a == "--threads") {
      const auto* v = value("--threads");
      if (!v) return usage("--threads needs a number");
      options.threads = std::atoi(v->c_str());
      if (options.threads < 1) return usage("--threads needs a number >= 1");
    } else if (a == "--no-progress") {
      options.progress = false;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return usage("unknown option '" + a + "'");
    } else if (options.command.empty()) {
      options.command = a;
    } else {
      options.inputs.push_back(a);
    }
  }
  if (options.command != "assess" && options.command != "validate")
    return usage("unknown command '" + options.command + "' (expected assess or validate)");
  static const char* kFormats[] = {"json", "markdown", "csv", "html", "oscal", "summary"};
  bool knownFormat = false;
  for (const char* f : kFormats) knownFormat = knownFormat || options.format == f;
  if (!knownFormat)
    return usage("unknown format '" + options.format +
                 "' (json, markdown, csv, html, oscal, summary)");

  Options engineOptions;
  engineOptions.explain = options.explain;
  for (const auto& file : options.overlayFiles) {
    std::string text, error;
    bool tooLarge = false;
    if (!readInput(file, text, tooLarge, error)) {
      std::cerr << "seclead: " << error << "\n";
      return kExitFailure;
    }
    if (tooLarge) return reportInvalid(file, limitError(kMaxInputBytes));
    engineOptions.overlays.push_back(std::move(text));
  }

  if (!options.batchFile.empty()) {
    if (options.command != "assess") return usage("--batch goes with assess");
    if (!options.inputs.empty()) return usage("--batch takes no other profile files");
    return runBatch(options, engineOptions);
  }
  if (options.inputs.empty()) return usage("missing PROFILE.json (or - for standard input)");
  int worst = kExitOk;
  for (const auto& input : options.inputs) {
    int code = runOne(options, engineOptions, input);
    if (code == kExitFailure || (code == kExitInvalid && worst == kExitOk)) worst = code;
  }
  return worst;
}

}  // namespace seclead::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return seclead::cli::run(argc, argv);
}
