#!/usr/bin/env bash
# The main job: install, build, assess every example organization (a readable summary),
# write them as one portfolio table (dist/portfolio.csv), and build the offline page when the
# WebAssembly toolchain is there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target seclead
cli=build/release/plugins/cli/seclead
for profile in examples/*.json; do
  "$cli" assess "$profile" | python3 scripts/summarize.py "$profile"
done
# The same organizations as a consultant's portfolio: one profile per line in, one table out.
mkdir -p dist
for profile in examples/*.json; do
  python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False))' "$profile"
done > dist/portfolio.ndjson
"$cli" assess --batch dist/portfolio.ndjson --format summary --no-progress > dist/portfolio.csv
echo "portfolio table: dist/portfolio.csv ($(($(wc -l < dist/portfolio.csv) - 1)) organizations, one row each)"
if [ -x scripts/build-web.sh ]; then
  bash scripts/build-web.sh
fi
