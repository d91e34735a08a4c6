import type { Blueprint } from './blueprint';

// Our blueprints say so: `metadata.integrator.format`. Make's exports share our shape, so
// nothing in the content can tell them apart reliably; a file without the marker is Make's
// and always goes through the import (a guess once took Make files for ours and dropped
// their HTTP bodies silently).

/** The blueprint format this installation writes and reads. */
export const BLUEPRINT_FORMAT = 1;

export interface FormatMarker {
  format: number;
}

/** The marker's value, or undefined when the document carries none. */
export function formatMarker(blueprint: unknown): unknown {
  if (!isRecord(blueprint) || !isRecord(blueprint.metadata)) return undefined;
  const integrator = blueprint.metadata.integrator;
  return isRecord(integrator) ? integrator.format : undefined;
}

export function hasFormatMarker(blueprint: unknown): boolean {
  return formatMarker(blueprint) !== undefined;
}

/** A copy of the blueprint that carries our marker (what every save and export writes). */
export function withFormatMarker<T extends Record<string, unknown> | Blueprint>(blueprint: T): T {
  const b = blueprint as Record<string, unknown>;
  const metadata = isRecord(b.metadata) ? b.metadata : {};
  const integrator = isRecord(metadata.integrator) ? metadata.integrator : {};
  return {
    ...b,
    metadata: { ...metadata, integrator: { ...integrator, format: BLUEPRINT_FORMAT } },
  } as unknown as T;
}

/** JSON text of a blueprint (or any file) as editors save it: a UTF-8 byte-order mark is allowed. */
export function parseJsonText(text: string): unknown {
  return JSON.parse(stripBom(text));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
