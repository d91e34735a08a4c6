import { readFileSync } from 'node:fs';

// What a server process costs, read from /proc (Linux): CPU time covers every thread of the
// process (the main thread, worker threads, libuv's pool, the garbage collector).
const TICK_US = 1_000_000 / 100; // USER_HZ is 100 on Linux

/** CPU time (user + system) of a process, all threads, in µs. */
export function cpuMicros(pid: number): number {
  return statMicros(`/proc/${pid}/stat`);
}

/**
 * CPU time of the process's main thread alone (its event loop: what bounds the rate when the
 * other core is free), in µs.
 */
export function mainThreadCpuMicros(pid: number): number {
  return statMicros(`/proc/${pid}/task/${pid}/stat`);
}

function statMicros(file: string): number {
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

/** Resident set size of a process, in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Median and 99th percentile of durations in ms. */
export function percentiles(values: number[]): { median: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p99: at(0.99) };
}
