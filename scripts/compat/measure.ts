import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importBlueprint, type ImportReport, type ModuleRegistry } from '@integrator/engine';

// Measures how well a folder of Make exports imports: the figures of docs/COMPAT.md.
// Each file goes through importBlueprint exactly as a user's upload would; nothing here
// second-guesses the importer, so the figures move when the importer does.

/**
 * Make's core apps: a module of these apps that we do not know is a gap in our core, not a
 * third-party app we chose not to build. Flow control is `builtin:`.
 */
export const CORE_APPS = [
  'builtin',
  'util',
  'json',
  'regexp',
  'http',
  'email',
  'markdown',
  'gateway',
  'datastore',
] as const;

export function isCoreModule(key: string): boolean {
  const app = key.split(':')[0];
  return (CORE_APPS as readonly string[]).includes(app);
}

/** What one file gave. */
export interface FileResult {
  file: string;
  ok: boolean;
  /** Why the file did not import (bad JSON, not a blueprint, importer error). */
  error?: string;
  /** The importer's reading of the format; `integrator` means the file was not converted. */
  format?: ImportReport['format'];
  modules: number;
  unknown: string[];
  untranslatable: Array<{ expression: string; reason: string }>;
}

export interface Ranked {
  key: string;
  /** Occurrences (modules, or expressions). */
  count: number;
  /** Files in which it occurs at least once. */
  files: number;
}

export interface CompatFigures {
  files: number;
  imported: number;
  failed: Array<{ file: string; error: string }>;
  /** Files the importer took for our own format: not converted at all. */
  readAsOurs: number;
  modules: number;
  mappedModules: number;
  mappedPct: number;
  /** Files with an unknown module of a Make core app. */
  withUnsupportedCore: number;
  /** Files with at least one IML expression left untranslated. */
  withUntranslatedIml: number;
  /** Imported as Make, no unknown core module, no untranslated IML. Of all files. */
  clean: number;
  cleanPct: number;
  topUnknown: Array<Ranked & { core: boolean }>;
  untranslatedFunctions: Ranked[];
  otherUntranslatable: Ranked[];
}

/** Every *.json file under dir, recursively, sorted for stable output. */
export function findBlueprints(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.toLowerCase().endsWith('.json')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Imports one file's text; never throws. A UTF-8 byte-order mark is allowed. */
export function measureText(file: string, text: string, registry: ModuleRegistry): FileResult {
  const empty = { file, modules: 0, unknown: [], untranslatable: [] };
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { ...empty, ok: false, error: `bad JSON: ${(err as Error).message}` };
  }
  try {
    const { blueprint, report } = importBlueprint(document, registry);
    return {
      file,
      ok: true,
      format: report.format,
      modules: countModules(blueprint.flow),
      unknown: report.unknownModules.map((m) => m.module),
      untranslatable: report.untranslatable.map(({ expression, reason }) => ({ expression, reason })),
    };
  } catch (err) {
    return { ...empty, ok: false, error: (err as Error).message };
  }
}

export function measureDir(dir: string, registry: ModuleRegistry): FileResult[] {
  return findBlueprints(dir).map((p) => measureText(relative(dir, p), readFileSync(p, 'utf8'), registry));
}

/** Modules of a flow: routes, error handlers and If-else branches included. */
export function countModules(flow: unknown): number {
  if (!Array.isArray(flow)) return 0;
  let n = 0;
  for (const node of flow as Array<Record<string, unknown> | null>) {
    if (!node || typeof node !== 'object') continue;
    n += 1;
    for (const holder of ['routes', 'branches'] as const) {
      const list = node[holder];
      if (Array.isArray(list))
        for (const r of list as Array<Record<string, unknown> | null>) n += countModules(r?.flow);
    }
    n += countModules(node.onerror);
  }
  return n;
}

const FUNCTION_REASON = /^the function (\S+) has no equivalent/;

/** The function an untranslatable expression lacks, or undefined when the reason is another. */
export function missingFunction(reason: string): string | undefined {
  return FUNCTION_REASON.exec(reason)?.[1];
}

// Positions and quoted tokens vary per expression; without them the reasons group.
function reasonKind(reason: string): string {
  return reason
    .replace(/position \d+/g, 'position N')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/`[^`]*`/g, '`…`');
}

export function summarize(results: FileResult[], top = 20): CompatFigures {
  const imported = results.filter((r) => r.ok);
  const modules = sum(imported.map((r) => r.modules));
  const unknownCount = sum(imported.map((r) => r.unknown.length));
  const hasCore = (r: FileResult) => r.unknown.some(isCoreModule);
  const hasIml = (r: FileResult) => r.untranslatable.length > 0;
  const clean = imported.filter((r) => r.format === 'make' && !hasCore(r) && !hasIml(r)).length;
  const functions = rank(imported.map((r) => r.untranslatable.map((u) => missingFunction(u.reason))));
  const others = rank(
    imported.map((r) =>
      r.untranslatable.filter((u) => !missingFunction(u.reason)).map((u) => reasonKind(u.reason)),
    ),
  );
  return {
    files: results.length,
    imported: imported.length,
    failed: results.filter((r) => !r.ok).map((r) => ({ file: r.file, error: r.error ?? '' })),
    readAsOurs: imported.filter((r) => r.format === 'integrator').length,
    modules,
    mappedModules: modules - unknownCount,
    mappedPct: pct(modules - unknownCount, modules),
    withUnsupportedCore: imported.filter(hasCore).length,
    withUntranslatedIml: imported.filter(hasIml).length,
    clean,
    cleanPct: pct(clean, results.length),
    topUnknown: rank(imported.map((r) => r.unknown))
      .slice(0, top)
      .map((u) => ({ ...u, core: isCoreModule(u.key) })),
    untranslatedFunctions: functions.slice(0, top),
    otherUntranslatable: others.slice(0, top),
  };
}

/** Occurrences and files per key, most frequent first (ties by key). */
function rank(perFile: Array<Array<string | undefined>>): Ranked[] {
  const by = new Map<string, Ranked>();
  for (const keys of perFile) {
    const seen = new Set<string>();
    for (const key of keys) {
      if (key === undefined) continue;
      const r = by.get(key) ?? { key, count: 0, files: 0 };
      r.count += 1;
      if (!seen.has(key)) r.files += 1;
      seen.add(key);
      by.set(key, r);
    }
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pct = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);
