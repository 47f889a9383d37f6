// The engine API (wasm/src/api.js): what bindEngine(module) returns.
import type { Profile } from "./profile.js";
import type { Report } from "./report.js";

/** One problem in an input (contract section 2). */
export interface SecleadErrorItem {
  /** RFC 6901 JSON Pointer into the input that was checked. */
  path: string;
  code: "syntax" | "type" | "range" | "enum" | "required" | "unknown-field" | "reference" | "limit" | "schema-version";
  message: string;
  /** Absent for the profile; "overlay[N]" for the N-th overlay. */
  input?: string;
}

/** Thrown for invalid input; `code` is the first error's code, or "internal" (then `errors` is empty). */
export declare class SecleadError extends Error {
  constructor(errors: SecleadErrorItem[], message?: string);
  readonly name: "SecleadError";
  readonly code: SecleadErrorItem["code"] | "internal";
  readonly errors: SecleadErrorItem[];
}

/** A profile, report or overlay: an object, JSON text, or its UTF-8 bytes. */
export type JsonInput<T> = T | string | Uint8Array | ArrayBuffer;

export interface AssessOptions {
  /** Also list obligations that do not apply, with the reason. Default false. */
  explain?: boolean;
  /** Knowledge overlays (objects or JSON text), merged in this order. Default []. */
  overlays?: JsonInput<object>[];
  /** assessJson: the report on one line (same tokens, no indentation), as batch lines are. Default false. */
  compact?: boolean;
  /**
   * assessJson: the report rendered in this format, exactly as render(report, format) gives
   * it, without writing and re-reading the JSON. Default "json". assess() accepts only "json".
   */
  format?: RenderFormat;
}

export type RenderFormat = "json" | "markdown" | "csv" | "html" | "oscal" | "summary";

export type ValidationResult = { valid: true } | { valid: false; errors: SecleadErrorItem[] };

/** One question of the questionnaire (its content is knowledge: core/knowledge/questionnaire.json). */
export interface Question {
  id: string;
  /** JSON Pointer of the profile field it sets. */
  pointer: string;
  type: string;
  options?: { value: unknown; label: string; [extra: string]: unknown }[];
  help?: string;
  visibleWhen?: unknown;
  [extra: string]: unknown;
}

export interface Questionnaire {
  sections: { id?: string; title?: string; questions?: Question[]; [extra: string]: unknown }[];
  [extra: string]: unknown;
}

export interface Versions {
  engine: string;
  knowledgeBase: string;
}

export interface Engine {
  /** Assesses a profile; returns the report. Throws SecleadError for invalid input. */
  assess(profile: JsonInput<Profile>, options?: AssessOptions): Report;
  /** Same, as JSON text byte-identical to the native CLI's output. */
  assessJson(profile: JsonInput<Profile>, options?: AssessOptions): string;
  /**
   * Checks a profile; never throws for an invalid profile (returns its errors). With
   * `overlays`, checks it against the knowledge as assess merges it (`explain` changes nothing).
   */
  validate(profile: JsonInput<Profile>, options?: AssessOptions): ValidationResult;
  /** Renders a report (as returned by assess, or its JSON text). Default format "json". */
  render(report: JsonInput<Report>, format?: RenderFormat): string;
  /** The ordered questions that fill a profile. */
  questionnaire(): Questionnaire;
  version(): Versions;
}

/**
 * The Emscripten module instance (seclead_engine.mjs or createSecleadEngine()). Opaque: each
 * function returns a view of the UTF-8 reply "ok\n..." ("ok7 <start>+<length>...\n..." listing its non-ASCII runs) or "error\n{...}" in the module's
 * memory, valid until the next call (see wasm/bindings.cpp).
 */
export interface SecleadWasmModule {
  /** A view of an n-byte buffer in the module's memory: write the next call's text (UTF-8) into it. */
  input(byteLength: number): Uint8Array;
  /** Assesses the input. overlays: each overlay's UTF-8 text as "<byte length>:<text>", concatenated; "" for none. */
  assess(explain: boolean, overlays: string | Uint8Array, compact: boolean, format: string): Uint8Array;
  /** Validates the input. */
  validate(overlays: string | Uint8Array): Uint8Array;
  /** Renders the input (a report). */
  render(format: string): Uint8Array;
  questionnaire(): Uint8Array;
  version(): Uint8Array;
}

export declare function bindEngine(module: SecleadWasmModule): Engine;
