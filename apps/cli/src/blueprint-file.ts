import { readFileSync } from 'node:fs';
import {
  importBlueprint,
  parseJsonText,
  type Blueprint,
  type ImportReport,
  type ModuleRegistry,
} from '@integrator/engine';

// Reading files the way users have them: a UTF-8 byte-order mark is fine (Windows editors
// write one), and a scenario without our format marker is a Make export, converted on the fly.

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(
      `cannot read the ${what} file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return parseJsonText(text);
  } catch (e) {
    throw new Error(`the ${what} file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

export interface LoadedScenario {
  blueprint: Blueprint;
  /** The import report (format "make" when the file was converted). */
  report: ImportReport;
}

/** Our blueprint as it is, or a Make export converted; a file that is no blueprint throws. */
export function loadScenario(file: string, registry: ModuleRegistry): LoadedScenario {
  const document = readJsonFile(file, 'scenario');
  try {
    const { blueprint, report } = importBlueprint(document, registry);
    return { blueprint, report };
  } catch (e) {
    throw new Error(`the scenario file ${file} is not a blueprint: ${(e as Error).message}`);
  }
}

/** A readable account of what an import did, one finding a line. */
export function reportLines(report: ImportReport): string[] {
  return [
    ...report.unknownModules.map(
      (m) => `unknown module: ${m.path} (module ${m.id}) ${m.module} is kept as a placeholder`,
    ),
    ...report.connectionsToChoose.map((m) => `connection to choose: ${m.path} (module ${m.id}) ${m.module}`),
    ...report.untranslatable.map((u) => `untranslatable: ${u.path}: ${u.reason} ({{${u.expression}}})`),
    ...report.notes.map((n) => `note: ${n}`),
  ];
}
