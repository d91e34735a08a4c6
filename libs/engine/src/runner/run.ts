import type { CompiledScenario } from '../compile/types';
import { Execution } from './execution';
import type { IncompleteRecord, RunOptions, RunResult } from './types';

export class InvalidScenarioError extends Error {
  constructor(readonly issues: CompiledScenario['issues']) {
    super(`the scenario is not valid:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  }
}

/** Runs a compiled scenario. Refuses an invalid one (its issues say why). */
export function runScenario(scenario: CompiledScenario, options: RunOptions = {}): Promise<RunResult> {
  if (scenario.issues.length) return Promise.reject(new InvalidScenarioError(scenario.issues));
  return new Execution(scenario, options).run();
}

/** Retries an incomplete execution from the module that failed. */
export function resumeIncomplete(
  scenario: CompiledScenario,
  record: IncompleteRecord,
  options: RunOptions = {},
): Promise<RunResult> {
  if (scenario.issues.length) return Promise.reject(new InvalidScenarioError(scenario.issues));
  return new Execution(scenario, { trigger: 'retry', ...options }).resume(record);
}
