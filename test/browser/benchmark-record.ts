import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './browser-support';

// Writes the web figures into docs/BENCHMARKS.md under "## Web", replacing that section only
// (other sections belong to other measurements).

export const BENCHMARKS = join(ROOT, 'docs/BENCHMARKS.md');

export interface WebFigure {
  modules: number;
  timesMs: number[];
  browser: string;
}

export function recordWebFigure(figure: WebFigure, now = new Date()): string {
  const sorted = [...figure.timesMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const section = [
    '## Web',
    '',
    `Opening a scenario of ${figure.modules} modules in the editor, from navigation start to the canvas being interactive`,
    '(React Flow initialised and every node measured: the `integrator:canvas-interactive` performance mark), in headless',
    'Chromium driven by playwright-core against the real server (test/browser/editor.e2e-spec.ts). Target: under 1000 ms.',
    '',
    '| Date | Machine | Browser | Loads (ms) | Best | Median |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${now.toISOString().slice(0, 10)} | ${cpus()[0]?.model.trim() ?? 'unknown CPU'} (${cpus().length} cores) | ${figure.browser} | ${figure.timesMs.map((t) => Math.round(t)).join(', ')} | ${Math.round(sorted[0])} | ${Math.round(median)} |`,
    '',
  ].join('\n');
  const before = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n';
  const start = before.search(/^## Web\s*$/m);
  let next: string;
  if (start < 0) next = `${before.replace(/\s*$/, '')}\n\n${section}`;
  else {
    const rest = before.slice(start + 1);
    const end = rest.search(/^## /m);
    next = before.slice(0, start) + section + (end < 0 ? '' : `\n${rest.slice(end)}`);
  }
  writeFileSync(BENCHMARKS, next);
  return section;
}
