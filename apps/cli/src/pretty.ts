import type { RunResult, ValidationIssue } from '@integrator/engine';

// A readable per-module table for --pretty.

export function prettyResult(result: RunResult): string {
  const rows = result.modules.map((m) => [
    String(m.id),
    m.module,
    m.label,
    String(m.operations),
    String(m.bundlesOut),
    m.errors ? String(m.errors) : '',
  ]);
  const lines = [
    `Status: ${result.status}   operations: ${result.operations}   cycles: ${result.cycles}   duration: ${result.durationMs} ms   data: ${result.dataSize} B`,
    '',
    ...table(['id', 'module', 'label', 'ops', 'bundles out', 'errors'], rows),
  ];
  if (result.error)
    lines.push(
      '',
      `Error in module ${result.error.moduleId ?? '-'} (${result.error.type}, ${result.error.kind}): ${result.error.message}`,
    );
  for (const w of result.warnings) lines.push(`Warning (${w.type}): ${w.message}`);
  for (const r of result.incomplete)
    lines.push(`Incomplete execution at module ${r.moduleId} (${r.path}), retry: ${r.retry.mode}`);
  if (result.response)
    lines.push('', `Webhook response ${result.response.status}: ${JSON.stringify(result.response.body)}`);
  return lines.join('\n');
}

export function prettyIssues(issues: ValidationIssue[]): string {
  return issues.length ? issues.map((i) => `${i.path}: ${i.message}`).join('\n') : 'The scenario is valid.';
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
