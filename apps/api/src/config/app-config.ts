import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import type { LoginLimits } from '../auth/login-limiter';

/** Everything the server reads from its environment, parsed once at start. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… switches to PostgreSQL; otherwise SQLite under dataDir. */
  databaseUrl?: string;
  /** Set with DATABASE_URL: distributed mode (BullMQ workers). */
  redisUrl?: string;
  /** Key prefix in Redis (tests isolate themselves). */
  queuePrefix?: string;
  /** Run executions in this process (embedded mode, and tests). */
  runWorkers: boolean;
  /**
   * Receive the run events other processes publish (distributed mode). Only a process with an
   * HTTP server has followers for them (webhook answers, live runs); the worker process sets false.
   */
  followRunEvents?: boolean;
  concurrency: number;
  /**
   * Run threads beside the main thread (INTEGRATOR_WORKERS): embedded mode defaults to one per
   * core beyond the first two (at most 8); a distributed worker to none (it scales by processes).
   */
  runThreads: number;
  /** A scenario's runs go to the run threads once they take this long on average (ms; 0: all that can). */
  runThreadMinMs?: number;
  /** Settings given that this build does not act on: printed at start, never silently ignored. */
  warnings?: string[];
  encryptionKey?: string;
  adminEmail?: string;
  adminPassword?: string;
  /** Login limits (failures per account and address, per account, per address, window); tests shrink them. */
  loginLimits?: Partial<LoginLimits>;
  /** Bearer sessions last this long. */
  sessionHours: number;
  bodyLimitBytes: number;
  /** Bodies nested deeper than this are refused with a 400 (default 64). */
  bodyMaxDepth?: number;
  webDist?: string;
  publicUrl?: string;
  /**
   * Take the client address from X-Forwarded-For (only behind a proxy you run; app-connector IP
   * rules and login limits rely on it): true trusts every hop; a list trusts only those
   * addresses and CIDR ranges (the proxy's), as Fastify's trustProxy does.
   */
  trustProxy?: boolean | string[];
  /** smtp(s)://user:pass@host:port for outgoing mail (one-time codes); without it mail goes to the outbox. */
  smtpUrl?: string;
  /** Sender of outgoing mail. */
  smtpFrom?: string;
  /** The inbound SMTP listener of mailhooks; off without INTEGRATOR_SMTP_INBOUND_PORT (0 = any free port). */
  smtpInbound?: { port: number; host: string; domain: string };
  /** Distributed mode: heartbeat and sweep periods, and when a silent worker counts as dead. */
  recovery: { heartbeatMs: number; sweepMs: number; staleAfterMs: number; jobLockMs: number };
  /** How long a stopping process lets running executions finish before stopping them. */
  shutdownTimeoutMs: number;
  /** How often the scheduler looks for due slots and retries; 0 = never on its own (tests tick it). */
  schedulerIntervalMs: number;
  /** Where structured logs go (stdout unless a test captures them). */
  logStream?: { write(line: string): void };
  /**
   * Prometheus metrics on their own port, bound to metricsHost (loopback unless told otherwise);
   * 0 = none. Workers and the API both serve them there.
   */
  metricsPort: number;
  metricsHost?: string;
  /** With a token the API also serves /metrics on its main port, to `Authorization: Bearer <token>` only. */
  metricsToken?: string;
  /** Hosted profile: refuse private and loopback addresses whatever the organisation setting says. */
  hostedProfile?: boolean;
  /** Tests pin the clock. */
  now?: () => number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = resolve(env.INTEGRATOR_DATA_DIR ?? './data');
  const distributed = Boolean(env.DATABASE_URL && env.REDIS_URL);
  return {
    port: intOf(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: env.INTEGRATOR_QUEUE_PREFIX || undefined,
    runWorkers: env.INTEGRATOR_RUN_WORKERS ? env.INTEGRATOR_RUN_WORKERS !== 'false' : !distributed,
    // 16 answers about twice the webhooks of 4 on the embedded hot path (docs/BENCHMARKS.md): runs that
    // finish before their group commit are written once, and a slot waits for that commit.
    concurrency: intOf(env.INTEGRATOR_CONCURRENCY, 16, 'INTEGRATOR_CONCURRENCY'),
    runThreads: intOf(env.INTEGRATOR_WORKERS, distributed ? 0 : defaultRunThreads(), 'INTEGRATOR_WORKERS'),
    runThreadMinMs: intOf(env.INTEGRATOR_THREAD_MIN_MS, 1, 'INTEGRATOR_THREAD_MIN_MS'),
    encryptionKey: env.INTEGRATOR_ENCRYPTION_KEY || undefined,
    adminEmail: env.INTEGRATOR_ADMIN_EMAIL || undefined,
    adminPassword: env.INTEGRATOR_ADMIN_PASSWORD || undefined,
    sessionHours: intOf(env.INTEGRATOR_SESSION_HOURS, 24, 'INTEGRATOR_SESSION_HOURS'),
    bodyLimitBytes: intOf(env.INTEGRATOR_BODY_LIMIT, 2 * 1024 * 1024, 'INTEGRATOR_BODY_LIMIT'),
    bodyMaxDepth: intOf(env.INTEGRATOR_BODY_MAX_DEPTH, 64, 'INTEGRATOR_BODY_MAX_DEPTH'),
    webDist: env.INTEGRATOR_WEB_DIST,
    recovery: {
      heartbeatMs: intOf(env.INTEGRATOR_HEARTBEAT_MS, 5_000, 'INTEGRATOR_HEARTBEAT_MS'),
      sweepMs: intOf(env.INTEGRATOR_SWEEP_MS, 15_000, 'INTEGRATOR_SWEEP_MS'),
      staleAfterMs: intOf(env.INTEGRATOR_WORKER_STALE_MS, 30_000, 'INTEGRATOR_WORKER_STALE_MS'),
      jobLockMs: intOf(env.INTEGRATOR_JOB_LOCK_MS, 30_000, 'INTEGRATOR_JOB_LOCK_MS'),
    },
    shutdownTimeoutMs: intOf(env.INTEGRATOR_SHUTDOWN_TIMEOUT_MS, 30_000, 'INTEGRATOR_SHUTDOWN_TIMEOUT_MS'),
    hostedProfile: env.INTEGRATOR_PROFILE === 'hosted',
    metricsPort: intOf(env.INTEGRATOR_METRICS_PORT, 9464, 'INTEGRATOR_METRICS_PORT'),
    metricsHost: env.INTEGRATOR_METRICS_HOST || '127.0.0.1',
    metricsToken: env.INTEGRATOR_METRICS_TOKEN || undefined,
    schedulerIntervalMs: intOf(
      env.INTEGRATOR_SCHEDULER_INTERVAL_MS,
      10_000,
      'INTEGRATOR_SCHEDULER_INTERVAL_MS',
    ),
    publicUrl: env.INTEGRATOR_PUBLIC_URL,
    trustProxy: trustProxyOf(env.INTEGRATOR_TRUST_PROXY),
    smtpUrl: env.INTEGRATOR_SMTP_URL || undefined,
    smtpFrom: env.INTEGRATOR_SMTP_FROM || undefined,
    smtpInbound: smtpInboundOf(env),
  };
}

