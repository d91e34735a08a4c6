import type { AnyModuleDefinition, Field } from '@integrator/sdk';
import type { Blueprint } from '../blueprint';
import type { ModuleRegistry } from '../registry';
import { stripBom, withFormatMarker } from '../format';
import { detectFormat, eachNode, isObject, markerProblem } from './detect';
import { attachWarnings, DATE_NOTE, dropUndeclared, markReport } from './module-warnings';
import { BlueprintImportError, emptyReport, type ImportReport } from './report';
import { translateTemplate, translateValue } from './translate-template';

// Imports a blueprint exported from Make or from us: a document with our format marker
// (metadata.integrator.format) is ours and is never converted; any other is Make's. The
// structure (flow, routes, filters, error handlers, aggregator feeders, flags, settings, canvas
// positions) is kept as it is; for Make, IML becomes our mapping language, Make's ids of
// connections, hooks and other resources are cleared, settings our module lacks are taken out,
// and everything that did not carry over is in the report and on the module
// (metadata.integrator.warnings). The result always carries our marker.

export interface ImportResult {
  blueprint: Blueprint;
  /** A top-level `scheduling` key of the document, split off (it is not part of the flow). */
  scheduling?: unknown;
  report: ImportReport;
}

type Node = Record<string, unknown>;

interface Context {
  registry: ModuleRegistry;
  report: ImportReport;
}

const CONNECTION_KEY = /^__IMT(CONN|KEY)\w*__$/;

export function importBlueprint(input: unknown, registry: ModuleRegistry): ImportResult {
  const { document, scheduling } = readDocument(input);
  const problem = markerProblem(document);
  if (problem) throw new BlueprintImportError('metadata.integrator.format', problem);
  const blueprint = copy(document);
  const detection = detectFormat(blueprint);
  const report = emptyReport(detection.format);
  const ctx: Context = { registry, report };
  const make = detection.format === 'make';
  if (make) report.notes.push(`Imported as a Make blueprint (${detection.reason}).`);
  eachNode(blueprint.flow, (node, path) => {
    const mark = markReport(report);
    const makeKey = node.module;
    if (make && typeof makeKey === 'string') node.module = registry.fromMake(makeKey);
    const def = typeof node.module === 'string' ? registry.get(node.module) : undefined;
    if (!def) report.unknownModules.push({ id: Number(node.id), module: String(node.module), path });
    if (!make) return;
    importMakeNode(node, def, path, ctx, String(makeKey));
    attachWarnings(node, report, mark);
  });
  if (report.translatedExpressions.some((t) => /\$(formatDate|parseDate)\(/.test(t.to))) {
    report.notes.push(DATE_NOTE);
  }
  return {
    blueprint: withFormatMarker(blueprint),
    ...(scheduling === undefined ? {} : { scheduling }),
    report,
  };
}

// The input stays untouched: the import works on a copy.
function copy(document: Record<string, unknown>): Blueprint {
  try {
    return structuredClone(document) as unknown as Blueprint;
  } catch {
    throw new BlueprintImportError('blueprint', 'must be plain JSON data');
  }
}

// Accepts the document itself, its JSON text, or the API's envelope { blueprint, scheduling }.
function readDocument(input: unknown): { document: Record<string, unknown>; scheduling?: unknown } {
  let doc = input;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(stripBom(doc));
    } catch (err) {
      throw new BlueprintImportError('blueprint', `is not valid JSON (${(err as Error).message})`);
    }
  }
  if (isObject(doc) && isObject(doc.response) && isObject(doc.response.blueprint)) doc = doc.response;
  if (isObject(doc) && !('flow' in doc) && isObject(doc.blueprint)) {
    const { blueprint, scheduling } = doc;
    return { document: checkFlow(blueprint as Record<string, unknown>), scheduling };
  }
  if (!isObject(doc))
    throw new BlueprintImportError('blueprint', 'must be a JSON object with a "flow" list of modules');
  const { scheduling, ...document } = doc;
  return { document: checkFlow(document), scheduling };
}

function checkFlow(doc: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(doc.flow)) throw new BlueprintImportError('flow', 'must be a list of modules');
  if (doc.metadata !== undefined && doc.metadata !== null && !isObject(doc.metadata)) {
    throw new BlueprintImportError('metadata', 'must be an object');
  }
  return doc;
}

