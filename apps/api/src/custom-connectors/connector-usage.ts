/** Custom connector ids a blueprint's custom:getValue modules use (parameters.connector). */
export function connectorRefs(blueprint: unknown): Set<string> {
  const refs = new Set<string>();
  const walk = (flow: unknown) => {
    if (!Array.isArray(flow)) return;
    for (const node of flow as Array<Record<string, unknown> | null>) {
      const params = (node?.parameters ?? {}) as Record<string, unknown>;
      const ref = params.connector;
      if (
        node?.module === 'custom:getValue' &&
        (typeof ref === 'number' || (typeof ref === 'string' && ref.trim() !== ''))
      )
        refs.add(String(ref).trim());
      for (const route of (node?.routes as Array<{ flow?: unknown }> | undefined) ?? []) walk(route?.flow);
      // If-else branches (builtin:BasicIfElse) hold flows too.
      for (const branch of (node?.branches as Array<{ flow?: unknown }> | undefined) ?? [])
        walk(branch?.flow);
      walk(node?.onerror);
    }
  };
  walk((blueprint as { flow?: unknown } | null)?.flow);
  return refs;
}
