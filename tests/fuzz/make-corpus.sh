#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets into DIR (default build/fuzz/corpus):
#   profile/  every examples/*.json, every tests/scenarios/*.json "profile", tests/fuzz/regressions/*
#   overlay/  examples/overlays/*.json (when present), a minimal overlay, the regressions
#   report/   the JSON report of each profile, from the CLI named by SECLEAD_CLI (if built)
# Usage: tests/fuzz/make-corpus.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-build/fuzz/corpus}
rm -rf "$dir"
mkdir -p "$dir/profile" "$dir/overlay" "$dir/report"

python3 - "$dir" <<'PY'
import glob, hashlib, json, os, sys
out = sys.argv[1]
def put(sub, text):
    data = text if isinstance(text, bytes) else text.encode()
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(out, sub, name), "wb") as f:
        f.write(data)
for path in sorted(glob.glob("examples/*.json")):
    put("profile", open(path).read())
for path in sorted(glob.glob("tests/scenarios/*.json")):
    try:
        fixture = json.load(open(path))
    except ValueError:
        continue
    if isinstance(fixture, dict) and isinstance(fixture.get("profile"), dict):
        put("profile", json.dumps(fixture["profile"], indent=1))
for path in sorted(glob.glob("examples/overlays/*.json")):
    put("overlay", open(path).read())
put("overlay", '{"name": "seed"}')
for path in sorted(glob.glob("tests/fuzz/regressions/*")):
    text = open(path, "rb").read()
    put("profile", text)
    put("overlay", text)
    put("report", text)
PY

cli=${SECLEAD_CLI:-build/debug/plugins/cli/seclead}
if [ -x "$cli" ]; then
  for f in "$dir"/profile/*; do
    "$cli" assess "$f" >"$dir/report/$(basename "$f")" 2>/dev/null || rm -f "$dir/report/$(basename "$f")"
  done
fi
echo "corpus: $(ls "$dir/profile" | wc -l) profiles, $(ls "$dir/overlay" | wc -l) overlays, $(ls "$dir/report" | wc -l) reports in $dir"
