// The report (contract section 3, schema "seclead.report/1"). Fields may be added in
// version 1 (never renamed or dropped); the index signatures leave room for them.
import type { RoleId, Sector } from "./profile.js";

export type LeadershipModel = "distributed" | "vciso" | "hybrid" | "dedicated-ciso" | "cso-with-ciso" | "cso-combined";
export type CisoReportsTo = "none" | "cio" | "ceo" | "board" | "cso" | "coo" | "cro";
export type DpoNeed = "required" | "recommended" | "not-required";
export type ObligationStatus = "met" | "gap" | "partial" | "not-applicable" | "unknown";
export type FindingKind =
  | "unowned" | "multiple-accountable" | "conflict" | "independence" | "overload"
  | "obligation-gap" | "collaboration" | "unknown-input";

export interface RationaleEntry {
  rule: string;
  effect: string;
  because: string;
  /** A seed file name (seeds/NNN_*.txt) or a regulation / obligation id. */
  source: string;
  [extra: string]: unknown;
}

export interface SensitivityEntry {
  /** JSON Pointer of the profile field. */
  field: string;
  from: unknown;
  to: unknown;
  model: LeadershipModel;
  [extra: string]: unknown;
}

export interface Leadership {
  model: LeadershipModel;
  cisoReportsTo: CisoReportsTo;
  dpo: DpoNeed;
  /** Per model, 0..100. */
  score: Partial<Record<LeadershipModel, number>>;
  rationale: RationaleEntry[];
  sensitivity: SensitivityEntry[];
  [extra: string]: unknown;
}

export interface Obligation {
  /** Contract section 6, e.g. "hipaa-security-official". */
  id: string;
  status: ObligationStatus;
  requires: string;
  roles: string[];
  source: string;
  [extra: string]: unknown;
}

export interface RaciRow {
  /** Contract section 4, e.g. "incident-response". */
  responsibility: string;
  R: string[];
  A: string;
  C: string[];
  I: string[];
  [extra: string]: unknown;
}

export interface Raci {
  roles: string[];
  rows: RaciRow[];
  [extra: string]: unknown;
}

export interface Finding {
  id: string;
  kind: FindingKind;
  severity: string;
  message: string;
  recommendation: string;
  roles?: string[];
  responsibility?: string;
  obligation?: string;
  [extra: string]: unknown;
}

export interface VcisoPlan {
  recommended: boolean;
  hoursPerMonth: number;
  monthlyCost: { low: number; high: number; currency: string };
  transitionTriggers: unknown[];
  [extra: string]: unknown;
}

export interface CollaborationPractice {
  challenge: string;
  practice: string;
  [extra: string]: unknown;
}

export interface RoadmapItem {
  horizon: "30-days" | "90-days" | "365-days" | string;
  action: string;
  owner: RoleId | string;
  [extra: string]: unknown;
}

export interface Report {
  schema: "seclead.report/1";
  engine: {
    version: string;
    knowledgeBase: { version: string; sha256: string };
    /** Knowledge overlays applied, in order. */
    overlays?: { name: string; sha256: string }[];
  };
  organization?: { name?: string; employees: number; sector: Sector; jurisdictions: string[]; sizeBand?: string; [extra: string]: unknown };
  leadership: Leadership;
  obligations: Obligation[];
  raci: Raci;
  /** Today's RACI, when the profile describes current roles and assignments. */
  currentRaci?: Raci;
  findings: Finding[];
  vciso: VcisoPlan;
  collaboration: CollaborationPractice[];
  roadmap: RoadmapItem[];
  /** JSON Pointers of the optional profile fields that were left out. */
  unknowns: string[];
  [extra: string]: unknown;
}
