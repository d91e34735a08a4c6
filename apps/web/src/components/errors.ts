import { ApiError } from '../api/client';
import type { FieldError } from '../api/types';
import { fieldSentence, pathsToLabels } from './field-labels';

// API errors as the pages show them: a message for the page and per-field messages for forms,
// every field named by its label (field-labels.ts), never by its path in the request.

export function errorText(err: unknown): string {
  const fields = fieldErrors(err);
  if (fields.length) return fields.map((f) => fieldSentence(f.path, f.message)).join('; ');
  return pathsToLabels(rawErrorText(err));
}

/** The server's own message, paths and all: for a page that names them better (the editor). */
export function rawErrorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function fieldErrors(err: unknown): FieldError[] {
  return err instanceof ApiError ? err.fields : [];
}

/** Field messages by path; `prefix` strips the body's nesting ("credentials.token" → "token"). */
export function errorMap(err: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fieldErrors(err)) {
    if (!prefix) out.set(f.path, f.message);
    else if (f.path.startsWith(`${prefix}.`)) out.set(f.path.slice(prefix.length + 1), f.message);
  }
  return out;
}

/**
 * The page message for an error whose fields are shown next to their inputs: the fields that
 * have no input on the form, in words (all of them when every one has its input, so the
 * message never says less than the inputs).
 */
export function summaryText(err: unknown, shown: ReadonlySet<string> = new Set()): string {
  const rest = fieldErrors(err).filter((f) => !shown.has(f.path));
  if (!rest.length) return errorText(err);
  return rest.map((f) => fieldSentence(f.path, f.message)).join('; ');
}
