import type { CompiledModule } from '../compile/types';
import type { RunOptions } from './types';

// What Make's IML needs from the run: its system variables, and whether Make's ignore left an
// aggregated bundle with no mapped field.

/** Make's system variables (var.scenario.id…): what this run knows, the rest left out. */
export function systemVariables(id: string, startedAt: number, o: RunOptions): Record<string, unknown> {
  return {
    scenario: { id: o.scenarioId, name: o.scenarioName, url: o.scenarioUrl },
    execution: { id, startedAt: new Date(startedAt).toISOString() },
    team: { ...o.team },
    organization: { ...o.organization },
  };
}

/** The mapper had fields besides the group-by, and ignore left none of them. */
export function allIgnored(m: CompiledModule, raw: Record<string, unknown> | undefined): boolean {
  const mapped = Object.keys(m.node.mapper ?? {}).filter((k) => k !== 'groupBy');
  return mapped.length > 0 && !mapped.some((k) => raw !== undefined && k in raw);
}
