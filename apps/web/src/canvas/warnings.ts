import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { updateModule } from './tree';

// What an import could not carry over is kept on the module (metadata.integrator.warnings), so
// the canvas and the module panel show it where the user works, until they dismiss it.

export function moduleWarnings(node: ModuleNode): string[] {
  const integrator = node.metadata?.integrator;
  if (!integrator || typeof integrator !== 'object') return [];
  const warnings = (integrator as { warnings?: unknown }).warnings;
  return Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [];
}

/** The module without its import warnings (the user has dealt with them). */
export function dismissWarnings(blueprint: Blueprint, id: number): Blueprint {
  return updateModule(blueprint, id, (node) => {
    const { integrator, ...metadata } = node.metadata ?? {};
    if (!integrator || typeof integrator !== 'object') return node;
    const { warnings: _warnings, ...rest } = integrator as Record<string, unknown>;
    return {
      ...node,
      metadata: Object.keys(rest).length ? { ...metadata, integrator: rest } : metadata,
    };
  });
}
