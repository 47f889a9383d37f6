#!/usr/bin/env bash
# WebAssembly: build the module (wasm-release preset, Debian's emcc 3.1.6) into wasm/dist/,
# then the Node tests of tests/wasm/: byte-identical output to the native CLI of stage 10 on
# every scenario and example in every format, the bad-profile table, 100,000 assessments
# without memory growth, npm pack + offline install, the seclead-wasm CLI, the single-file
# build and the worker protocol.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
bash scripts/build-wasm.sh
# The cold-start floor's module (tests/bench/wasm-cold-floor.mjs) is built on request only;
# building it here keeps its stand-in engine (tests/bench/floor_engine.cpp) in step with
# engine.h and bindings.cpp.
cmake --build --preset wasm-release -j"${SECLEAD_JOBS:-2}" --target seclead_engine_floor
# The native CLI to compare with, from the same sources (a no-op after stage 10).
cmake --preset debug >/dev/null
cmake --build --preset debug -j2 --target seclead
node --test --test-reporter=spec tests/wasm/
