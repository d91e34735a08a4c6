import { createContext, useContext } from 'react';
import type { ResourceKind } from '@integrator/sdk';
import type { MappingSource } from './mapping-sources';

// What a form needs besides its fields and value: earlier modules to map from, the user's
// connections, server resources for pickers, and the "add connection" action of the page.

export interface ConnectionOption {
  id: string | number;
  name: string;
  type: string;
  /** The app's name, shown beside the connection's (the type key means nothing to people). */
  typeLabel?: string;
  /** "ok" once a check or a run showed the credentials work. */
  status?: string;
}

export interface ResourceOption {
  value: string | number;
  label: string;
  /** A webhook's address, shown under the picker with a copy button. */
  url?: string;
  /** A webhook's determined data structure (a bundle): what the picker offers of its trigger. */
  sample?: Record<string, unknown> | null;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export interface FormEnv {
  sources: readonly MappingSource[];
  connections: readonly ConnectionOption[];
  resources: Partial<Record<ResourceKind, readonly ResourceOption[]>>;
  onAddConnection?: (connectionTypes: string[], select?: (id: string | number) => void) => void;
  /** Errors by field path relative to the form's value ("email", "phones[0].number"). */
  errors: ReadonlyMap<string, string>;
  /** Prefix of element ids, unique per form. */
  idPrefix: string;
  /** False for forms outside a scenario (connections): no {{ }} picker. */
  mapping?: boolean;
  /** Creates a resource in place (a webhook from its module: "Add", a name, done). */
  onCreateResource?: (kind: ResourceKind, name: string) => Promise<ResourceOption>;
  /**
   * Make's "Redetermine data structure" of a webhook: waits for the next request to it and
   * resolves once it became the sample (the signal stops waiting).
   */
  onDetermineStructure?: (hookId: string | number, signal: AbortSignal) => Promise<void>;
  /** A module's fields (its mapper): fixed-choice fields offer Make's "Map" switch. */
  mapChoices?: boolean;
}

export const FormEnvContext = createContext<FormEnv>({
  sources: [],
  connections: [],
  resources: {},
  errors: new Map(),
  idPrefix: 'form',
});

export const useFormEnv = (): FormEnv => useContext(FormEnvContext);

/** A DOM id for a field path: letters, digits and dashes only. */
export function fieldId(env: FormEnv, path: string): string {
  return `${env.idPrefix}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export function joinPath(parent: string, name: string | number): string {
  if (typeof name === 'number') return `${parent}[${name}]`;
  return parent ? `${parent}.${name}` : name;
}

/** Issues whose path starts with `prefix` (e.g. "flow[1].mapper"), keyed by the rest. */
export function issuesUnder(issues: readonly FieldIssue[] | undefined, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const issue of issues ?? []) {
    if (!prefix) out.set(issue.path, issue.message);
    else if (issue.path.startsWith(`${prefix}.`)) out.set(issue.path.slice(prefix.length + 1), issue.message);
  }
  return out;
}
