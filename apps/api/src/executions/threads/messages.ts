import type { RunEvent, RunResult } from '@integrator/engine';
import type { StoredLog } from '../stored-log';

// What the main thread and a run thread say to each other (run-threads.ts, run-thread.ts).

/** The cloneable part of a run's options: the rest (clock, services, logger…) each side makes. */
export interface ThreadRunOptions {
  executionId: string;
  scenarioId: number;
  scenarioName: string;
  scenarioUrl?: string;
  organization: { name: string; timezone: string };
  trigger: string;
  input?: unknown;
  timeLimitMs: number;
  /** The organisation's private-network guard for the run's HTTP requests. */
  blockPrivateNetworks: boolean;
}

export type ToThread =
  /** `blueprint` comes with the first run of a scenario version on this thread. */
  | { t: 'run'; key: string; blueprint?: unknown; options: ThreadRunOptions }
  | { t: 'stop'; id: string }
  /** The main thread no longer tracks this compiled version as sent: the thread drops it. */
  | { t: 'forget'; key: string }
  | { t: 'reply'; n: number; ok: true; value: unknown }
  | { t: 'reply'; n: number; ok: false; error: ThreadError };

export type FromThread =
  | { t: 'ready' }
  | { t: 'event'; id: string; event: RunEvent }
  | {
      t: 'log';
      id: string;
      scenarioId: number;
      level: LogLevel;
      message: string;
      data?: Record<string, unknown>;
    }
  /** A call of a service a module reached through ctx.services, made on the main thread. */
  | { t: 'call'; n: number; service: string; method: string; args: unknown[] }
  /** The result holds no module logs: they come encoded, as they are stored. */
  | { t: 'done'; id: string; result: RunResult; stored: StoredLog; finished?: RunEvent }
  | { t: 'failed'; id: string; message: string };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** An error crossing threads with its own fields (a module error's kind and type). */
export type ThreadError = { message: string; name: string } & Record<string, unknown>;

export function errorOut(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { message: String(err), name: 'Error' };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) if (typeof v !== 'function') fields[k] = v;
  return Object.assign(fields, { message: err.message, name: err.name });
}

export function errorIn(e: ThreadError): Error {
  const err = new Error(e.message);
  return Object.assign(err, e);
}

/**
 * A Buffer crosses a thread as a plain Uint8Array (structured clone): made a Buffer again, as
 * the webhook answer and the stored records expect. Walks plain objects and arrays only.
 */
export function revive<T>(value: T, depth = 0): T {
  if (value instanceof Uint8Array)
    return (
      Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    ) as T;
  if (depth > 200) return value; // a clone may hold cycles; bundles are far shallower
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], depth + 1);
    return value;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const o = value as Record<string, unknown>;
    for (const k in o) o[k] = revive(o[k], depth + 1);
  }
  return value;
}
