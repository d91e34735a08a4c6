// The scenario document, Make-shaped (DESIGN §2, make-semantics §9), so a blueprint
// exported from Make imports with its structure intact.

export interface Condition {
  a?: unknown;
  o: string;
  b?: unknown;
}

export interface Filter {
  name?: string;
  /** OR of AND groups. */
  conditions: Condition[][];
}

export interface Route {
  flow: ModuleNode[];
  /** Runs only for bundles that no other route took (Make does not document its storage). */
  fallback?: boolean;
}

/** One branch of Make's If-else (builtin:BasicIfElse): the first whose conditions pass runs. */
export interface Branch {
  type: 'condition' | 'else';
  label?: string;
  /** OR of AND groups, as in a filter; ignored on the else branch. */
  conditions?: Condition[][];
  /** Joins the Merge module that follows the If-else in its flow. */
  merge?: boolean;
  flow: ModuleNode[];
}

/** A value the Merge module (builtin:BasicMerge) passes on, one mapping per merging branch. */
export interface MergeOutput {
  name: string;
  mappings: unknown[];
}

export interface ModuleNode {
  id: number;
  module: string;
  version?: number;
  parameters?: Record<string, unknown> | null;
  mapper?: Record<string, unknown> | null;
  filter?: Filter | null;
  routes?: Route[];
  onerror?: ModuleNode[];
  branches?: Branch[];
  outputs?: MergeOutput[];
  /** Make keeps aggregator options here (groupBy, stopIfEmpty). */
  flags?: Record<string, unknown>;
  metadata?: { designer?: { x?: number; y?: number; name?: string }; [key: string]: unknown };
}

export interface ScenarioSettings {
  roundtrips: number;
  maxErrors: number;
  autoCommit: boolean;
  autoCommitTriggerLast: boolean;
  sequential: boolean;
  confidential: boolean;
  dataloss: boolean;
  /** Store incomplete executions. */
  dlq: boolean;
  freshVariables: boolean;
  slots?: number | null;
}

export interface Blueprint {
  name?: string;
  flow: ModuleNode[];
  metadata?: {
    instant?: boolean;
    version?: number;
    scenario?: Partial<ScenarioSettings>;
    designer?: { orphans?: unknown[]; [key: string]: unknown };
    [key: string]: unknown;
  };
}

export const DEFAULT_SETTINGS: ScenarioSettings = {
  roundtrips: 1,
  maxErrors: 3,
  autoCommit: true,
  autoCommitTriggerLast: true,
  sequential: false,
  confidential: false,
  dataloss: false,
  dlq: false,
  freshVariables: false,
  slots: null,
};

export function scenarioSettings(blueprint: Blueprint): ScenarioSettings {
  return { ...DEFAULT_SETTINGS, ...(blueprint.metadata?.scenario ?? {}) };
}
