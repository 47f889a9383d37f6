// The organization profile (contract section 1, schema "seclead.profile/1"). A missing
// optional field means "unknown"; the report lists which conclusions it weakened.

export type Sector =
  | "banking" | "insurance" | "financial-services" | "healthcare" | "pharmaceuticals"
  | "government" | "defense" | "energy" | "utilities" | "transport" | "telecom"
  | "digital-infrastructure" | "manufacturing" | "chemicals" | "food" | "retail"
  | "technology" | "professional-services" | "education" | "research" | "media"
  | "hospitality" | "nonprofit" | "other";

export type RoleId =
  | "board" | "ceo" | "cfo" | "coo" | "cio" | "cto" | "ciso" | "cso" | "vciso" | "dpo" | "cro"
  | "general-counsel" | "compliance-officer" | "internal-audit" | "it-manager"
  | "security-manager" | "facilities-manager" | "hr-director" | "privacy-officer";

export type Level = "low" | "medium" | "high";
export type Scale = "none" | "limited" | "large-scale";

/** An amount with its ISO 4217 currency code. */
export interface Money {
  amount: number;
  currency: string;
}

export interface Organization {
  /** <= 200 characters, free text (never trusted as markup). */
  name?: string;
  /** Integer >= 1. */
  employees: number;
  annualRevenue?: Money;
  /** NIS2 / DORA size tests. */
  balanceSheetTotal?: Money;
  /** NYDFS small-entity test. */
  totalAssets?: Money;
  sector: Sector;
  /** >= 1; ISO 3166-1 alpha-2 ("DE"), or alpha-2 + "-" + subdivision ("US-NY"). */
  jurisdictions: string[];
  /** Countries where its securities are listed ([] = private). */
  publiclyListed?: string[];
  /** Integer >= 1: physical locations. */
  sites?: number;
  /** Runs OT/ICS (plants, grids, medical devices). */
  operationalTechnology?: boolean;
  /** Designated critical infrastructure operator. */
  criticalInfrastructure?: boolean;
  publicSectorBody?: "none" | "us-federal-agency" | "public-authority";
}

export interface DataProfile {
  personalData?: Scale;
  /** Health, biometric, genetic, ... */
  specialCategoryData?: Scale;
  /** Tracking, profiling, CCTV of public areas. */
  systematicMonitoring?: Scale;
  hipaa?: "none" | "covered-entity" | "business-associate";
  paymentCards?: "none" | "merchant" | "service-provider";
  /** Value of trade secrets / IP to the business. */
  intellectualProperty?: Level;
}

export interface Regulatory {
  /** Licensed/regulated by the NY Department of Financial Services. */
  nydfsCovered?: boolean;
  /** In DORA's scope (bank, insurer, investment firm, ...). */
  euFinancialEntity?: boolean;
  /** auto: derive from sector, size, jurisdictions. */
  nis2?: "auto" | "essential" | "important" | "none";
  /** Open enum: "iso27001", "soc2", "nist-csf", ... */
  frameworks?: string[];
}

export interface Risk {
  physicalRisk?: Level;
  cyberThreat?: Level;
  /** Integer >= 0: material security incidents. */
  incidentsLast24Months?: number;
  riskAppetite?: "averse" | "balanced" | "seeking";
  /** Integer 1..5 (1 = ad hoc, 5 = optimised). */
  securityMaturity?: 1 | 2 | 3 | 4 | 5;
}

export interface Strategy {
  priority?: "growth" | "efficiency" | "digital-transformation" | "security-and-compliance";
  cloud?: "on-premises" | "hybrid" | "cloud-first";
  workforce?: "on-site" | "hybrid" | "remote";
}

export interface Budget {
  it?: Money;
  security?: Money;
  canFundFullTimeSecurityExecutive?: boolean;
}

export interface CurrentRole {
  id: string;
  role: RoleId;
  /** Another entry's id, or a role id. */
  reportsTo?: string;
  employment?: "internal" | "external" | "affiliate";
  /** 0 < fte <= 1. */
  fte?: number;
  /** Role ids that the same person also holds. */
  alsoActsAs?: RoleId[];
}

export interface Assignment {
  /** A currentRoles id. */
  accountable?: string;
  /** currentRoles ids. */
  responsible?: string[];
}

export interface Profile {
  schema: "seclead.profile/1";
  organization: Organization;
  data?: DataProfile;
  regulatory?: Regulatory;
  risk?: Risk;
  strategy?: Strategy;
  budget?: Budget;
  currentRoles?: CurrentRole[];
  /** Today's owner per responsibility id (contract section 4). */
  currentAssignments?: Record<string, Assignment>;
  /** Optional caller settings the engine may accept (an added optional field). */
  settings?: Record<string, unknown>;
}
