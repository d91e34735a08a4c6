import type { Clock } from '@integrator/sdk';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        signal?.removeEventListener('abort', done);
        clearTimeout(timer);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * A clock tests move by hand: sleep resolves when advance() passes its wake-up time,
 * so nothing in a test waits for real time.
 */
export class FakeClock implements Clock {
  private sleepers: Array<{ at: number; resolve: () => void }> = [];

  /** With autoAdvance, sleep moves the clock forward itself and resolves at once. */
  constructor(
    private current = Date.UTC(2026, 0, 1),
    private readonly options: { autoAdvance?: boolean } = {},
  ) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      if (this.options.autoAdvance) {
        this.set(this.current + ms);
        return resolve();
      }
      this.sleepers.push({ at: this.current + ms, resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  /** Moves time forward and wakes every sleeper that is due. */
  async advance(ms: number): Promise<void> {
    this.set(this.current + ms);
    await new Promise((r) => setImmediate(r));
  }

  set(time: number): void {
    this.current = time;
    const due = this.sleepers.filter((s) => s.at <= time);
    this.sleepers = this.sleepers.filter((s) => s.at > time);
    for (const s of due) s.resolve();
  }

  /** How many sleeps are waiting (lets a test advance exactly when something sleeps). */
  get pending(): number {
    return this.sleepers.length;
  }
}
