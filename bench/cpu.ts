import { readdirSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { Client } from 'pg';

// CPU accounting for the scale benchmark, read from outside the processes: /proc for the API,
// the workers and PostgreSQL, Redis's own INFO for Redis (its process may belong to another user).

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

/** User + system CPU seconds a process has used so far; 0 once it is gone. */
export function processCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 14th
    // and 15th of the whole line, the 12th and 13th after ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Every PostgreSQL server process on this machine (postmaster, background workers, backends). */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** The backends serving one database (our API and workers), not the measuring connection. */
export async function backendPids(databaseUrl: string): Promise<number[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/**
 * Redis's own count of the CPU seconds it has used (user + system, main and other threads) and
 * of the commands it has run: the whole server's, whoever else uses it.
 */
export async function redisStats(redisUrl: string): Promise<{ cpu: number; commands: number }> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const info = await redis.info();
    const value = (key: string) => Number(new RegExp(`^${key}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    return {
      cpu: value('used_cpu_sys') + value('used_cpu_user'),
      // The INFO command reading this counts itself: one per reading, negligible.
      commands: value('total_commands_processed'),
    };
  } finally {
    redis.disconnect();
  }
}

/**
 * CPU used by a set of processes between `start()` and `stop()`. A process that appears in
 * between counts from zero (it started during the run); one that ends in between is lost, which
 * is why the set is read again at the end (backends of a pool live as long as the pool).
 */
export class CpuMeter {
  private before = new Map<number, number>();

  constructor(private readonly pids: () => number[] | Promise<number[]>) {}

  async start(): Promise<void> {
    this.before = new Map((await this.pids()).map((pid) => [pid, processCpu(pid)]));
  }

  async stop(): Promise<number> {
    const pids = new Set([...this.before.keys(), ...(await this.pids())]);
    let seconds = 0;
    for (const pid of pids) {
      const now = processCpu(pid);
      if (now) seconds += now - (this.before.get(pid) ?? 0);
    }
    return seconds;
  }
}
