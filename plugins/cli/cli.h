// The native seclead command line (contract section 5).
#pragma once

#include <string>
#include <vector>

#include "seclead/engine.h"

namespace seclead::cli {

// Exit codes of contract section 5.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // unreadable file, bad usage
constexpr int kExitInvalid = 2;  // invalid input: the error object is on standard output

// Inputs larger than this are rejected without reading the rest (contract limit: 1 MiB).
constexpr std::size_t kMaxInputBytes = 1024 * 1024;

struct CliOptions {
  std::string command;             // assess | validate
  std::vector<std::string> inputs;  // files, or "-" for standard input
  std::string format = "json";
  bool explain = false;
  std::vector<std::string> overlayFiles;
  std::string batchFile;  // assess --batch FILE.ndjson
  int threads = 0;        // 0: every core
  bool progress = true;   // progress bar on stderr when it is a terminal
};

// Reads a whole file (or stdin for "-") up to kMaxInputBytes. Returns false with `error`
// set when unreadable; sets `tooLarge` when the input exceeds the limit.
bool readInput(const std::string& path, std::string& out, bool& tooLarge, std::string& error);

// "1 problem" / "N problems".
std::string problemCount(std::size_t n);
// One problem in words: "[<input> ]<path, / for the root> [<code>] <message>".
std::string describeProblem(const Error& error);

// Runs `assess --batch`: one report (or error object) per input line, in input order.
int runBatch(const CliOptions& options, const Options& engineOptions);

}  // namespace seclead::cli
