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
  report=$("$cli" assess "$profile")
  python3 - "$profile" <<<"$report" <<'PY'
import json, sys
r = json.load(sys.stdin)
org = r.get("organization", {})
lead = r["leadership"]
print(f"== {sys.argv[1]}: {org.get('name', '(unnamed)')} ({org.get('employees')} staff, {org.get('sector')})")
print(f"   model {lead['model']}, CISO reports to {lead['cisoReportsTo']}, DPO {lead['dpo']}")
obl = r["obligations"]
if obl:
    print("   obligations: " + ", ".join(f"{o['id']}={o['status']}" for o in obl))
fnd = r["findings"]
if fnd:
    print(f"   findings: {len(fnd)} (" + ", ".join(sorted({f['severity'] for f in fnd})) + ")")
v = r["vciso"]
if v["recommended"]:
    c = v["monthlyCost"]
    print(f"   vCISO: {v['hoursPerMonth']} h/month, {c['low']:.0f}-{c['high']:.0f} {c['currency']}/month")
PY
done
if [ -x scripts/build-web.sh ]; then
  bash scripts/build-web.sh
fi
