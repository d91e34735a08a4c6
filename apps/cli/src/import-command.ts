import type { Writable } from 'node:stream';
import { compileBlueprint, type ModuleRegistry } from '@integrator/engine';
import { loadScenario, reportLines } from './blueprint-file';

// `integrator import FILE…`: every file is converted on its own; a bad one is reported and the
// rest still go through.

export function importCommand(
  files: string[],
  json: boolean,
  registry: ModuleRegistry,
  out: Writable,
): number {
  let failed = 0;
  for (const file of files) {
    let line: Record<string, unknown>;
    try {
      const { blueprint, report } = loadScenario(file, registry);
      const issues = compileBlueprint(blueprint, registry).issues;
      line = { file, ok: true, blueprint, report, issues };
    } catch (e) {
      failed++;
      line = { file, ok: false, error: (e as Error).message };
    }
    out.write(json ? `${JSON.stringify(line)}\n` : summary(line));
  }
  return failed ? 1 : 0;
}

function summary(line: Record<string, unknown>): string {
  if (!line.ok) return `${String(line.file)}: FAILED ${String(line.error)}\n`;
  const { report, issues } = line as unknown as {
    report: Parameters<typeof reportLines>[0];
    issues: Array<{ path: string; message: string }>;
  };
  const from = report.format === 'make' ? 'converted from Make' : 'already in our format';
  const head =
    `${String(line.file)}: ok, ${from}; ${report.unknownModules.length} unknown module(s), ` +
    `${report.untranslatable.length} untranslatable expression(s), ${issues.length} validation issue(s)`;
  const body = [...reportLines(report), ...issues.map((i) => `invalid: ${i.path}: ${i.message}`)].map(
    (l) => `  ${l}`,
  );
  return `${[head, ...body].join('\n')}\n`;
}
