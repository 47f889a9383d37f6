// @seclead/engine/worker (wasm/src/worker.js).
import type { AssessOptions, Engine, JsonInput, Questionnaire, RenderFormat, ValidationResult, Versions } from "./api.js";
import type { InitOptions } from "./index.js";
import type { Profile } from "./profile.js";
import type { Report } from "./report.js";

/** Request and reply messages between the page and the worker. */
export interface WorkerRequest {
  id: number;
  method: "init" | "assess" | "assessJson" | "validate" | "render" | "questionnaire" | "version";
  args: unknown[];
}
export type WorkerReply =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string; code: string; errors: unknown[] } };

/** The engine API over a Worker: every method returns a Promise; errors are SecleadError. */
export interface WorkerClient {
  init(options?: InitOptions): Promise<true>;
  assess(profile: JsonInput<Profile>, options?: AssessOptions): Promise<Report>;
  assessJson(profile: JsonInput<Profile>, options?: AssessOptions): Promise<string>;
  validate(profile: JsonInput<Profile>, options?: AssessOptions): Promise<ValidationResult>;
  render(report: JsonInput<Report>, format?: RenderFormat): Promise<string>;
  questionnaire(): Promise<Questionnaire>;
  version(): Promise<Versions>;
  terminate(): void;
}

export declare function createWorkerClient(worker: Worker): WorkerClient;

/** Serves the protocol on a worker scope with an engine factory (used by the entry itself). */
export declare function serveEngine(
  scope: { addEventListener(type: "message", listener: (event: MessageEvent) => void): void; postMessage(message: WorkerReply): void },
  createEngine: (options: InitOptions) => Engine | Promise<Engine>,
): void;
