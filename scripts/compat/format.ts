import { CORE_APPS, type CompatFigures, type Ranked } from './measure';

/** The figures as the terminal table docs/COMPAT.md quotes. */
export function formatFigures(f: CompatFigures, dir: string): string {
  const of = (n: number, whole: number) => `${n} (${whole ? ((100 * n) / whole).toFixed(1) : '0.0'} %)`;
  const lines = [
    `Make compatibility of ${dir}`,
    row('files', String(f.files)),
    row('imported', of(f.imported, f.files)),
    row('failed (bad JSON, not a blueprint)', String(f.failed.length)),
    row('read as our own format (not converted)', String(f.readAsOurs)),
    row('modules', String(f.modules)),
    row('modules mapped', `${f.mappedModules} (${f.mappedPct.toFixed(1)} %)`),
    row('exports with an unsupported core module', String(f.withUnsupportedCore)),
    row('exports with untranslated IML', String(f.withUntranslatedIml)),
    row(
      'exports clean (no unsupported core module, no untranslated IML)',
      `${f.clean} (${f.cleanPct.toFixed(1)} %)`,
    ),
    `core apps: ${CORE_APPS.join(', ')}`,
    '',
    'Most frequent unknown module keys (modules / exports; * = Make core app):',
    ...ranked(f.topUnknown, (u) => (u.core ? ' *' : '')),
    '',
    'Untranslated IML functions (expressions / exports):',
    ...ranked(f.untranslatedFunctions),
    '',
    'Other untranslated IML (expressions / exports):',
    ...ranked(f.otherUntranslatable),
  ];
  if (f.failed.length) {
    lines.push('', 'Failed files:');
    for (const x of f.failed) lines.push(`  ${x.file}: ${x.error}`);
  }
  return lines.join('\n');
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(66)} ${value}`;
}

function ranked<T extends Ranked>(list: T[], mark: (r: T) => string = () => ''): string[] {
  if (!list.length) return ['  (none)'];
  return list.map(
    (r) => `  ${String(r.count).padStart(5)} / ${String(r.files).padEnd(4)} ${r.key}${mark(r)}`,
  );
}
