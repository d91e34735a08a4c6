import type { AnyModuleDefinition } from '@integrator/sdk';
import type { Blueprint, ModuleNode } from '../blueprint';
import { checkIfElsePlacement } from './branches';
import type { ValidationIssue } from './types';

// Where a module may stand (triggers first, directives last in an error route, routes only on a
// router…) and the scenario settings' ranges: checks compile.ts runs while it walks the flow.

/** Issues of a module's place in the flow, each with its path. */
export function checkPlacement(
  node: ModuleNode,
  def: AnyModuleDefinition,
  p: string,
  ctx: { inErrorRoute: boolean },
  isFirst: boolean,
  last: boolean,
  issues: ValidationIssue[],
): void {
  if (def.kind === 'directive') {
    if (!ctx.inErrorRoute)
      issues.push({
        path: `${p}.module`,
        message: `${node.module} is an error directive: it may only stand in an error handler route (onerror)`,
      });
    else if (!last)
      issues.push({
        path: `${p}.module`,
        message: `${node.module} must be the last module of its error handler route`,
      });
    if (node.onerror?.length)
      issues.push({ path: `${p}.onerror`, message: 'an error directive cannot have an error handler' });
  }
  if ((def.kind === 'trigger' || def.instant) && !isFirst) {
    issues.push({
      path: `${p}.module`,
      message: `${node.module} is a trigger: it must be the first module of the scenario`,
    });
  }
  if (def.kind === 'router' && node.onerror?.length) {
    issues.push({ path: `${p}.onerror`, message: 'error handlers cannot be attached to a router' });
  }
  checkIfElsePlacement(node, def, p, issues);
  if (def.kind !== 'router' && node.routes?.length) {
    issues.push({
      path: `${p}.routes`,
      message: `only a router has routes (${node.module} is not a router)`,
    });
  }
  if (isFirst && node.filter) {
    issues.push({
      path: `${p}.filter`,
      message: 'the first module has no incoming link, so it cannot have a filter',
    });
  }
}

/** The scenario settings' ranges (roundtrips, maxErrors). */
export function checkSettings(blueprint: Blueprint, issues: ValidationIssue[]): void {
  const s = blueprint.metadata?.scenario;
  if (!s) return;
  if (s.roundtrips !== undefined && !(Number.isInteger(s.roundtrips) && s.roundtrips >= 1)) {
    issues.push({ path: 'metadata.scenario.roundtrips', message: 'must be a whole number of at least 1' });
  }
  if (s.maxErrors !== undefined && !(Number.isInteger(s.maxErrors) && s.maxErrors >= 0)) {
    issues.push({ path: 'metadata.scenario.maxErrors', message: 'must be a whole number of at least 0' });
  }
}
