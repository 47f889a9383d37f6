#!/usr/bin/env bash
# The whole native test suite under AddressSanitizer + UndefinedBehaviorSanitizer, with
# LeakSanitizer on (the `asan` preset: RelWithDebInfo, -fsanitize=address,undefined,
# -fno-sanitize-recover=all). Any sanitizer report fails its test and the stage.
set -euo pipefail
cd "$(dirname "$0")/../.."
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="report_objects=1"
# RelWithDebInfo defines NDEBUG, which makes the batch test use 100,000 lines: too slow under
# ASan; the full-size run is stage 72 (release). Same checks, same 1% ratio, 2,000 lines here.
export SECLEAD_BATCH_LINES=2000
cmake --preset asan >/dev/null
# The CLI is built too: CLI tests (SECLEAD_CLI_PATH) run the sanitized binary.
cmake --build --preset asan -j2 --target seclead_tests seclead
ctest --preset asan -j2 --timeout 300