function importMakeNode(
  node: Node,
  def: AnyModuleDefinition | undefined,
  path: string,
  ctx: Context,
  makeKey: string,
): void {
  const { report } = ctx;
  clearMakeIds(node, def, path, ctx);
  if (def && node.version !== undefined && node.version !== null) {
    const versions = def.versions ?? [1];
    if (!versions.includes(Number(node.version))) {
      const ours = Math.max(...versions);
      report.notes.push(
        `Module ${String(node.id)} (${String(node.module)}): Make's version ${String(node.version)} imported as our version ${ours}; check its settings.`,
      );
      node.version = ours;
    }
  }
  if (node.mapper !== undefined && node.mapper !== null)
    node.mapper = translateValue(node.mapper, `${path}.mapper`, report);
  if (isObject(node.filter)) translateConditions(node.filter.conditions, `${path}.filter`, report);
  if (Array.isArray(node.branches)) {
    node.branches.forEach(
      (b: unknown, j) => isObject(b) && translateConditions(b.conditions, `${path}.branches[${j}]`, report),
    );
  }
  // The Merge's outputs map values from the branches, in IML like any mapper.
  if (Array.isArray(node.outputs)) {
    node.outputs.forEach((o: unknown, i) => {
      if (isObject(o) && Array.isArray(o.mappings))
        o.mappings = translateValue(o.mappings, `${path}.outputs[${i}].mappings`, report);
    });
  }
  for (const holder of ['flags', 'parameters'] as const) {
    const h = node[holder];
    if (isObject(h) && typeof h.groupBy === 'string')
      h.groupBy = translateTemplate(h.groupBy, `${path}.${holder}.groupBy`, report);
  }
  if (def?.make?.convert) convertMakeSettings(node, def, makeKey, path, report);
  if (def) dropUndeclared(node, def, path, labelOf(def, makeKey), report);
}

function labelOf(def: AnyModuleDefinition, makeKey: string): string {
  return makeKey === def.key ? def.key : `Make's ${makeKey}, imported as ${def.key}`;
}

// The module's own reading of Make's settings (Make's HTTP modules name their fields differently).
function convertMakeSettings(
  node: Node,
  def: AnyModuleDefinition,
  makeKey: string,
  path: string,
  report: ImportReport,
): void {
  const { parameters, mapper, notes, connection } = def.make!.convert!({
    id: Number(node.id),
    module: makeKey,
    version: typeof node.version === 'number' ? node.version : undefined,
    parameters: isObject(node.parameters) ? node.parameters : {},
    mapper: isObject(node.mapper) ? node.mapper : {},
  });
  node.parameters = parameters;
  node.mapper = mapper;
  const label = labelOf(def, makeKey);
  for (const note of notes) report.notes.push(`Module ${String(node.id)} (${label}): ${note}`);
  if (connection) {
    const id = Number(node.id);
    const entry = report.connectionsToChoose.find((c) => c.id === id && c.path === path);
    const need = {
      types: connection.types,
      makeParameter: connection.makeParameter,
      ...(makeKey === def.key ? {} : { makeModule: makeKey }),
    };
    if (entry) Object.assign(entry, need);
    else report.connectionsToChoose.push({ id, module: def.key, path, ...need });
  }
}

function translateConditions(conditions: unknown, path: string, report: ImportReport): void {
  if (!Array.isArray(conditions)) return;
  conditions.forEach((group: unknown, g) => {
    if (!Array.isArray(group)) return;
    group.forEach((c: unknown, i) => {
      if (!isObject(c)) return;
      for (const side of ['a', 'b'] as const) {
        if (typeof c[side] === 'string')
          c[side] = translateTemplate(c[side] as string, `${path}.conditions[${g}][${i}].${side}`, report);
      }
    });
  });
}

// Make's connection, hook and resource ids point into the Make account; clear them and say so.
function clearMakeIds(node: Node, def: AnyModuleDefinition | undefined, path: string, ctx: Context): void {
  if (!isObject(node.parameters)) return;
  const params = node.parameters;
  const id = Number(node.id);
  const module = String(node.module);
  let connection = false;
  for (const key of Object.keys(params)) {
    if (CONNECTION_KEY.test(key)) {
      delete params[key];
      connection = true;
    } else if (key === '__IMTHOOK__') {
      delete params[key];
      params.hook = '';
      ctx.report.notes.push(
        `Module ${id} (${module}): its Make webhook does not carry over; choose or create a webhook here (parameters.hook).`,
      );
    } else if (/^__IMT\w*__$/.test(key)) {
      ctx.report.notes.push(
        `Module ${id} (${module}): parameters.${key} refers to something in the Make account; it was kept as it is.`,
      );
    }
  }
  for (const [name, field] of Object.entries((def?.parameters ?? {}) as Record<string, Field>)) {
    const value = params[name];
    if (
      value === undefined ||
      value === null ||
      value === '' ||
      (typeof value === 'string' && value.includes('{{'))
    )
      continue;
    if (field.type === 'connection') {
      params[name] = '';
      connection = true;
    } else if (field.type === 'resource') {
      params[name] = '';
      ctx.report.notes.push(
        `Module ${id} (${module}): parameters.${name} was Make's ${field.resource} ${JSON.stringify(value)}; choose one here.`,
      );
    }
  }
  if (connection) ctx.report.connectionsToChoose.push({ id, module, path });
}
