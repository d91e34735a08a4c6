import type { ResolvedConnection } from '@integrator/sdk';
import type { CompiledModule } from '../compile/types';
import type { Scope } from '../mapping/expression';
import type { ContextDeps } from './context';
import type { RunOptions } from './types';

// What Make's IML needs from the run (its system variables, the scope expressions read), what
// module contexts share, and whether Make's ignore left an aggregated bundle with no mapped field.

/** Make's system variables (var.scenario.id…): what this run knows, the rest left out. */
export function systemVariables(id: string, startedAt: number, o: RunOptions): Record<string, unknown> {
  return {
    scenario: { id: o.scenarioId, name: o.scenarioName, url: o.scenarioUrl },
    execution: { id, startedAt: new Date(startedAt).toISOString() },
    team: { ...o.team },
    organization: { ...o.organization },
  };
}

/**
 * What the expressions of one run see. The system variables are built on first use: only
 * JSONata reads them ($var), and most runs' plain references never do (issue 14: they showed
 * in every run's profile).
 */
export class RunScope implements Scope {
  readonly execution: { id: string; cycle: number; startedAt: number };
  readonly timezone: string | undefined;
  private system: Record<string, unknown> | undefined;

  constructor(
    readonly outputs: unknown[],
    readonly input: unknown,
    id: string,
    startedAt: number,
    readonly now: () => number,
    private readonly options: RunOptions,
  ) {
    this.execution = { id, cycle: 0, startedAt };
    this.timezone = options.organization?.timezone ?? options.team?.timezone;
  }

  get vars(): Record<string, unknown> {
    return (this.system ??= systemVariables(this.execution.id, this.execution.startedAt, this.options));
  }
}

/** What every module context of one run shares. */
export function contextDeps(
  id: string,
  startedAt: number,
  options: RunOptions,
  rest: Pick<ContextDeps, 'clock' | 'logger' | 'variables' | 'stop'>,
): ContextDeps {
  return {
    executionId: id,
    options,
    ...rest,
    connections: new Map<number, ResolvedConnection>(),
    info: {
      id,
      scenarioId: options.scenarioId,
      startedAt,
      cycle: 0,
      trigger: options.trigger ?? 'manual',
      scenarioName: options.scenarioName,
      scenarioUrl: options.scenarioUrl,
      team: options.team,
      organization: options.organization,
    },
    services: options.services ?? {},
    http: new Map(),
  };
}

/** The mapper had fields besides the group-by, and ignore left none of them. */
export function allIgnored(m: CompiledModule, raw: Record<string, unknown> | undefined): boolean {
  const mapped = Object.keys(m.node.mapper ?? {}).filter((k) => k !== 'groupBy');
  return mapped.length > 0 && !mapped.some((k) => raw !== undefined && k in raw);
}
