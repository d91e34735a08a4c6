import {
  canonicalSelects,
  checkFields,
  compileCoercer,
  userError,
  type AnyModuleDefinition,
  type FieldMap,
} from '@integrator/sdk';
import { scenarioSettings, type Blueprint, type ModuleNode } from '../blueprint';
import { compileFilter } from '../filters/filter';
import { compileTemplate, type ExpressionRef } from '../mapping/template';
import type { ModuleRegistry } from '../registry';
import { eachNode } from '../import/detect';
import { undeclaredKeys } from './strict';
import { checkUnmerged, compileBranches, linkMerge, type BranchCompiler } from './branches';
import type { CompiledModule, CompiledRoute, CompiledScenario, ValidationIssue } from './types';
import { checkPlacement, checkSettings } from './placement';

// Validates a blueprint and compiles it into the linked structure the runner walks. Done once
// per scenario version: expressions, filters and coercers are built here, never per bundle.

interface WalkState {
  registry: ModuleRegistry;
  issues: ValidationIssue[];
  allIds: Map<number, string>;
  seen: Map<number, string>;
  modules: Map<number, CompiledModule>;
}

interface FlowContext {
  visible: number[];
  inErrorRoute: boolean;
  topLevel: boolean;
}

export function compileBlueprint(blueprint: Blueprint, registry: ModuleRegistry): CompiledScenario {
  const state: WalkState = { registry, issues: [], allIds: new Map(), seen: new Map(), modules: new Map() };
  if (!blueprint || typeof blueprint !== 'object' || !Array.isArray(blueprint.flow)) {
    state.issues.push({ path: 'flow', message: 'must be a list of modules' });
    return {
      blueprint,
      settings: scenarioSettings({ flow: [] }),
      first: null,
      modules: state.modules,
      issues: state.issues,
    };
  }
  collectIds(blueprint.flow, 'flow', state.allIds);
  const first = compileFlow(
    blueprint.flow,
    'flow',
    { visible: [], inErrorRoute: false, topLevel: true },
    state,
  );
  checkSettings(blueprint, state.issues);
  strictKeys(blueprint, state);
  return {
    blueprint,
    settings: scenarioSettings(blueprint),
    first,
    modules: state.modules,
    issues: state.issues,
  };
}

// Every module, wherever it sits (routes, error handlers, If-else branches), is held to its
// declaration: an undeclared parameters or mapper key is an error naming its path.
function strictKeys(blueprint: Blueprint, state: WalkState): void {
  eachNode(blueprint.flow, (node, path) => {
    const def = typeof node.module === 'string' ? state.registry.get(node.module) : undefined;
    if (def) state.issues.push(...undeclaredKeys(def, node as Parameters<typeof undeclaredKeys>[1], path));
  });
}

function collectIds(flow: ModuleNode[], path: string, ids: Map<number, string>): void {
  flow.forEach((node, i) => {
    if (!node || typeof node !== 'object') return;
    const p = `${path}[${i}]`;
    if (Number.isInteger(node.id) && !ids.has(node.id)) ids.set(node.id, p);
    node.routes?.forEach(
      (r, j) => Array.isArray(r?.flow) && collectIds(r.flow, `${p}.routes[${j}].flow`, ids),
    );
    if (Array.isArray(node.onerror)) collectIds(node.onerror, `${p}.onerror`, ids);
    if (Array.isArray(node.branches))
      node.branches.forEach(
        (b, j) => Array.isArray(b?.flow) && collectIds(b.flow, `${p}.branches[${j}].flow`, ids),
      );
  });
}

function compileFlow(
  flow: ModuleNode[],
  path: string,
  ctx: FlowContext,
  state: WalkState,
): CompiledModule | null {
  let head: CompiledModule | null = null;
  let prev: CompiledModule | null = null;
  let visible = ctx.visible;
  for (let i = 0; i < flow.length; i++) {
    const p = `${path}[${i}]`;
    const node = flow[i];
    if (!node || typeof node !== 'object') {
      state.issues.push({ path: p, message: 'must be a module object' });
      continue;
    }
    if (prev?.kind === 'router') {
      state.issues.push({
        path: p,
        message: 'nothing can follow a router in the same flow; put it on one of its routes',
      });
    }
    const isFirst = ctx.topLevel && i === 0;
    const last = i === flow.length - 1;
    const m = compileModule(node, p, { ...ctx, visible }, isFirst, last, state);
    if (!m) continue;
    if (prev?.kind === 'ifelse' && m.kind === 'merge') linkMerge(prev, m, branchCompiler(state));
    else {
      if (prev?.kind === 'ifelse') checkUnmerged(prev, p, state.issues);
      if (m.kind === 'merge')
        state.issues.push({
          path: `${p}.module`,
          message: 'a Merge must directly follow an If-else (builtin:BasicIfElse) in the same flow',
        });
      if (prev) prev.next = m;
      else head = m;
    }
    prev = m;
    visible = visibleAfter(m, visible, state);
  }
  if (prev?.kind === 'ifelse') checkUnmerged(prev, undefined, state.issues);
  return head;
}

