#!/usr/bin/env bash
# The main job: install, build, assess every example organization (a readable summary),
# and build the offline page when the WebAssembly toolchain is there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target seclead
cli=build/release/plugins/cli/seclead
for profile in examples/*.json; do
  "$cli" assess "$profile" | python3 scripts/summarize.py "$profile"
done
if [ -x scripts/build-web.sh ]; then
  bash scripts/build-web.sh
fi
