// Types of the seclead iframe-embed host SDK (host.js). Protocol: plugins/README.md.

export declare const PROTOCOL: 'seclead-embed';
export declare const PROTOCOL_VERSION: 1;
/** A `resize` with a height above this (CSS pixels) is ignored. */
export declare const MAX_RESIZE_HEIGHT: 100000;

/** One problem in a profile (contract section 2). */
export interface SecleadInputError {
  path: string;
  code: 'syntax' | 'type' | 'range' | 'enum' | 'required' | 'unknown-field' | 'reference' | 'limit' | 'schema-version';
  message: string;
  input?: string;
}

export type EmbedErrorCode =
  | 'malformed'
  | 'unsupported-version'
  | 'unknown-type'
  | 'unexpected-type'
  | 'invalid-profile'
  | 'invalid-overlay'
  | 'engine-unavailable'
  | 'internal'
  | 'timeout'
  | 'destroyed';

export interface EmbedError {
  code: EmbedErrorCode | string;
  message: string;
  /** With `invalid-profile`: the engine's error list. */
  errors?: SecleadInputError[];
}

export interface EmbedMessage {
  protocol: 'seclead-embed';
  version: 1;
  type: 'init' | 'load-profile' | 'report' | 'error' | 'resize';
  id?: string | number;
  payload?: Record<string, unknown>;
}

export interface ReadyInfo {
  ready: true;
  protocol: 1;
  engine: { engine: string; knowledgeBase: unknown } | null;
}

export interface MountOptions {
  /** The frame's origin, exactly (e.g. "https://seclead.example"); never "*". */
  allowedOrigin: string;
  onReport?: (report: Record<string, unknown>, id: string | number | undefined) => void;
  onError?: (error: EmbedError, id: string | number | undefined) => void;
  onReady?: (info: ReadyInfo) => void;
  /**
   * The frame's content is now `height` CSS pixels tall (an integer; called when it changes).
   * With `autoResize` the iframe's height has already been set to it.
   */
  onResize?: (height: number) => void;
  /**
   * Set the iframe's height (inline style) from the frame's `resize` messages so that it
   * shows the whole content without a scrollbar of its own. Default true.
   */
  autoResize?: boolean;
  /**
   * Diagnostics: a message that was dropped (wrong origin or source, not this protocol, or a
   * `resize` whose height is not a finite number in 0..MAX_RESIZE_HEIGHT).
   */
  onIgnored?: (event: MessageEvent) => void;
}

export interface LoadOptions {
  explain?: boolean;
  /** Knowledge overlays as JSON texts, merged in this order. */
  overlays?: string[];
}

export interface Embed {
  /** Resolves when the frame answered the init handshake. */
  readonly ready: Promise<ReadyInfo>;
  /** Sends a profile; resolves with its report, rejects with an Error carrying {code, errors?}. */
  loadProfile(profile: Record<string, unknown> | string, options?: LoadOptions): Promise<Record<string, unknown>>;
  /** Removes the listeners and rejects pending calls with code "destroyed". */
  destroy(): void;
}

/** Connects to a seclead frame. Throws a TypeError for an unsafe or malformed allowedOrigin. */
export declare function mount(iframe: HTMLIFrameElement, options: MountOptions): Embed;
