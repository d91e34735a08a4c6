import type { CompiledScenario } from '../compile/types';
import { Execution } from './execution';
import type { IncompleteRecord, RunOptions, RunResult } from './types';

export class InvalidScenarioError extends Error {
  constructor(readonly issues: CompiledScenario['issues']) {
    super(`the scenario is not valid:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  }
}

// A module field (mapper) left empty: its path ends under ".mapper" and the check said so.
const MISSING_MAPPER_FIELD = /\.mapper[.[]/;

/** Whether an issue is a required module field left empty (what Run once lets through). */
export function isMissingMapperField(issue: { path: string; message: string }): boolean {
  return issue.message === 'is required' && MISSING_MAPPER_FIELD.test(issue.path);
}

/**
 * The scenario as Run once takes it, as in Make: required module fields still empty do not stop
 * the run; the modules before run, and the first module without its value fails its bundle
 * ("is required", from the coercer). Every other issue still refuses the run.
 */
export function forRunOnce(scenario: CompiledScenario): CompiledScenario {
  const issues = scenario.issues.filter((i) => !isMissingMapperField(i));
  return issues.length === scenario.issues.length ? scenario : Object.assign({}, scenario, { issues });
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
