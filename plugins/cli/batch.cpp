#include <iostream>

#include "cli.h"

namespace seclead::cli {

// TODO(issue 7): the batch portfolio mode.
int runBatch(const CliOptions& options, const Options& engineOptions) {
  (void)options, (void)engineOptions;
  std::cerr << "seclead: --batch is not available yet\n";
  return kExitFailure;
}

}  // namespace seclead::cli
