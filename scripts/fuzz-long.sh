#!/usr/bin/env bash
# The long fuzz run: every libFuzzer target for MINUTES minutes (default 10), one after the
# other, keeping its growing corpus in build/fuzz/work/<target>. Crashes are saved under
# build/fuzz/artifacts/; each one becomes a file in tests/fuzz/regressions/ (replayed by the
# smoke run and by tests/unit/large_input_test.cpp) and gets fixed.
# Usage: scripts/fuzz-long.sh [MINUTES] [TARGET...]
#   e.g. scripts/fuzz-long.sh 10                    # 50 minutes for the five targets
#        scripts/fuzz-long.sh 2 fuzz_overlay        # one target, 2 minutes
set -uo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_profile fuzz_overlay fuzz_render fuzz_report_render fuzz_decimal)

# SECLEAD_FUZZ_NO_BUILD=1 reuses the binaries and corpus already in build/fuzz.
if [ "${SECLEAD_FUZZ_NO_BUILD:-0}" != 1 ]; then
  cmake --preset fuzz >/dev/null && cmake --build --preset fuzz -j2 --target "${targets[@]}" || exit 1
  [ -x build/debug/plugins/cli/seclead ] || { cmake --preset debug >/dev/null; cmake --build --preset debug -j2 --target seclead; }
  SECLEAD_CLI=build/debug/plugins/cli/seclead bash tests/fuzz/make-corpus.sh build/fuzz/corpus
fi

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
for t in "${targets[@]}"; do
  case $t in
    fuzz_profile | fuzz_render) seeds=build/fuzz/corpus/profile ;;
    fuzz_overlay) seeds=build/fuzz/corpus/overlay ;;
    fuzz_report_render) seeds=build/fuzz/corpus/report ;;
    fuzz_decimal) seeds=build/fuzz/corpus/decimal; mkdir -p "$seeds" ;;
  esac
  mkdir -p "build/fuzz/work/$t" build/fuzz/artifacts
  before=$(ls build/fuzz/artifacts/ | grep -c "^$t-" || true)
  log=build/fuzz/$t.long.log
  # -fork=1 keeps fuzzing after a crash (each crash is saved), so one run finds several.
  build/fuzz/tests/fuzz/$t "build/fuzz/work/$t" "$seeds" -max_total_time=$((minutes * 60)) -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -dict=tests/fuzz/seclead.dict -fork=1 -ignore_crashes=1 \
    -artifact_prefix=build/fuzz/artifacts/$t- -print_final_stats=1 >"$log" 2>&1
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | awk '{s+=$1} END {print s+0}')
  [ "$execs" = 0 ] && execs=$(grep -o '#[0-9]*' "$log" | tail -1 | tr -d '#')
  crashes=$(( $(ls build/fuzz/artifacts/ | grep -c "^$t-" || true) - before ))
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "fuzz-long: $t ${minutes} min: ${execs:-?} executions, $cov, $crashes crash/leak/timeout inputs saved"
  [ "$crashes" -eq 0 ] || status=1
done
exit $status
