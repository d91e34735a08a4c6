import { randomUUID } from 'node:crypto';

/**
 * A new execution's id: a UUID version 7 (RFC 9562), the creation time in milliseconds first,
 * then 74 random bits. Execution rows and their logs are keyed by this id, so ids that grow
 * with time are appended at the end of both primary-key indexes instead of landing on a random
 * page each: a group commit writes a few pages instead of two per run, which halved SQLite's
 * CPU per stored run (docs/BENCHMARKS.md). Made from a v4 UUID (whose random bits come from
 * Node's batched entropy pool) by putting the time in front and marking the version.
 */
export function newExecutionId(now = Date.now()): string {
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx, y already the RFC variant
  return timePart(now) + random.slice(15);
}

// Runs created in the same millisecond share their first half: it is made once per millisecond.
let lastTime = -1;
let lastPart = '';

function timePart(now: number): string {
  if (now !== lastTime) {
    const time = now.toString(16).padStart(12, '0').slice(-12);
    lastPart = `${time.slice(0, 8)}-${time.slice(8)}-7`;
    lastTime = now;
  }
  return lastPart;
}
