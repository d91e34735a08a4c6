import type { AppMetadata, ConnectionTypeMetadata } from '@integrator/sdk';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { ErrorInfo, ModuleLog, RunStatus, RunWarning } from '@integrator/engine/runner/types';

// The shapes of docs/API.md. Where the contract leaves a shape open, it is typed loosely.

export interface FieldError {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  fields?: FieldError[];
}

export interface User {
  id: string | number;
  email: string;
  name: string;
  role: 'superuser' | 'user';
  timezone?: string | null;
  groupIds: Array<string | number>;
  disabled?: boolean;
  lastLoginAt?: string | number | null;
}

export interface LoginResult {
  token: string;
  user: User;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: User['role'];
  timezone?: string;
}

export interface Group {
  id: string | number;
  name: string;
  description?: string;
  userIds: Array<string | number>;
}

export interface Organization {
  name: string;
  timezone: string;
  integrations: { customConnector: boolean };
  privateNetworkGuard: boolean;
  executionRetentionDays: number;
  /** Runs kept per scenario (0 = no limit). */
  executionRetentionCount: number;
  /** Bytes of history kept in all (0 = no limit). */
  executionRetentionBytes: number;
}

/** A schedule (on demand, interval, daily…); its fields are the scheduler's business. */
export type Schedule = { type: string; timezone?: string } & Record<string, unknown>;

export interface LastRun {
  executionId: string;
  status: RunStatus | 'queued' | 'running';
  /** When the run happened (epoch ms). */
  at: string | number | null;
}

export interface ScenarioSummary {
  id: string | number;
  name: string;
  folder?: string | null;
  active: boolean;
  /** The saved blueprint has problems (it cannot be switched on). */
  invalid?: boolean;
  schedule?: Schedule | null;
  /** The schedule in words ("Every day at 09:00 (UTC)"). */
  scheduleText?: string;
  version?: number;
  lastRun?: LastRun | null;
  deactivation?: { reason: string | null; at: string | number } | null;
  consecutiveErrors?: number;
  updatedAt?: string | number;
}

export interface Scenario extends ScenarioSummary {
  schedule?: Schedule | null;
  blueprint: Blueprint;
  version: number;
  issues: FieldError[];
  nextRuns?: string[];
}

export interface ScenarioInput {
  name?: string;
  folder?: string | null;
  blueprint?: Blueprint;
  schedule?: Schedule | null;
}

export interface ScenarioVersion {
  version: number;
  createdAt: string;
  createdBy?: string | number | null;
}

/** POST /api/scenarios/import: the stored scenario (with its issues) and what the import did. */
export interface ImportReport {
  scenario: Scenario;
  report: {
    format: 'integrator' | 'make';
    /** Modules this installation does not have: kept as placeholders. */
    unknownModules: Array<{ id: number; module: string; path: string }>;
    /** Modules whose Make connection does not carry over. */
    connectionsToChoose: Array<{ id: number; module: string; path: string }>;
    translatedExpressions: Array<{ path: string; from: string; to: string }>;
    untranslatable: Array<{ path: string; expression: string; reason: string }>;
    /** Make settings our module lacks: taken out (each is also in the notes and on its module). */
    dropped?: Array<{ id: number; module: string; path: string; value: unknown }>;
    notes: string[];
  };
}

export type ExecutionStatus = RunStatus | 'queued' | 'running';

export interface ExecutionSummary {
  id: string;
  scenarioId: string | number;
  scenarioVersion?: number;
  status: ExecutionStatus;
  trigger?: string;
  createdAt?: string | number;
  startedAt?: string | number | null;
  finishedAt?: string | number | null;
  durationMs?: number | null;
  operations: number;
  dataSize?: number | null;
  cycles?: number | null;
  error?: ErrorInfo | null;
  warnings?: RunWarning[];
}

export interface Execution extends ExecutionSummary {
  modules: ModuleLog[];
  input?: unknown;
  confidential?: boolean;
  /** Run once on the editor's unsaved blueprint (not the saved version). */
  draft?: boolean;
  incomplete?: Array<{ id: number; moduleId: number; status: string }>;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DayStats {
  date: string;
  runs: number;
  operations: number;
  errors: number;
}

export interface Connection {
  id: string | number;
  name: string;
  type: string;
  /** Non-secret credential fields only; secrets are never returned. */
  values: Record<string, unknown>;
  secretsSet: string[];
  status: string;
  statusMessage?: string;
  usedBy: Array<{ id: string | number; name: string }>;
}

export type { AppMetadata, ConnectionTypeMetadata };
