#!/usr/bin/env python3
"""Prints a readable summary of a seclead report read from standard input (main job)."""
import json
import sys

r = json.load(sys.stdin)
org = r.get("organization", {})
lead = r["leadership"]
print(f"== {sys.argv[1] if len(sys.argv) > 1 else '-'}: {org.get('name', '(unnamed)')} "
      f"({org.get('employees')} staff, {org.get('sector')}, {', '.join(org.get('jurisdictions', []))})")
print(f"   recommended model: {lead['model']} (score {lead['score'][lead['model']]}/100); "
      f"CISO reports to: {lead['cisoReportsTo']}; DPO: {lead['dpo']}")
if lead.get("rationale"):
    top = lead["rationale"][0]
    print(f"   main reason: {top['because']} [{top['source']}]")
if lead.get("sensitivity"):
    s = lead["sensitivity"][0]
    print(f"   would change to {s['model']} if {s['field']} went from {s['from']} to {s['to']}")
if r["obligations"]:
    print("   obligations: " + ", ".join(f"{o['id']}={o['status']}" for o in r["obligations"]))
by = {}
for f in r["findings"]:
    by[f["severity"]] = by.get(f["severity"], 0) + 1
if by:
    order = ["critical", "high", "medium", "low"]
    print("   findings: " + ", ".join(f"{by[k]} {k}" for k in order if k in by))
v = r["vciso"]
c = v["monthlyCost"]
print(f"   vCISO: {'recommended' if v['recommended'] else 'not recommended'}, {v['hoursPerMonth']} h/month, "
      f"{c['low']:,.0f}-{c['high']:,.0f} {c['currency']}/month")
print(f"   roadmap: {len(r['roadmap'])} actions; first: {r['roadmap'][0]['action'] if r['roadmap'] else '-'}")
