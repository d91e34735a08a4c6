import { transientError, type Clock } from '@integrator/sdk';
import { systemClock } from '../runner/clock';

/**
 * Client-side rate limit as a sliding window: at most `requests` acquisitions in any `perMs`
 * (ProfitWell: 25 per 5 s, bursts allowed). Waiters are served in order.
 */
export class RateLimiter {
  private readonly stamps: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly requests: number,
    readonly perMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!Number.isInteger(requests) || requests < 1)
      throw new RangeError(`rate limit: requests must be a positive whole number (got ${requests})`);
    if (!(perMs > 0)) throw new RangeError(`rate limit: perMs must be positive (got ${perMs})`);
  }

  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    while (true) {
      if (signal?.aborted) throw transientError('the request was cancelled while waiting for the rate limit');
      const now = this.clock.now();
      while (this.stamps.length && this.stamps[0] <= now - this.perMs) this.stamps.shift();
      if (this.stamps.length < this.requests) {
        this.stamps.push(now);
        return;
      }
      await this.clock.sleep(this.stamps[0] + this.perMs - now, signal);
    }
  }
}

/** Keeps one limiter per connection id across executions. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  for(key: string, limit: { requests: number; perMs: number }, clock?: Clock): RateLimiter {
    const existing = this.limiters.get(key);
    if (existing && existing.requests === limit.requests && existing.perMs === limit.perMs) return existing;
    const limiter = new RateLimiter(limit.requests, limit.perMs, clock);
    this.limiters.set(key, limiter);
    return limiter;
  }

  /** Forgets a connection's limiter (deleted or changed connection). */
  delete(key: string): void {
    this.limiters.delete(key);
  }
}
