import type { AnyModuleDefinition } from '@integrator/sdk';
import type { ModuleNode } from '../blueprint';
import { compileFilter } from '../filters/filter';
import { compileTemplate, type ExpressionRef } from '../mapping/template';
import type { CompiledBranch, CompiledModule, ValidationIssue } from './types';

// Make's If-else (builtin:BasicIfElse) and Merge (builtin:BasicMerge): branches are tried in
// order and exactly one runs; the branches marked `merge` continue at the Merge that follows the
// If-else in its flow, whose outputs name the values that go on (make-core-modules §3).

export interface BranchFlowContext {
  visible: number[];
  inErrorRoute: boolean;
}

export interface BranchCompiler {
  issues: ValidationIssue[];
  modules: Map<number, CompiledModule>;
  allIds: Map<number, string>;
  compileFlow(flow: ModuleNode[], path: string, ctx: BranchFlowContext): CompiledModule | null;
  visibleAfter(m: CompiledModule, before: number[]): number[];
  checkRefs(refs: ExpressionRef[], visible: number[]): void;
}

export function compileBranches(
  node: ModuleNode,
  p: string,
  ctx: BranchFlowContext,
  c: BranchCompiler,
): CompiledBranch[] {
  if (!Array.isArray(node.branches) || node.branches.length === 0) {
    c.issues.push({ path: `${p}.branches`, message: 'an If-else needs a list of branches' });
    return [];
  }
  const branches = node.branches;
  return branches.flatMap((branch, j) => {
    const bp = `${p}.branches[${j}]`;
    if (!branch || typeof branch !== 'object' || !Array.isArray(branch.flow)) {
      c.issues.push({ path: `${bp}.flow`, message: 'must be a list of modules' });
      return [];
    }
    const isElse = branch.type === 'else';
    if (!isElse && branch.type !== 'condition')
      c.issues.push({
        path: `${bp}.type`,
        message: `must be "condition" or "else" (got ${JSON.stringify(branch.type)})`,
      });
    if (isElse && j !== branches.length - 1)
      c.issues.push({ path: `${bp}.type`, message: 'the else branch must be the last branch' });
    if (branch.merge !== undefined && typeof branch.merge !== 'boolean')
      c.issues.push({ path: `${bp}.merge`, message: 'must be true or false' });
    let test: CompiledBranch['test'] = null;
    if (!isElse) {
      // Conditions read what the If-else reads, exactly like a filter on a link.
      const filter = compileFilter({ conditions: branch.conditions ?? [] }, bp, c.issues);
      c.checkRefs(filter.expressions, ctx.visible);
      test = filter.test;
    }
    const first = c.compileFlow(branch.flow, `${bp}.flow`, ctx);
    const compiled: CompiledBranch = {
      index: j,
      label: branch.label || (isElse ? 'Else' : `Condition ${j + 1}`),
      isElse,
      merge: branch.merge === true,
      test,
      first,
      ids: [],
      visibleAtEnd: ctx.visible,
    };
    let last: CompiledModule | null = null;
    for (let m = first; m; m = following(m)) {
      compiled.visibleAtEnd = c.visibleAfter(m, compiled.visibleAtEnd);
      last = m;
    }
    compiled.ids = compiled.visibleAtEnd.filter((id) => !ctx.visible.includes(id));
    if (compiled.merge && last && (last.kind === 'router' || last.kind === 'ifelse'))
      c.issues.push({
        path: `${last.path}.module`,
        message: `a merging branch cannot end with ${last.kind === 'router' ? 'a router' : 'an If-else without a Merge'}: its bundles would never reach the Merge`,
      });
    return [compiled];
  });
}

/** Links a Merge to the If-else before it: mappings per branch, and the branches' exits. */
export function linkMerge(ifElse: CompiledModule, merge: CompiledModule, c: BranchCompiler): void {
  ifElse.mergeModule = merge;
  merge.mergeOf = ifElse;
  const merging = ifElse.branches.filter((b) => b.merge);
  if (!merging.length) {
    c.issues.push({
      path: `${merge.path}.module`,
      message: `a Merge joins the merging branches of the If-else before it, and no branch of module ${ifElse.id} merges (set merge: true on a branch)`,
    });
    return;
  }
  const outputs = compileOutputs(merge, merging, c);
  merge.mergeMappers = [];
  for (const b of merging) {
    const source: Record<string, unknown> = {};
    for (const o of outputs) source[o.name] = pickMapping(o.mappings, b)?.value ?? null;
    // Problems were reported above, per mapping, with their own paths.
    merge.mergeMappers[b.index] = compileTemplate(source, `${merge.path}.outputs`, []).resolve;
    let last: CompiledModule | null = b.first;
    for (let m = last; m; m = following(m)) last = m;
    if (last) last.join = { merge, branch: b.index };
  }
}

