#!/usr/bin/env bash
# Builds the offline page dist/seclead.html from web/ and the single-file engine that
# scripts/build-wasm.sh produces (built first when missing or older than the core).
set -euo pipefail
cd "$(dirname "$0")/.."
engine=wasm/dist/seclead_engine.single.js
if [ ! -f "$engine" ] || [ -n "$(find core wasm/bindings.cpp -newer "$engine" -type f 2>/dev/null | head -1)" ]; then
  bash scripts/build-wasm.sh
fi
[ -f wasm/src/api.js ] || { echo "wasm/src/api.js is missing (issue 5)"; exit 1; }
node web/build.mjs "$@"
