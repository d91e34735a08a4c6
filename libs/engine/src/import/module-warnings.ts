import type { AnyModuleDefinition } from '@integrator/sdk';
import { undeclaredKeys } from '../compile/strict';
import type { ImportReport } from './report';

// What the import could not carry over is also written on the module itself
// (`metadata.integrator.warnings`), so the editor shows it where the user works.

type Node = Record<string, unknown>;

/** Where the report stood before a module was imported; what it grew by is that module's. */
export interface ReportMark {
  notes: number;
  untranslatable: number;
  connections: number;
  unknown: number;
  translated: number;
}

export function markReport(report: ImportReport): ReportMark {
  return {
    notes: report.notes.length,
    untranslatable: report.untranslatable.length,
    connections: report.connectionsToChoose.length,
    unknown: report.unknownModules.length,
    translated: report.translatedExpressions.length,
  };
}

export const DATE_NOTE =
  'formatDate and parseDate without a time zone argument use UTC here; Make used the time zone of your organization.';

/** The warnings the report gained since `mark`, written on the module when there are any. */
export function attachWarnings(node: Node, report: ImportReport, mark: ReportMark): void {
  const warnings = [
    ...report.unknownModules
      .slice(mark.unknown)
      .map((u) => `${u.module} is not available in this installation; the module is kept as a placeholder.`),
    ...report.connectionsToChoose
      .slice(mark.connections)
      .map(() => "Make's connection does not carry over; choose a connection here."),
    ...report.untranslatable
      .slice(mark.untranslatable)
      .map((u) => `${u.path}: ${u.reason} (kept as {{${u.expression}}})`),
    ...report.notes.slice(mark.notes),
  ];
  if (
    report.translatedExpressions.slice(mark.translated).some((t) => /\$(formatDate|parseDate)\(/.test(t.to))
  )
    warnings.push(DATE_NOTE);
  if (!warnings.length) return;
  const metadata = isRecord(node.metadata) ? node.metadata : {};
  const integrator = isRecord(metadata.integrator) ? metadata.integrator : {};
  node.metadata = { ...metadata, integrator: { ...integrator, warnings } };
}

/**
 * Settings a Make module carries that ours does not declare: taken out (our format is strict)
 * and named with their value in the report, so nothing disappears without a word.
 */
export function dropUndeclared(
  node: Node,
  def: AnyModuleDefinition,
  path: string,
  label: string,
  report: ImportReport,
): void {
  const holders = node as {
    parameters?: Record<string, unknown> | null;
    mapper?: Record<string, unknown> | null;
  };
  for (const issue of undeclaredKeys(def, holders, path)) {
    const rel = issue.path.slice(path.length + 1);
    const [holder, key] = [rel.slice(0, rel.indexOf('.')), rel.slice(rel.indexOf('.') + 1)] as [
      'parameters' | 'mapper',
      string,
    ];
    const bag = holders[holder]!;
    const value = bag[key];
    delete bag[key];
    report.dropped.push({ id: Number(node.id), module: String(node.module), path: issue.path, value });
    report.notes.push(
      `Module ${String(node.id)} (${label}): ${rel} is not a setting of ${def.key}; it was not carried over (its value was ${preview(value)}).`,
    );
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