function smtpInboundOf(env: NodeJS.ProcessEnv): AppConfig['smtpInbound'] {
  const port = env.INTEGRATOR_SMTP_INBOUND_PORT;
  if (port === undefined || port === '') return undefined;
  const n = intOf(port, 0, 'INTEGRATOR_SMTP_INBOUND_PORT');
  if (n > 65535)
    throw new Error(`INTEGRATOR_SMTP_INBOUND_PORT must be a port number (got ${JSON.stringify(port)})`);
  return {
    port: n,
    host: env.INTEGRATOR_SMTP_INBOUND_HOST || '127.0.0.1',
    domain: (env.INTEGRATOR_SMTP_INBOUND_DOMAIN || hostname()).toLowerCase(),
  };
}

/**
 * INTEGRATOR_TRUST_PROXY: `true`/`1` trusts every hop (only when nothing but your proxy can
 * reach the server); a comma-separated list of addresses and CIDR ranges trusts only those.
 */
export function trustProxyOf(value: string | undefined): boolean | string[] {
  const text = (value ?? '').trim();
  if (!text || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') return true;
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const ok = entry.includes('/') ? isCidr(entry) : ipaddr.isValid(entry);
    if (!ok)
      throw new Error(
        `INTEGRATOR_TRUST_PROXY: ${JSON.stringify(entry)} is not an address or CIDR range (expected true, false, or a list such as 172.16.0.0/12,127.0.0.1)`,
      );
  }
  return entries;
}

function isCidr(text: string): boolean {
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * One run thread per core beyond the first two, at most 8. The main thread (HTTP, SQLite) keeps a
 * core, and the second is left to what else runs beside it: V8's collector threads, the WAL
 * checkpoint thread, the machine's other programs. Measured on 2 cores, a run thread competing
 * with those made heavy runs 10–30 % slower, light ones unchanged (docs/BENCHMARKS.md).
 */
function defaultRunThreads(): number {
  return Math.min(8, Math.max(0, availableParallelism() - 2));
}

function intOf(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number (got ${JSON.stringify(value)})`);
  return n;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
