#!/usr/bin/env bash
# Host integrations (issue 7): the iframe embed's postMessage protocol across two localhost
# origins and the <seclead-assessment> web component, in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
if [ ! -f wasm/dist/seclead_engine.mjs ] || [ ! -f wasm/dist/seclead_engine.wasm ]; then
  bash scripts/build-wasm.sh
fi
node --test --test-reporter=spec tests/browser/embed.test.mjs
