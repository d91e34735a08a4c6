/** Connection ids a blueprint's modules use (parameters.connection, or Make's __IMTCONN__). */
export function connectionRefs(blueprint: unknown): Set<string> {
  const refs = new Set<string>();
  const walk = (flow: unknown) => {
    if (!Array.isArray(flow)) return;
    for (const node of flow as Array<Record<string, unknown>>) {
      const params = (node?.parameters ?? {}) as Record<string, unknown>;
      for (const key of ['connection', '__IMTCONN__']) {
        if (params[key] !== undefined && params[key] !== null && params[key] !== '')
          refs.add(String(params[key]));
      }
      for (const route of (node?.routes as Array<{ flow?: unknown }> | undefined) ?? []) walk(route?.flow);
      // If-else branches (builtin:BasicIfElse) hold flows too.
      for (const branch of (node?.branches as Array<{ flow?: unknown }> | undefined) ?? [])
        walk(branch?.flow);
      walk(node?.onerror);
    }
  };
  walk((blueprint as { flow?: unknown })?.flow);
  return refs;
}
