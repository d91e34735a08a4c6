import type { CompiledModule } from '../compile/types';
import type { ErrorInfo, IncompleteRecord, RetryPlan, RunResult, WebhookResponse } from './types';

// Small pure pieces of a run's outcome, kept out of the Execution class.

/** Break's mapper: retry (default on), count (default 3), interval in minutes (default 15). */
export function breakPlan(mapper: Record<string, unknown>): RetryPlan {
  if (mapper.retry === false || mapper.retry === 'false') return { mode: 'manual' };
  return {
    mode: 'break',
    attempts: Number(mapper.count ?? 3) || 3,
    intervalMinutes: Number(mapper.interval ?? 15) || 15,
  };
}

/** What a retry needs: the failed module, its input, and what it could read (its path's outputs). */
export function incompleteRecord(
  m: CompiledModule,
  outputs: unknown[],
  r: {
    error: ErrorInfo;
    cycle: number;
    variables: Record<string, unknown>;
    input: unknown;
    runInput: unknown;
    retry: RetryPlan;
    /** What the module reads when that is not its path's outputs (a Merge: its branch's). */
    readable?: number[];
  },
): IncompleteRecord {
  const visible: Record<number, unknown> = {};
  for (const id of r.readable ?? m.visible) visible[id] = outputs[id];
  return {
    moduleId: m.id,
    path: m.path,
    error: r.error,
    cycle: r.cycle,
    outputs: visible,
    variables: r.variables,
    input: r.input,
    runInput: r.runInput,
    retry: r.retry,
  };
}

export function toWebhookResponse(result: unknown): WebhookResponse {
  const r = (result ?? {}) as Partial<WebhookResponse>;
  return { status: Number(r.status ?? 200), headers: r.headers ?? {}, body: r.body };
}

/** Error beats warning beats success (make-semantics §3). */
export function runStatus(error: ErrorInfo | undefined, warnings: unknown[]): RunResult['status'] {
  return error ? 'error' : warnings.length ? 'warning' : 'success';
}
