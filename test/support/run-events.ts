import type { RunEvent } from '@integrator/engine';

/** A run's successful finish, as the runner publishes it (one operation, 1 ms). */
export function finishedEvent(executionId: string): RunEvent {
  return { type: 'execution.finished', executionId, status: 'success', operations: 1, durationMs: 1 };
}
