import type { Writable } from 'node:stream';
import type { ModuleRegistry } from '@integrator/engine';

// `integrator modules`: every key a blueprint may use here, ours and Make's that import onto ours.

export interface ModuleListing {
  key: string;
  label: string;
  app: string;
  kind: string;
  /** For a Make key: the module of ours it imports as. */
  importsAs?: string;
}

export function moduleListing(registry: ModuleRegistry): ModuleListing[] {
  const rows: ModuleListing[] = [];
  for (const app of registry.apps) {
    for (const m of app.modules) {
      const base = { label: m.label, app: app.key, kind: m.kind };
      rows.push({ key: m.key, ...base });
      for (const makeKey of m.make?.keys ?? []) rows.push({ key: makeKey, ...base, importsAs: m.key });
    }
  }
  return rows;
}

export function modulesCommand(json: boolean, registry: ModuleRegistry, out: Writable): number {
  const rows = moduleListing(registry);
  if (json) {
    out.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.key.length));
  const kindWidth = Math.max(...rows.map((r) => r.kind.length));
  for (const r of rows) {
    const label = r.importsAs ? `${r.label} (Make's key, imports as ${r.importsAs})` : r.label;
    out.write(`${r.key.padEnd(width)}  ${r.kind.padEnd(kindWidth)}  ${r.app}: ${label}\n`);
  }
  return 0;
}
