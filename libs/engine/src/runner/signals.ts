import type { ErrorInfo, RetryPlan } from './types';

// Control flow across the depth-first recursion. Not Errors: no stack is captured.

/** Ends the run: commit (Commit directive, interruption) or rollback (unhandled error). */
export class StopRun {
  constructor(
    readonly mode: 'commit' | 'rollback' | 'interrupt',
    readonly error?: ErrorInfo,
  ) {}
}

export type DirectiveOutcome =
  | { name: 'ignore' }
  | { name: 'resume'; output: Record<string, unknown> }
  | { name: 'commit' }
  | { name: 'rollback' }
  | { name: 'break'; retry: RetryPlan };

/** Raised by a directive module at the end of an error-handler route. */
export class DirectiveSignal {
  constructor(readonly outcome: DirectiveOutcome) {}
}