function branchCompiler(state: WalkState): BranchCompiler {
  return {
    issues: state.issues,
    modules: state.modules,
    allIds: state.allIds,
    compileFlow: (flow, path, ctx) => compileFlow(flow, path, { ...ctx, topLevel: false }, state),
    visibleAfter: (m, before) => visibleAfter(m, before, state),
    checkRefs: (refs, visible) => checkRefs(refs, visible, state, state.issues),
  };
}

// What later modules on the path may read: an aggregator hides everything from its source
// module on (bundles between them are not passed through, make-semantics §4).
function visibleAfter(m: CompiledModule, before: number[], state: WalkState): number[] {
  if (m.kind === 'aggregator' && m.feeder !== undefined) {
    const feeder = state.modules.get(m.feeder);
    if (feeder) return [...feeder.visible, m.id];
  }
  return m.kind === 'router' || m.kind === 'ifelse' ? before : [...before, m.id];
}

function compileModule(
  node: ModuleNode,
  p: string,
  ctx: FlowContext,
  isFirst: boolean,
  last: boolean,
  state: WalkState,
): CompiledModule | null {
  const { issues } = state;
  if (!Number.isInteger(node.id) || node.id < 1) {
    issues.push({
      path: `${p}.id`,
      message: `must be a positive whole number (got ${JSON.stringify(node.id)})`,
    });
    return null;
  }
  const firstSeen = state.seen.get(node.id);
  if (firstSeen)
    issues.push({ path: `${p}.id`, message: `duplicate module id ${node.id} (also at ${firstSeen})` });
  else state.seen.set(node.id, p);

  const def = definitionFor(node, p, state);
  checkPlacement(node, def, p, ctx, isFirst, last, issues);
  const parameters = canonicalSelects(
    def.parameters,
    { ...(node.parameters ?? {}) },
    `${p}.parameters`,
    issues,
  );
  issues.push(...checkFields(def.parameters, parameters, `${p}.parameters`));
  if (def.connection && (def.connection.required ?? true) && (parameters.connection ?? '') === '') {
    issues.push({ path: `${p}.parameters.connection`, message: 'is required (choose a connection)' });
  }

  const problems: ValidationIssue[] = [];
  const mapperSource = mapperWithoutFlags(node, def);
  issues.push(...checkFields(def.mapper, mapperSource, `${p}.mapper`));
  const mapper = mapperSource === null ? null : compileTemplate(mapperSource, `${p}.mapper`, problems);
  const filter = node.filter ? compileFilter(node.filter, `${p}.filter`, problems) : null;
  const groupBySource =
    def.kind === 'aggregator'
      ? (node.flags?.groupBy ?? node.mapper?.groupBy ?? parameters.groupBy)
      : undefined;
  const groupBy = groupBySource ? compileTemplate(groupBySource, `${p}.groupBy`, problems) : null;
  issues.push(...problems);

  const m: CompiledModule = {
    id: node.id,
    key: node.module,
    path: p,
    label: node.metadata?.designer?.name ?? def.label,
    node,
    def,
    kind: def.kind,
    parameters,
    mapper: mapper ? mapper.resolve : null,
    coerceMapper: compileCoercer((def.mapper ?? {}) as FieldMap, def.extraMapperFields ?? false),
    filter: filter ? filter.test : null,
    next: null,
    routes: [],
    branches: [],
    join: null,
    onerror: null,
    inErrorRoute: ctx.inErrorRoute,
    isFirst,
    visible: ctx.visible,
    aggregators: [],
    groupBy: groupBy ? groupBy.resolve : null,
    stopIfEmpty: Boolean(node.flags?.stopIfEmpty ?? parameters.stopIfEmpty ?? false),
    connectionRef: def.connection ? (parameters.connection as string | number | undefined) : undefined,
  };
  if (!firstSeen) state.modules.set(node.id, m);

  // The filter is evaluated before the module runs: it sees what the module sees.
  checkRefs(filter?.expressions ?? [], ctx.visible, state, issues);
  checkRefs([...(mapper?.expressions ?? []), ...(groupBy?.expressions ?? [])], ctx.visible, state, issues);
  if (def.kind === 'aggregator') linkFeeder(m, p, ctx, state);
  if (def.kind === 'router') m.routes = compileRoutes(node, p, ctx, state);
  if (def.kind === 'ifelse') m.branches = compileBranches(node, p, ctx, branchCompiler(state));
  if (Array.isArray(node.onerror) && node.onerror.length) {
    m.onerror = compileFlow(
      node.onerror,
      `${p}.onerror`,
      { visible: [...ctx.visible, m.id], inErrorRoute: true, topLevel: false },
      state,
    );
  }
  return m;
}

