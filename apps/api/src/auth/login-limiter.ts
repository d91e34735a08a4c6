/** Slows down password guessing: at most `attempts` failures per key within the window. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly attempts = 10,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  blocked(key: string, now: number): boolean {
    return this.recent(key, now).length >= this.attempts;
  }

  fail(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > 10_000) this.failures.clear(); // bounded memory under attack
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}
