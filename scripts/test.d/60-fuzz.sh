#!/usr/bin/env bash
# Fuzz smoke run: builds the libFuzzer targets (clang, ASan + UBSan, `fuzz` preset), seeds
# them from the fixtures, and runs each for a fixed number of executions. Any crash, leak,
# sanitizer report or broken invariant fails the stage and leaves the input in build/fuzz/.
# SECLEAD_FUZZ_RUNS overrides the executions per target (default 1500; each target is also
# capped at 30 s so the stage stays within about two minutes on a loaded 2-core machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${SECLEAD_FUZZ_RUNS:-1500}
targets=(fuzz_profile fuzz_overlay fuzz_render fuzz_report_render fuzz_decimal)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2 --target "${targets[@]}"

# Reports for the render seeds come from the debug CLI (stage 10 builds it).
[ -x build/debug/plugins/cli/seclead ] || { cmake --preset debug >/dev/null; cmake --build --preset debug -j2 --target seclead; }
SECLEAD_CLI=build/debug/plugins/cli/seclead bash tests/fuzz/make-corpus.sh build/fuzz/corpus

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for t in "${targets[@]}"; do
  case $t in
    fuzz_profile | fuzz_render) seeds=build/fuzz/corpus/profile ;;
    fuzz_overlay) seeds=build/fuzz/corpus/overlay ;;
    fuzz_report_render) seeds=build/fuzz/corpus/report ;;
    fuzz_decimal) seeds=build/fuzz/corpus/decimal; mkdir -p "$seeds" ;;  # any bytes are input: no seeds
  esac
  work=build/fuzz/work/$t
  mkdir -p "$work" build/fuzz/artifacts
  start=$(date +%s)
  # The seeds are replayed first, then mutated; -max_total_time caps a slow engine.
  if ! build/fuzz/tests/fuzz/$t "$work" "$seeds" -runs="$runs" -max_total_time=30 -timeout=10 \
      -rss_limit_mb=1024 -max_len=65536 -dict=tests/fuzz/seclead.dict \
      -artifact_prefix=build/fuzz/artifacts/$t- -print_final_stats=1 >build/fuzz/$t.log 2>&1; then
    tail -60 build/fuzz/$t.log
    echo "fuzz: $t FAILED (input saved under build/fuzz/artifacts/; make it a regression in tests/fuzz/regressions/)"
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' build/fuzz/$t.log | grep -o '[0-9]*$' || echo '?')
  echo "fuzz: $t ok, $execs executions in $(( $(date +%s) - start ))s"
done
