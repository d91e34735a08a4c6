import type {
  Bundle,
  Clock,
  ErrorKind,
  ErrorType,
  HttpClient,
  Logger,
  OwnerInfo,
  ResolvedConnection,
  Services,
} from '@integrator/sdk';
import type { ScenarioSettings } from '../blueprint';
import type { StopSwitch } from './stop-switch';

export type RunStatus = 'success' | 'warning' | 'error';

export interface ErrorInfo {
  message: string;
  kind: ErrorKind;
  type: ErrorType;
  field?: string;
  status?: number;
  moduleId?: number;
}

export interface OperationLog {
  /** 1-based operation number of this module in the run. */
  index: number;
  cycle: number;
  input?: unknown;
  output?: unknown[];
  outputCount: number;
  /** Bundles past the per-operation log limit, counted but not kept. */
  omittedBundles?: number;
  error?: ErrorInfo;
  /** The error directive that handled the error, if any. */
  handledBy?: string;
  durationMs: number;
}

export interface ModuleLog {
  id: number;
  module: string;
  label: string;
  operations: number;
  bundlesOut: number;
  errors: number;
  ops: OperationLog[];
  /** Operations past the per-module log limit, counted but not kept. */
  omittedOps: number;
}

export interface RunWarning {
  type: 'ExecutionInterruptedError' | 'IncompleteExecution' | 'HandledError';
  message: string;
  moduleId?: number;
}

export type RetryPlan =
  { mode: 'break'; attempts: number; intervalMinutes: number } | { mode: 'backoff' } | { mode: 'manual' };

/** A failed bundle with what is needed to run the rest of its path later (make-semantics §3). */
export interface IncompleteRecord {
  moduleId: number;
  path: string;
  error: ErrorInfo;
  cycle: number;
  /** Outputs of the modules before the failed one on its path, by id. */
  outputs: Record<number, unknown>;
  /** Execution-lifetime variables at the time of failure. */
  variables: Record<string, unknown>;
  input: unknown;
  /** The run's external input (a webhook payload), for retries that start at an instant trigger. */
  runInput?: unknown;
  retry: RetryPlan;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface RunResult {
  executionId: string;
  status: RunStatus;
  operations: number;
  cycles: number;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  /** Bytes of bundle data that passed between modules (JSON). */
  dataSize: number;
  modules: ModuleLog[];
  error?: ErrorInfo;
  warnings: RunWarning[];
  incomplete: IncompleteRecord[];
  response?: WebhookResponse;
  interrupted: boolean;
  confidential: boolean;
}

export type RunEvent =
  | { type: 'execution.started'; executionId: string; at: number }
  | { type: 'module.started'; executionId: string; moduleId: number; operation: number; cycle: number }
  | {
      type: 'bundle.out';
      executionId: string;
      moduleId: number;
      operation: number;
      index: number;
      bundle?: unknown;
    }
  | {
      type: 'module.finished';
      executionId: string;
      moduleId: number;
      operation: number;
      outputCount: number;
      durationMs: number;
    }
  | { type: 'module.error'; executionId: string; moduleId: number; operation: number; error: ErrorInfo }
  | { type: 'webhook.response'; executionId: string; response: WebhookResponse }
  | {
      type: 'execution.finished';
      executionId: string;
      status: RunStatus;
      operations: number;
      durationMs: number;
    };

export interface LogLimits {
  /** Operations per module whose input and output are kept. */
  opsPerModule: number;
  /** Output bundles kept per operation. */
  bundlesPerOp: number;
}

export type ConnectionResolver = (ref: string | number, moduleId: number) => Promise<ResolvedConnection>;
export type HttpClientFactory = (connection: ResolvedConnection | undefined, moduleId: number) => HttpClient;

export interface RunOptions {
  executionId?: string;
  scenarioId?: string | number;
  /** Known facts about the scenario and its owners, offered to expressions as Make's var.*. */
  scenarioName?: string;
  scenarioUrl?: string;
  team?: OwnerInfo;
  organization?: OwnerInfo;
  /** What started the run: manual, schedule, webhook, api, retry, cli… */
  trigger?: string;
  /** External input: the webhook payload or API input; instant triggers emit it. */
  input?: unknown;
  /** Run once from the editor: always a single cycle (make-semantics §1). */
  runOnce?: boolean;
  settings?: Partial<ScenarioSettings>;
  clock?: Clock;
  signal?: AbortSignal;
  /** Instead of `signal`: a switch whose signal is made only when needed (see stop-switch.ts). */
  stop?: StopSwitch;
  /** The run ends cleanly with a warning after this long. */
  timeLimitMs?: number;
  services?: Partial<Services>;
  connections?: ConnectionResolver;
  http?: HttpClientFactory;
  logger?: Logger;
  onEvent?: (event: RunEvent) => void;
  /**
   * The event types onEvent wants (all when absent). A run nobody follows live (a webhook's, a
   * schedule's) names the few it uses, and the engine skips building the per-operation and
   * per-bundle events nobody reads.
   */
  eventTypes?: ReadonlySet<RunEvent['type']>;
  logLimits?: Partial<LogLimits>;
}

export type { Bundle };
