// Types of the <seclead-assessment> custom element (seclead-assessment.js).

export type SecleadSection =
  | 'leadership'
  | 'obligations'
  | 'raci'
  | 'findings'
  | 'vciso'
  | 'collaboration'
  | 'roadmap'
  | 'unknowns';

/** The engine API the element needs (wasm/src/index.js after init()). */
export interface SecleadEngineApi {
  assess(profile: object | string, options?: { explain?: boolean; overlays?: string[] }): Record<string, unknown>;
  questionnaire(): { sections: Array<{ id: string; title?: string; questions: unknown[] }> } & Record<string, unknown>;
  version?(): unknown;
}

export interface SecleadErrorDetail {
  code: string;
  message: string;
  errors: Array<{ path: string; code: string; message: string; input?: string }>;
}

export declare class SecleadAssessment extends HTMLElement {
  /** A copy of the profile; set an object or JSON text to load (and assess) one. */
  profile: Record<string, unknown> | string | null;
  /** A copy of the last report; setting one shows it without running the engine. */
  report: Record<string, unknown> | string | null;
  /** Knowledge-overlay JSON texts passed to assess, merged in order. */
  overlays: string[];
  /** An already initialised engine to use instead of loading wasm/src/index.js. */
  engine: SecleadEngineApi | null;
  /** Resolves when the engine is loaded. */
  ready(): Promise<void>;
  /** Assesses now; resolves with the report, rejects with the engine's SecleadError. */
  assess(): Promise<Record<string, unknown>>;
}

/** Imports and initialises the engine module at `url` once (memoised). */
export declare function loadEngine(url?: string): Promise<SecleadEngineApi>;

/** Evaluates a questionnaire `visibleWhen` condition against a profile. */
export declare function evaluateCondition(condition: unknown, profile: Record<string, unknown>): boolean;

declare global {
  interface HTMLElementTagNameMap {
    'seclead-assessment': SecleadAssessment;
  }
  interface HTMLElementEventMap {
    'seclead-change': CustomEvent<Record<string, unknown>>;
    'seclead-report': CustomEvent<Record<string, unknown>>;
    'seclead-error': CustomEvent<SecleadErrorDetail>;
  }
}
