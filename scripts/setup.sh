#!/usr/bin/env bash
# Installs what seclead needs on a fresh Debian machine. Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in cmake g++ clang libclang-rt-14-dev nlohmann-json3-dev libfmt-dev libgtest-dev libbenchmark-dev \
           emscripten chromium python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# Node may come from another repository than Debian's (npm bundled): check commands, not packages.
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# JavaScript dev tools (playwright-core drives Debian's /usr/bin/chromium; no browser download).
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
