#!/usr/bin/env bash
# Every JSON file we ship parses (one interpreter for all files: cheap on a loaded machine).
set -euo pipefail
python3 - core/knowledge/*.json examples/*.json examples/overlays/*.json tests/scenarios/*.json <<'PY'
import glob, json, sys
bad = []
for path in sys.argv[1:]:
    if "*" in path:
        continue
    try:
        with open(path, encoding="utf-8") as f:
            json.load(f)
    except Exception as e:  # report every broken file, not just the first
        bad.append(f"{path}: {e}")
print("\n".join(bad) if bad else f"json files: {len(sys.argv) - 1} ok")
sys.exit(1 if bad else 0)
PY
