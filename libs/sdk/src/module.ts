import type { ConnectionTypeDefinition } from './connection';
import type { FieldMap, ValuesOf } from './fields';
import type { HttpClient } from './http';
import type { InstantHookDefinition } from './instant';

/** One item of data flowing between modules. */
export type Bundle = Record<string, unknown>;

export type ModuleKind =
  | 'trigger' // first module; emits 0..N bundles once per run
  | 'action' // one output bundle per input bundle
  | 'search' // 0..N output bundles per input bundle, one operation
  | 'iterator' // splits an array into bundles
  | 'aggregator' // gathers the bundles of one operation of its source module
  | 'router' // branches into routes; free
  | 'ifelse' // runs the first branch whose conditions pass; one operation
  | 'merge' // joins the merging branches of the If-else before it; one operation
  | 'responder' // answers the waiting webhook caller
  | 'directive'; // error-handler directive; free

/** Kinds whose run returns several bundles (an array or an iterable); the rest return one. */
export const MANY_BUNDLE_KINDS: ReadonlySet<ModuleKind> = new Set(['trigger', 'search', 'iterator']);

export type DirectiveName = 'ignore' | 'resume' | 'commit' | 'rollback' | 'break';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface ExecutionInfo {
  id: string;
  scenarioId?: string | number;
  startedAt: number;
  /** 1-based cycle number. */
  cycle: number;
  /** Run once from the editor, a schedule, a webhook, an API call, a retry… */
  trigger: string;
  /** What the runtime knows of the scenario and its owners (Make's var.scenario.*, var.team.*…). */
  scenarioName?: string;
  scenarioUrl?: string;
  team?: OwnerInfo;
  organization?: OwnerInfo;
}

/** A team or organisation as Make's system variables show it (var.team.id, var.organization.timezone). */
export interface OwnerInfo {
  id?: string | number;
  name?: string;
  /** IANA time zone, e.g. Europe/Amsterdam: date functions use it when given none. */
  timezone?: string;
}

export interface Variables {
  get(name: string): unknown;
  set(name: string, value: unknown, scope: 'roundtrip' | 'execution'): void;
}

/**
 * Services the runtime offers behind interfaces (data stores, key results, custom connectors…).
 * Each app that needs one augments this interface: `declare module '@integrator/sdk' { interface Services { … } }`.
 * A runtime without a service (the CLI, say) leaves it undefined.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Services {}

export interface ResolvedConnection {
  id: string | number;
  type: string;
  credentials: Record<string, unknown>;
}

export interface RunContext<P extends FieldMap = FieldMap, M extends FieldMap = FieldMap> {
  moduleId: number;
  parameters: ValuesOf<P>;
  mapper: ValuesOf<M>;
  connection?: ResolvedConnection;
  /** Authenticated with the module's connection; secrets it adds are redacted everywhere. */
  http: HttpClient;
  clock: Clock;
  signal: AbortSignal;
  log: Logger;
  execution: ExecutionInfo;
  variables: Variables;
  services: Partial<Services>;
  /** External input of the run (webhook payload, API input); what instant triggers emit. */
  input: unknown;
  /** Registers state of this operation for the module's commit/rollback (ACID modules). */
  transaction(state: unknown): void;
}

export interface TransactionContext {
  moduleId: number;
  services: Partial<Services>;
  log: Logger;
}

export interface AggregatorHooks<P extends FieldMap, M extends FieldMap, A> {
  init(parameters: ValuesOf<P>): A;
  /**
   * Called for each bundle that reaches the aggregator, with the mapper resolved on it and
   * the source module's bundle (what an aggregator with no mapped fields collects).
   */
  add(accumulator: A, mapper: ValuesOf<M>, parameters: ValuesOf<P>, source: Bundle): void;
  result(accumulator: A, parameters: ValuesOf<P>): Bundle;
}

export interface OutputField {
  name: string;
  label?: string;
  type?: string;
  fields?: OutputField[];
}

export type RunResult = Bundle | Iterable<Bundle> | AsyncIterable<Bundle> | void;

export interface ModuleDefinition<P extends FieldMap = FieldMap, M extends FieldMap = FieldMap> {
  /** Stable blueprint key "app:Name", e.g. "builtin:BasicFeeder". */
  key: string;
  label: string;
  description?: string;
  kind: ModuleKind;
  /** Accepted blueprint versions (default [1]). */
  versions?: number[];
  /** Static configuration (blueprint `parameters`). */
  parameters?: P;
  /** Mappable fields (blueprint `mapper`), evaluated per bundle. */
  mapper?: M;
  /** Accept mapper keys beyond the declared ones (array aggregator fields, Resume's substitute). */
  extraMapperFields?: boolean;
  /** Connection types accepted in `parameters.connection`. */
  connection?: { types: string[]; required?: boolean };
  /** Instant trigger: emits the run's external input (webhook payload). */
  instant?: boolean;
  /** An instant trigger's checks of incoming requests and its registration at the service. */
  instantHook?: InstantHookDefinition;
  directive?: DirectiveName;
  /** An SVG document (inline) for this module's canvas node; the app's icon otherwise. */
  icon?: string;
  output?: {
    sample?: Bundle;
    fields?: OutputField[];
    /**
     * Output fields named by the module's own mapper (set variables: one field per variable):
     * the text of `mapper[field]`, or each item of it (an item's `key` when items are collections).
     */
    namesFrom?: { mapper: string; key?: string };
  };
  run?(context: RunContext<P, M>): RunResult | Promise<RunResult>;
  // The accumulator's type is the module's own business.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  aggregate?: AggregatorHooks<P, M, any>;
  commit?(context: TransactionContext, state: unknown): void | Promise<void>;
  rollback?(context: TransactionContext, state: unknown): void | Promise<void>;
  /** How the module reads a blueprint exported from Make (scenario import). */
  make?: MakeImport;
}

/** A module of a Make blueprint as the import hands it over (expressions already translated). */
export interface MakeNode {
  id: number;
  /** Make's key, e.g. "http:ActionSendData". */
  module: string;
  version?: number;
  parameters: Record<string, unknown>;
  mapper: Record<string, unknown>;
}

export interface MakeImport {
  /** Make's keys for the module this one stands for, where they differ from `key`. */
  keys?: string[];
  /**
   * Make's settings of the module in this module's fields. Notes name what did not carry over
   * (the import shows them); nothing may be dropped without one.
   */
  convert?(node: MakeNode): {
    parameters: Record<string, unknown>;
    mapper: Record<string, unknown>;
    notes: string[];
    /** The connection the module needs in place of Make's keychain or account (the import lists it). */
    connection?: MakeConnectionNeed;
  };
}

export interface MakeConnectionNeed {
  /** Our connection types that can stand in (any one of them). */
  types: string[];
  /** Where Make kept its credential, e.g. "parameters.auth". */
  makeParameter: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModuleDefinition = ModuleDefinition<any, any>;

export function defineModule<
  const P extends FieldMap = Record<never, never>,
  const M extends FieldMap = Record<never, never>,
>(definition: ModuleDefinition<P, M>): ModuleDefinition<P, M> {
  return definition;
}

export interface AppDefinition {
  key: string;
  label: string;
  description?: string;
  /** An SVG document (inline) for the canvas node. */
  icon?: string;
  color?: string;
  modules: AnyModuleDefinition[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  connectionTypes?: ConnectionTypeDefinition<any>[];
  /** Organisation integration that must be enabled by a super user (e.g. "customConnector"). */
  integration?: string;
}

export function defineApp(definition: AppDefinition): AppDefinition {
  return definition;
}
