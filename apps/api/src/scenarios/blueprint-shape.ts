import type { FieldError } from '../common/errors.filter';

// The structural minimum a stored blueprint needs (anything less is a 400). Semantic problems —
// unknown modules, missing fields, bad references — are kept with the scenario as its issues
// (Make's "invalid" flag): a half-built scenario can be saved but not activated.

export function blueprintShapeErrors(blueprint: unknown, path = 'blueprint'): FieldError[] {
  const errors: FieldError[] = [];
  if (blueprint === null || typeof blueprint !== 'object' || Array.isArray(blueprint)) {
    return [{ path, message: 'must be a JSON object with a flow' }];
  }
  const b = blueprint as Record<string, unknown>;
  if (!Array.isArray(b.flow)) errors.push({ path: `${path}.flow`, message: 'must be a list of modules' });
  else checkFlow(b.flow, `${path}.flow`, errors);
  if (
    b.metadata !== undefined &&
    (b.metadata === null || typeof b.metadata !== 'object' || Array.isArray(b.metadata))
  ) {
    errors.push({ path: `${path}.metadata`, message: 'must be an object' });
  }
  return errors;
}

function checkFlow(flow: unknown[], path: string, errors: FieldError[]): void {
  flow.forEach((node, i) => {
    const p = `${path}[${i}]`;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      errors.push({ path: p, message: 'must be a module object' });
      return;
    }
    const m = node as Record<string, unknown>;
    if (!Number.isInteger(m.id)) errors.push({ path: `${p}.id`, message: 'must be a whole number' });
    if (typeof m.module !== 'string' || !m.module)
      errors.push({ path: `${p}.module`, message: 'must be a module key such as "http:MakeRequest"' });
    for (const key of ['parameters', 'mapper', 'filter'] as const) {
      const v = m[key];
      if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v)))
        errors.push({ path: `${p}.${key}`, message: 'must be an object' });
    }
    // Router routes and If-else branches both hold flows.
    for (const key of ['routes', 'branches'] as const) {
      const list = m[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) errors.push({ path: `${p}.${key}`, message: `must be a list of ${key}` });
      else
        list.forEach((r, j) => {
          const flowOf = (r as { flow?: unknown } | null)?.flow;
          if (!Array.isArray(flowOf))
            errors.push({ path: `${p}.${key}[${j}].flow`, message: 'must be a list of modules' });
          else checkFlow(flowOf, `${p}.${key}[${j}].flow`, errors);
        });
    }
    if (m.onerror !== undefined) {
      if (!Array.isArray(m.onerror))
        errors.push({ path: `${p}.onerror`, message: 'must be a list of modules' });
      else checkFlow(m.onerror, `${p}.onerror`, errors);
    }
  });
}
