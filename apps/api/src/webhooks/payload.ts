// What a webhook request becomes as the trigger's bundle: the body's fields and the query
// parameters side by side (Make's custom webhook), the body kept whole when it is not an object.

export function webhookPayload(query: Record<string, unknown>, body: unknown): Record<string, unknown> {
  const q = { ...(query ?? {}) };
  if (body === undefined || body === null || body === '') return q;
  // Most requests have no query: a plain copy of the body then (on Node 20's V8 a spread given
  // more properties builds new hidden classes each time, runner.service.ts says more).
  const noQuery = Object.keys(q).length === 0;
  if (typeof body === 'object' && !Array.isArray(body))
    return noQuery
      ? { ...(body as Record<string, unknown>) }
      : // eslint-disable-next-line no-restricted-syntax -- with a query only; a spread keeps a "__proto__" key a plain key
        { ...q, ...(body as Record<string, unknown>) };
  return noQuery ? { body } : Object.assign(q, { body });
}

/** Required fields that are missing (dotted paths reach into nested objects). */
export function missingFields(payload: Record<string, unknown>, required: string[]): string[] {
  return required.filter((path) => {
    let v: unknown = payload;
    for (const part of path.split('.'))
      v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return v === undefined || v === null || v === '';
  });
}
