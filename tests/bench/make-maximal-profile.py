#!/usr/bin/env python3
"""Writes tests/bench/maximal-profile.json: the largest realistic profile the benchmarks use.
Every section and optional field filled, 120 current roles (every contract role id, several
times, in a reporting tree, with alsoActsAs) and an assignment for every responsibility id
(contract section 4) with several responsible people. Deterministic: same output every run.
Usage: python3 tests/bench/make-maximal-profile.py"""
import json, os

ROLES = ["board", "ceo", "cfo", "coo", "cio", "cto", "ciso", "cso", "vciso", "dpo", "cro", "general-counsel",
         "compliance-officer", "internal-audit", "it-manager", "security-manager", "facilities-manager",
         "hr-director", "privacy-officer"]
RESPONSIBILITIES = """security-strategy security-governance security-policy security-budget board-reporting
executive-collaboration regulatory-watch regulatory-compliance privacy-compliance security-audit
cyber-risk-management physical-risk-management third-party-security vendor-relationships fraud-prevention
insider-risk ip-protection incident-response crisis-management threat-monitoring vulnerability-management
security-awareness-training security-team-management data-security identity-and-access physical-security
law-enforcement-liaison business-continuity disaster-recovery it-strategy digital-transformation
infrastructure-management it-cost-management it-operations data-analytics application-management
secure-architecture""".split()

roles = []
for i in range(120):
    role = ROLES[i % len(ROLES)]
    entry = {"id": f"p{i:03d}", "role": role}
    # A tree: the first person reports to the board role, the others to an earlier entry.
    entry["reportsTo"] = "board" if i == 0 else f"p{(i - 1) // 3:03d}"
    entry["employment"] = ["internal", "internal", "external", "affiliate"][i % 4]
    entry["fte"] = [1.0, 0.5, 0.8, 0.2][i % 4]
    if i % 5 == 0:
        entry["alsoActsAs"] = [ROLES[(i + 3) % len(ROLES)], ROLES[(i + 7) % len(ROLES)]]
    roles.append(entry)

assignments = {}
for k, resp in enumerate(RESPONSIBILITIES):
    assignments[resp] = {"accountable": f"p{(k * 7) % 120:03d}",
                         "responsible": [f"p{(k * 7 + j * 13) % 120:03d}" for j in range(1, 5)]}

profile = {
    "schema": "seclead.profile/1",
    "organization": {
        "name": "Maximal Benchmark Holdings (every field filled)",
        "employees": 48000,
        "annualRevenue": {"amount": 21000000000, "currency": "USD"},
        "balanceSheetTotal": {"amount": 64000000000, "currency": "EUR"},
        "totalAssets": {"amount": 70000000000, "currency": "USD"},
        "sector": "banking",
        "jurisdictions": ["US", "US-NY", "US-CA", "DE", "FR", "IE", "NL", "GB", "SG", "IN", "AU", "JP"],
        "publiclyListed": ["US", "DE"],
        "sites": 140,
        "operationalTechnology": True,
        "criticalInfrastructure": True,
        "publicSectorBody": "none",
    },
    "data": {"personalData": "large-scale", "specialCategoryData": "large-scale", "systematicMonitoring": "large-scale",
             "hipaa": "business-associate", "paymentCards": "service-provider", "intellectualProperty": "high"},
    "regulatory": {"nydfsCovered": True, "euFinancialEntity": True, "nis2": "auto",
                   "frameworks": ["iso27001", "soc2", "nist-csf", "pci-dss", "cobit", "iso22301"]},
    "risk": {"physicalRisk": "high", "cyberThreat": "high", "incidentsLast24Months": 9, "riskAppetite": "averse",
             "securityMaturity": 3},
    "strategy": {"priority": "digital-transformation", "cloud": "hybrid", "workforce": "hybrid"},
    "budget": {"it": {"amount": 1400000000, "currency": "USD"}, "security": {"amount": 180000000, "currency": "USD"},
               "canFundFullTimeSecurityExecutive": True},
    "currentRoles": roles,
    "currentAssignments": assignments,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "maximal-profile.json")
with open(path, "w") as f:
    json.dump(profile, f, indent=2)
    f.write("\n")
print(f"{path}: {os.path.getsize(path)} bytes, {len(roles)} roles, {len(assignments)} assignments")
