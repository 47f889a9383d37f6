#!/usr/bin/env bash
# Installs, builds and runs every test: each stage is a script in scripts/test.d/, run in
# name order. A stage that fails stops the run. SECLEAD_STAGES="10 20" runs only those.
set -euo pipefail
cd "$(dirname "$0")/.."
export SECLEAD_ROOT="$PWD"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
bash scripts/setup.sh

passed=0
failed=0
for stage in scripts/test.d/*.sh; do
  name=$(basename "$stage" .sh)
  if [ -n "${SECLEAD_STAGES:-}" ] && ! grep -qw "${name%%-*}" <<<"$SECLEAD_STAGES"; then continue; fi
  echo "=== stage $name"
  start=$(date +%s)
  if bash "$stage"; then
    passed=$((passed + 1))
    echo "=== stage $name passed in $(( $(date +%s) - start ))s"
  else
    failed=$((failed + 1))
    echo "=== stage $name FAILED after $(( $(date +%s) - start ))s"
    break
  fi
done
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