function definitionFor(node: ModuleNode, p: string, state: WalkState): AnyModuleDefinition {
  const def = typeof node.module === 'string' ? state.registry.get(node.module) : undefined;
  if (def) {
    const versions = def.versions ?? [1];
    if (node.version !== undefined && node.version !== null && !versions.includes(Number(node.version))) {
      state.issues.push({
        path: `${p}.version`,
        message: `version ${node.version} of ${node.module} is not supported (supported: ${versions.join(', ')})`,
      });
    }
    return def;
  }
  state.issues.push({ path: `${p}.module`, message: `unknown module ${JSON.stringify(node.module)}` });
  // A placeholder keeps the structure (imports keep unknown modules rather than drop them).
  return {
    key: String(node.module),
    label: `Unknown module ${String(node.module)}`,
    kind: 'action',
    extraMapperFields: true,
    run: () => {
      throw userError(
        `module ${String(node.module)} is not available in this installation`,
        undefined,
        'InvalidConfigurationError',
      );
    },
  };
}

// Aggregator options live beside the mapped fields in Make blueprints; keep them out of the items.
function mapperWithoutFlags(node: ModuleNode, def: AnyModuleDefinition): Record<string, unknown> | null {
  if (node.mapper === null || node.mapper === undefined)
    return def.mapper || def.kind === 'directive' ? {} : null;
  if (def.kind !== 'aggregator' || !('groupBy' in node.mapper)) return node.mapper;
  const { groupBy: _groupBy, ...rest } = node.mapper;
  return rest;
}

function linkFeeder(m: CompiledModule, p: string, ctx: FlowContext, state: WalkState): void {
  const raw = m.parameters.feeder;
  const feeder = typeof raw === 'string' ? Number(raw) : raw;
  if (feeder === undefined || feeder === null || raw === '') {
    state.issues.push({
      path: `${p}.parameters.feeder`,
      message: 'is required (the source module of the aggregation)',
    });
    return;
  }
  if (typeof feeder !== 'number' || !Number.isInteger(feeder)) {
    state.issues.push({
      path: `${p}.parameters.feeder`,
      message: `must be a module id (got ${JSON.stringify(raw)})`,
    });
    return;
  }
  const source = state.modules.get(feeder);
  if (!source || !ctx.visible.includes(feeder)) {
    state.issues.push({
      path: `${p}.parameters.feeder`,
      message: `source module ${feeder} does not run before this aggregator on its path`,
    });
    return;
  }
  m.feeder = feeder;
  source.aggregators.push(m);
}

function compileRoutes(node: ModuleNode, p: string, ctx: FlowContext, state: WalkState): CompiledRoute[] {
  if (!Array.isArray(node.routes)) {
    state.issues.push({ path: `${p}.routes`, message: 'a router needs a list of routes' });
    return [];
  }
  return node.routes.map((route, j) => {
    const rp = `${p}.routes[${j}]`;
    if (!route || !Array.isArray(route.flow)) {
      state.issues.push({ path: `${rp}.flow`, message: 'must be a list of modules' });
      return { first: null, fallback: false };
    }
    const first = compileFlow(
      route.flow,
      `${rp}.flow`,
      { visible: ctx.visible, inErrorRoute: ctx.inErrorRoute, topLevel: false },
      state,
    );
    return { first, fallback: route.fallback === true };
  });
}

function checkRefs(
  refs: ExpressionRef[],
  visible: number[],
  state: WalkState,
  issues: ValidationIssue[],
): void {
  for (const ref of refs) {
    for (const id of ref.ids) {
      if (visible.includes(id)) continue;
      const where = state.allIds.get(id);
      issues.push({
        path: ref.path,
        message: where
          ? `module ${id} does not run before this module on its path in {{${ref.source}}}`
          : `unknown module id ${id} in {{${ref.source}}}`,
      });
    }
  }
}
