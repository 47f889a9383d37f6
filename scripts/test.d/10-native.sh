#!/usr/bin/env bash
# Native debug build and the whole GoogleTest suite through CTest.
set -euo pipefail
cmake --preset debug >/dev/null
cmake --build --preset debug -j2
ctest --preset debug -j2
