import type { ReadText } from '../data/types';
import type { CoreEvent, Envelope } from '../protocol/messages';

/**
 * What a host (Electron utility process, Web Worker, Node) gives the session:
 * the whole surface the core sees of its environment. The host adapters that
 * provide it live in src/core/host/.
 */
export interface CorePort {
  /** Send an event; `transfer` lists ArrayBuffers the host may move instead of copying (ignored where it cannot). */
  post(event: Envelope<CoreEvent>, transfer: ArrayBuffer[]): void;
  /** Register the handler for incoming (unvalidated) messages. */
  onMessage(handler: (data: unknown) => void): void;
}

export interface HostServices {
  /** Monotonic milliseconds. */
  now(): number;
  /** Run `fn` soon, after pending messages have been handled (setImmediate / MessageChannel / setTimeout 0). */
  schedule(fn: () => void): void;
  /** Run `fn` after about `ms` milliseconds (a throttled run waits between slices); falls back to `schedule`. */
  later?(fn: () => void, ms: number): void;
  /** Reads files an experiment names (CSV); absent in hosts without a file system (they send `files` with `load`). */
  readText?: ReadText;
}
