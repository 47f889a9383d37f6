// @seclead/engine (wasm/src/index.js).
import type { AssessOptions, Engine, JsonInput, Questionnaire, RenderFormat, ValidationResult, Versions } from "./api.js";
import type { Profile } from "./profile.js";
import type { Report } from "./report.js";

export * from "./api.js";
export * from "./profile.js";
export * from "./report.js";

export interface InitOptions {
  /** The bytes of seclead_engine.wasm. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where seclead_engine.wasm is: (file, directory) => URL or path. */
  locateFile?: (file: string, directory: string) => string;
}

/** Instantiates the module once (memoised; later calls return the same engine). */
export declare function init(options?: InitOptions): Promise<Engine>;

/** The functions below need `await init()` first. */
export declare function assess(profile: JsonInput<Profile>, options?: AssessOptions): Report;
export declare function assessJson(profile: JsonInput<Profile>, options?: AssessOptions): string;
export declare function validate(profile: JsonInput<Profile>, options?: AssessOptions): ValidationResult;
export declare function render(report: JsonInput<Report>, format?: RenderFormat): string;
export declare function questionnaire(): Questionnaire;
export declare function version(): Versions;
