import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  importBlueprint,
  ModuleRegistry,
  runScenario,
  type Blueprint,
  type ModuleNode,
  type RunOptions,
} from '@integrator/engine';
import type { AppDefinition } from '@integrator/sdk';

// Runs small flows of Make's core modules, and imports Make-shaped blueprints, for the specs of
// the built-in, text parser and Markdown apps.

export type Result = Awaited<ReturnType<typeof runScenario>>;

export function harness(apps: AppDefinition[] = []) {
  const registry = new ModuleRegistry([...builtinApps, ...apps]);
  const compile = (flow: ModuleNode[]) => compileBlueprint({ name: 'test', flow, metadata: {} }, registry);
  return {
    registry,
    compile,
    /** Validation messages of a flow, "path: message". */
    issues: (flow: ModuleNode[]) => compile(flow).issues.map((i) => `${i.path}: ${i.message}`),
    async run(flow: ModuleNode[], options: RunOptions = {}): Promise<Result> {
      const compiled = compile(flow);
      if (compiled.issues.length)
        throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      return runScenario(compiled, options);
    },
    /** Imports a Make export (marked by its zone) and runs it: both must succeed. */
    async importAndRun(flow: unknown[], options: RunOptions = {}) {
      const imported = importBlueprint(
        { name: 'From Make', flow, metadata: { zone: 'eu1.make.com', scenario: { roundtrips: 1 } } },
        registry,
      );
      const compiled = compileBlueprint(imported.blueprint as Blueprint, registry);
      const issues = compiled.issues.map((i) => `${i.path}: ${i.message}`);
      const result = issues.length ? undefined : await runScenario(compiled, options);
      return { ...imported, issues, result };
    },
  };
}

export const hook = (id = 1): ModuleNode => ({ id, module: 'gateway:CustomWebHook', version: 1 });

export function outputsOf(result: Result | undefined, id: number): Array<Record<string, unknown>> {
  const m = result?.modules.find((x) => x.id === id);
  return (m?.ops ?? []).flatMap((op) => (op.output ?? []) as Array<Record<string, unknown>>);
}

export function errorOf(result: Result, id: number) {
  return result.modules.find((x) => x.id === id)?.ops.find((op) => op.error)?.error;
}
