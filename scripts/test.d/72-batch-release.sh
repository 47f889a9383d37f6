#!/usr/bin/env bash
# The batch portfolio check at full size (issue 7): in an optimized build the Batch tests
# generate 100,000 profiles with 1% broken lines and expect 99,000 reports and 1,000 error
# lines in input order (stage 10 runs the same tests with 2,000 lines in Debug).
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target seclead seclead_tests
build/release/tests/seclead_tests --gtest_filter='Batch.*'