// The module after this one on its path: an If-else continues at its Merge.
function following(m: CompiledModule): CompiledModule | null {
  return m.kind === 'ifelse' ? (m.mergeModule ?? null) : m.next;
}

interface CompiledMapping {
  value: unknown;
  ids: number[];
}

function compileOutputs(
  merge: CompiledModule,
  merging: CompiledBranch[],
  c: BranchCompiler,
): Array<{ name: string; mappings: CompiledMapping[] }> {
  const raw = merge.node.outputs;
  const p = merge.path;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    c.issues.push({ path: `${p}.outputs`, message: 'must be a list of { name, mappings }' });
    return [];
  }
  const names = new Set<string>();
  return raw.flatMap((o, i) => {
    const op = `${p}.outputs[${i}]`;
    if (!o || typeof o.name !== 'string' || o.name.trim() === '') {
      c.issues.push({ path: `${op}.name`, message: 'is required (the name later modules map)' });
      return [];
    }
    if (names.has(o.name)) c.issues.push({ path: `${op}.name`, message: `duplicate output ${o.name}` });
    names.add(o.name);
    if (!Array.isArray(o.mappings)) {
      c.issues.push({ path: `${op}.mappings`, message: 'must be a list of values, one per merging branch' });
      return [];
    }
    const mappings = o.mappings.map((value, j) => {
      const compiled = compileTemplate(value, `${op}.mappings[${j}]`, c.issues);
      checkMappingRefs(compiled.expressions, merging, c);
      return { value, ids: [...new Set(compiled.expressions.flatMap((e) => e.ids))] };
    });
    return [{ name: o.name, mappings }];
  });
}

// A mapping is usable on a branch when every module it reads has run by the branch's end.
function checkMappingRefs(refs: ExpressionRef[], merging: CompiledBranch[], c: BranchCompiler): void {
  for (const ref of refs) {
    for (const id of ref.ids) {
      if (merging.some((b) => b.visibleAtEnd.includes(id))) continue;
      c.issues.push({
        path: ref.path,
        message: c.allIds.has(id)
          ? `module ${id} does not run on any merging branch before this Merge in {{${ref.source}}}`
          : `unknown module id ${id} in {{${ref.source}}}`,
      });
    }
  }
}

/**
 * The mapping an output takes when a branch ran: the first that reads a module of that branch
 * (and nothing the branch cannot see); otherwise the first that reads only what ran before the
 * If-else (or nothing). None: the output is null for that branch.
 */
function pickMapping(mappings: CompiledMapping[], b: CompiledBranch): CompiledMapping | undefined {
  const runnable = mappings.filter((m) => m.ids.every((id) => b.visibleAtEnd.includes(id)));
  return runnable.find((m) => m.ids.some((id) => b.ids.includes(id))) ?? runnable[0];
}

// Only a Merge may follow an If-else: other modules belong on one of its branches.
export function checkUnmerged(
  ifElse: CompiledModule,
  followerPath: string | undefined,
  issues: ValidationIssue[],
): void {
  if (followerPath)
    issues.push({
      path: followerPath,
      message:
        'only a Merge can follow an If-else in the same flow; put this module on a branch or after a Merge',
    });
  for (const b of ifElse.branches)
    if (b.merge)
      issues.push({
        path: `${ifElse.path}.branches[${b.index}].merge`,
        message: 'the branch merges, but no Merge module (builtin:BasicMerge) follows the If-else',
      });
}

export function checkIfElsePlacement(
  node: ModuleNode,
  def: AnyModuleDefinition,
  p: string,
  issues: ValidationIssue[],
): void {
  if (def.kind === 'ifelse' && node.onerror?.length)
    issues.push({ path: `${p}.onerror`, message: 'error handlers cannot be attached to an If-else' });
  if (def.kind !== 'ifelse' && node.branches !== undefined)
    issues.push({
      path: `${p}.branches`,
      message: `only an If-else has branches (${node.module} is not an If-else)`,
    });
  if (def.kind !== 'merge' && node.outputs !== undefined)
    issues.push({
      path: `${p}.outputs`,
      message: `only a Merge has outputs (${node.module} is not a Merge)`,
    });
}
