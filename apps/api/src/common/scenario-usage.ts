import type { DataSource } from 'typeorm';
import { ScenarioEntity } from '@integrator/persistence';

export type UsedBy = Array<{ id: number; name: string }>;

/**
 * Which scenarios use each referenced record (connection, custom connector…), keyed by the
 * record's id as a string. `refsOf` lists the ids one blueprint refers to.
 */
export async function scenarioUsage(
  db: DataSource,
  refsOf: (blueprint: unknown) => Iterable<string>,
): Promise<Map<string, UsedBy>> {
  const scenarios = await db
    .getRepository(ScenarioEntity)
    .find({ select: { id: true, name: true, blueprint: true } });
  const usage = new Map<string, UsedBy>();
  for (const s of scenarios) {
    for (const ref of refsOf(s.blueprint))
      usage.set(ref, [...(usage.get(ref) ?? []), { id: s.id, name: s.name }]);
  }
  return usage;
}
