import type { ModuleNode } from '@integrator/engine/blueprint';
import type { ModuleLog } from '@integrator/engine/runner/types';
import type { OutputField } from '@integrator/sdk';
import { findModule, type Catalog } from '../canvas/catalog';
import type { ResourceOption } from './form-env';

// What the mapping picker offers: for every earlier module, the fields of its output, read
// from the last run's bundles when there are some, else from the module's declared sample or
// output fields.

export interface MappingField {
  /** JSONata path after the module id, e.g. customer.`first name`. */
  path: string;
  label: string;
  /** Make's name for one of its internal keys (`__IMTINDEX__` is "Bundle order position"). */
  friendly?: string;
  depth: number;
  /** A short preview of the value seen in the last run or the sample. */
  sample?: string;
}

export interface MappingSource {
  id: number;
  label: string;
  color?: string;
  fields: MappingField[];
  /** Where the fields came from. */
  origin: 'run' | 'sample' | 'declared' | 'none';
}

/** What the editor reads of a run: the engine's RunResult and the API's Execution both fit. */
export interface RunView {
  modules: readonly ModuleLog[];
  confidential?: boolean;
}

const MAX_DEPTH = 3;
const MAX_FIELDS = 200;

export function mappingSources(
  earlier: readonly ModuleNode[],
  catalog: Catalog,
  lastRun?: RunView | null,
  resources?: { webhook?: readonly ResourceOption[] },
): MappingSource[] {
  return earlier.map((node) => {
    const entry = findModule(catalog, node.module);
    const label = node.metadata?.designer?.name || entry?.module.label || node.module;
    const base = { id: node.id, label, ...(entry?.app.color ? { color: entry.app.color } : {}) };
    // A webhook's determined data structure is what the user asked for ("Redetermine"): it
    // comes before the last run, which may have carried an older shape.
    const determined = hookSample(node, entry?.module.parameters, resources?.webhook);
    if (determined) return { ...base, fields: fieldsOfValue(determined), origin: 'sample' };
    const bundle = runBundle(lastRun, node.id);
    if (bundle !== undefined) return { ...base, fields: fieldsOfValue(bundle), origin: 'run' };
    // A Merge declares its own outputs in the blueprint.
    if (Array.isArray(node.outputs) && node.outputs.length) {
      const fields = node.outputs.map((o) => ({ name: o.name, label: o.name }));
      return { ...base, fields: declaredFields(fields, '', 0), origin: 'declared' };
    }
    const output = entry?.module.output;
    if (output?.sample) return { ...base, fields: fieldsOfValue(output.sample), origin: 'sample' };
    const fields = [...namedByMapper(node, output?.namesFrom), ...(output?.fields ?? [])];
    if (fields.length) return { ...base, fields: declaredFields(fields, '', 0), origin: 'declared' };
    return { ...base, fields: [], origin: 'none' };
  });
}

// Fields the module's own settings name (set multiple variables: one per variable name).
function namedByMapper(node: ModuleNode, from?: { mapper: string; key?: string }): OutputField[] {
  if (!from) return [];
  const value = node.mapper?.[from.mapper];
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const names = items.map((item) =>
    from.key && item !== null && typeof item === 'object'
      ? (item as Record<string, unknown>)[from.key]
      : item,
  );
  // A mapped name is only known at run time.
  return names
    .filter((n): n is string => typeof n === 'string' && n !== '' && !n.includes('{{'))
    .map((name) => ({ name }));
}

function hookSample(
  node: ModuleNode,
  parameters: readonly { name: string }[] | undefined,
  hooks: readonly ResourceOption[] | undefined,
): Record<string, unknown> | undefined {
  if (!hooks?.length) return undefined;
  for (const f of parameters ?? []) {
    const field = f as { name: string; type?: string; resource?: string };
    if (field.type !== 'resource' || field.resource !== 'webhook') continue;
    const chosen = hooks.find((h) => String(h.value) === String(node.parameters?.[field.name] ?? ''));
    if (chosen?.sample) return chosen.sample;
  }
  return undefined;
}

function runBundle(run: RunView | null | undefined, id: number): unknown {
  const log = run?.modules.find((m) => m.id === id);
  for (const op of log?.ops ?? []) if (op.output?.length) return op.output[0];
  return undefined;
}

/** Segment of a JSONata path: plain names as they are, anything else in backticks. */
export function pathSegment(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '')}\``;
}

export function fieldsOfValue(value: unknown): MappingField[] {
  const out: MappingField[] = [];
  collect(value, '', 0, out);
  return out;
}

function collect(value: unknown, prefix: string, depth: number, out: MappingField[]): void {
  // JSONata maps a path over arrays, so items[].price is written items.price.
  const item = Array.isArray(value)
    ? value.find((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
    : value;
  if (item === null || typeof item !== 'object' || Array.isArray(item) || depth >= MAX_DEPTH) return;
  for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
    if (out.length >= MAX_FIELDS) return;
    const path = prefix ? `${prefix}.${pathSegment(key)}` : pathSegment(key);
    const friendly = internalName(key);
    out.push({
      path,
      label: friendly ?? key,
      ...(friendly ? { friendly } : {}),
      depth,
      sample: preview(child),
    });
    collect(child, path, depth + 1, out);
  }
}

function declaredFields(fields: readonly OutputField[], prefix: string, depth: number): MappingField[] {
  return fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${pathSegment(f.name)}` : pathSegment(f.name);
    const friendly = internalName(f.name);
    const own: MappingField = {
      path,
      label: friendly ?? f.label ?? f.name,
      ...(friendly ? { friendly } : {}),
      depth,
      ...(f.type ? { sample: f.type } : {}),
    };
    return [own, ...(f.fields && depth < MAX_DEPTH ? declaredFields(f.fields, path, depth + 1) : [])];
  });
}

// Make's bookkeeping keys, shown under the names Make gives them; the reference inserted
// stays the key itself (`1.__IMTINDEX__`).
const INTERNAL_NAMES: Record<string, string> = {
  __IMTINDEX__: 'Bundle order position',
  __IMTLENGTH__: 'Total number of bundles',
  __IMTAGGLENGTH__: 'Total number of bundles',
  __IMTCONN__: 'Connection',
  __IMTMATCH__: 'Whole match',
};

export function internalName(key: string): string | undefined {
  const m = /^__IMT([A-Z0-9_]*?)__$/.exec(key);
  if (!m) return undefined;
  return INTERNAL_NAMES[key] ?? `Make internal value (${m[1].toLowerCase()})`;
}

function preview(value: unknown): string {
  if (Array.isArray(value)) return `array (${value.length})`;
  if (value !== null && typeof value === 'object') return 'collection';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
