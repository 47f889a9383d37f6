#!/usr/bin/env bash
# The offline page: build dist/seclead.html (engine included), then drive it from file:// in
# Debian's Chromium (tests/browser/page.test.mjs). Needs the native CLI of stage 10.
set -euo pipefail
bash scripts/build-web.sh
[ -x /usr/bin/chromium ] || { echo "50-page: /usr/bin/chromium is missing (apt-get install chromium)"; exit 1; }
# The tests compare the page with the native CLI of the same tree: make sure it is current.
cmake --preset debug >/dev/null
cmake --build --preset debug -j2 --target seclead >/dev/null
node --test --test-concurrency=1 tests/browser/page.test.mjs
