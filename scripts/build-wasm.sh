#!/usr/bin/env bash
# Builds the WebAssembly engine with the wasm-release preset (Debian's emcc 3.1.6) and
# copies the artifacts to wasm/dist/ (gitignored):
#   seclead_engine.mjs + seclead_engine.wasm   ES module factory (npm package, Node)
#   seclead_engine.single.js                   classic script, wasm inlined (file:// pages)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
command -v emcc >/dev/null || { echo "build-wasm: emcc not found (apt-get install emscripten)" >&2; exit 1; }
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release -j"${SECLEAD_JOBS:-2}" --target seclead_engine seclead_engine_single
mkdir -p wasm/dist
# The glue is minified on the way (scripts/minify-glue.mjs: emcc 3.1.6 without Closure leaves
# it half-minified); build/wasm keeps emcc's own output for debugging.
# The modules' functions are laid out for gzip on the way too (scripts/reorder-wasm-functions.mjs).
node scripts/reorder-wasm-functions.mjs build/wasm/wasm/seclead_engine.wasm wasm/dist/seclead_engine.wasm.tmp
node scripts/minify-glue.mjs build/wasm/wasm/seclead_engine.mjs wasm/dist/seclead_engine.mjs.tmp module
node scripts/reorder-wasm-functions.mjs --single build/wasm/wasm/seclead_engine.single.js build/wasm/wasm/seclead_engine.single.reordered.js
node scripts/minify-glue.mjs build/wasm/wasm/seclead_engine.single.reordered.js wasm/dist/seclead_engine.single.js.tmp script
for f in seclead_engine.mjs seclead_engine.wasm seclead_engine.single.js; do
  mv -f "wasm/dist/$f.tmp" "wasm/dist/$f"
done
ls -l wasm/dist/seclead_engine.mjs wasm/dist/seclead_engine.wasm wasm/dist/seclead_engine.single.js | awk '{print "build-wasm: " $9 " " $5 " bytes"}'
