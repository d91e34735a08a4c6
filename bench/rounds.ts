import { load } from './load';
import { cpuMicros, mainThreadCpuMicros } from './process-stats';
import type { storedBytes } from './stored-bytes';

// Load in rounds (bench/throughput.bench.ts): two servers, or two scenarios of one server, loaded
// in turns, so that a slow spell of a shared machine falls on both.

/** Seconds of one round. */
export const ROUND_SECONDS = 2;

export interface Measured {
  perSecond: number;
  failed: number;
  /** Server CPU (all threads) per answered request, µs. */
  cpuUs: number;
  /** The same, main thread only. */
  mainCpuUs: number;
  /** Requests answered in the whole run (warm-up, throughput and latency phases). */
  total?: number;
  rss?: number;
  /** RSS read every 10,000 runs while filling: where the old generation is in its cycle varies. */
  rssReadings?: number[];
  latency?: { median: number; p99: number };
  stored?: ReturnType<typeof storedBytes>;
  /** The bare server's figures from the rounds between ours, and the median ratio of the rounds. */
  paired?: { yardstick: Measured; ratio: number; rounds: number };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A server loaded in rounds: its URL and process. */
export interface Target {
  url: string;
  pid: number;
}

/** `seconds` of load on ours and on the bare server, in rounds taken in turns. */
export async function inTurns(
  ours: Target,
  bare: Target,
  body: (i: number) => unknown,
  seconds: number,
  connections: number,
): Promise<Measured> {
  await load(bare.url, body, 1, connections); // the bare server's warm-up
  const sums = { ours: new Sums(body, connections), bare: new Sums(body, connections) };
  const rounds = Math.max(1, Math.round(seconds / ROUND_SECONDS));
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const [a, b] = i % 2 === 0 ? [ours, bare] : [bare, ours];
    const first = await sums[a === ours ? 'ours' : 'bare'].round(a.url, a.pid);
    const second = await sums[b === ours ? 'ours' : 'bare'].round(b.url, b.pid);
    const [o, y] = a === ours ? [first, second] : [second, first];
    ratios.push(o.perSecond / y.perSecond);
  }
  const measured = sums.ours.measured();
  measured.paired = { yardstick: sums.bare.measured(), ratio: median(ratios), rounds };
  return measured;
}

/** One server's (or scenario's) rounds added up. */
export class Sums {
  private ok = 0;
  private failed = 0;
  private cpu = 0;
  private main = 0;
  private seconds = 0;

  constructor(
    private readonly body: (i: number) => unknown,
    private readonly connections: number,
  ) {}

  /** Loads the URL for one round; returns that round's rate and CPU per execution (µs). */
  async round(url: string, pid: number): Promise<{ perSecond: number; cpuUs: number }> {
    const cpu = cpuMicros(pid);
    const main = mainThreadCpuMicros(pid);
    const started = Date.now();
    const r = await load(url, this.body, ROUND_SECONDS, this.connections);
    const seconds = (Date.now() - started) / 1000;
    this.seconds += seconds;
    const used = cpuMicros(pid) - cpu;
    this.cpu += used;
    this.main += mainThreadCpuMicros(pid) - main;
    this.ok += r.ok;
    this.failed += r.failed;
    return { perSecond: r.ok / seconds, cpuUs: used / Math.max(1, r.ok) };
  }

  measured(): Measured {
    const n = Math.max(1, this.ok);
    return {
      perSecond: this.ok / this.seconds,
      failed: this.failed,
      cpuUs: this.cpu / n,
      mainCpuUs: this.main / n,
      total: this.ok,
    };
  }
}
