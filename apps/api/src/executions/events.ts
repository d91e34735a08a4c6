import { Injectable } from '@nestjs/common';
import type { RunEvent } from '@integrator/engine';

type Listener = (event: RunEvent) => void;

/**
 * Live run events by execution id, for Server-Sent Events. Late subscribers get what already
 * happened (a bounded replay buffer) so opening the stream after the start loses nothing.
 * Distributed mode relays the same events over Redis pub/sub.
 */
@Injectable()
export class RunEventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly history = new Map<string, RunEvent[]>();
  private readonly replayLimit = 1000;
  private readonly finishedAt = new Map<string, number>();
  private lastSweep = Date.now();

  /**
   * Finished runs whose events are kept, whatever their age: a late subscriber comes within
   * microseconds of the finish (the webhook answer, a waiting caller), while a minute of history
   * at thousands of runs a second kept the events of a hundred thousand runs in memory.
   */
  static readonly keptFinished = 2_000;

  private sweep(): void {
    const cutoff = Date.now() - 60_000;
    let excess = this.finishedAt.size - RunEventBus.keptFinished;
    for (const [id, at] of this.finishedAt) {
      if (at > cutoff && excess <= 0) break; // insertion order is finishing order
      this.finishedAt.delete(id);
      this.history.delete(id);
      excess--;
    }
    this.lastSweep = Date.now();
  }

  /** Forwards local events to other processes (set in distributed mode). */
  relay?: (event: RunEvent) => void;

  publish(event: RunEvent, fromRelay = false): void {
    const id = event.executionId;
    const past = this.history.get(id);
    if (!past) this.history.set(id, [event]);
    else if (past.length < this.replayLimit) past.push(event);
    // Most runs have no listener: no empty list made to loop over.
    const listeners = this.listeners.get(id);
    if (listeners) for (const listener of listeners) listener(event);
    if (event.type === 'execution.finished') {
      // A finished run's events stay a minute for late subscribers, then go (swept, not timed each).
      const now = Date.now();
      this.finishedAt.set(id, now);
      if (now - this.lastSweep > 10_000 || this.finishedAt.size > 2 * RunEventBus.keptFinished) this.sweep();
    }
    if (!fromRelay) this.relay?.(event);
  }

  subscribe(executionId: string, listener: Listener): () => void {
    for (const event of this.history.get(executionId) ?? []) listener(event);
    const set = this.listeners.get(executionId) ?? new Set();
    set.add(listener);
    this.listeners.set(executionId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(executionId);
    };
  }

  /** Resolves when the execution finishes (for synchronous runs). */
  finished(executionId: string): Promise<RunEvent> {
    return new Promise((resolve) => {
      const off = this.subscribe(executionId, (event) => {
        if (event.type !== 'execution.finished') return;
        queueMicrotask(() => off());
        resolve(event);
      });
    });
  }
}
