import type { AnyModuleDefinition } from '@integrator/sdk';
import type { ValidationIssue } from './types';

// Our format is strict: a key a module does not declare is an error, never ignored (an
// ignored key is how a Make body went missing without a word).

/** The `parameters` keys a module accepts beyond its declared fields. */
export function implicitParameters(def: AnyModuleDefinition): string[] {
  const keys: string[] = [];
  if (def.connection) keys.push('connection');
  // Aggregator options may sit in parameters as well as in flags (make-semantics §4).
  if (def.kind === 'aggregator') keys.push('groupBy', 'stopIfEmpty');
  return keys;
}

export function undeclaredKeys(
  def: AnyModuleDefinition,
  node: { parameters?: Record<string, unknown> | null; mapper?: Record<string, unknown> | null },
  path: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const check = (holder: 'parameters' | 'mapper', allowed: Set<string>) => {
    const values = node[holder];
    if (!values || typeof values !== 'object') return;
    for (const key of Object.keys(values)) {
      if (!allowed.has(key))
        issues.push({ path: `${path}.${holder}.${key}`, message: `not a field of ${def.key}` });
    }
  };
  check('parameters', new Set([...Object.keys(def.parameters ?? {}), ...implicitParameters(def)]));
  if (!def.extraMapperFields) {
    const mapper = new Set(Object.keys(def.mapper ?? {}));
    if (def.kind === 'aggregator') mapper.add('groupBy');
    check('mapper', mapper);
  }
  return issues;
}
