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
  // Finished runs in finishing order, read from `head`: the oldest go first. A queue rather than
  // a map swept now and then, which deleted half its entries and refilled (rebuilding its table),
  // and a run's finish is now one push and one delete (issue 14).
  private finishedIds: Array<string | undefined> = [];
  private finishedTimes: number[] = [];
  private head = 0;

  /**
   * Finished runs whose events are kept, whatever their age: a late subscriber comes within
   * microseconds of the finish (the webhook answer, a waiting caller), while a minute of history
   * at thousands of runs a second kept the events of a hundred thousand runs in memory.
   */
  static readonly keptFinished = 2_000;
  /** How long a finished run's events stay at most (fewer runs than keptFinished finishing). */
  static readonly keptMs = 60_000;

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
    if (event.type === 'execution.finished') this.finish(id, Date.now());
    if (!fromRelay) this.relay?.(event);
  }

  /** The first event of the run so far that `test` accepts (without subscribing). */
  find(executionId: string, test: (event: RunEvent) => boolean): RunEvent | undefined {
    const past = this.history.get(executionId);
    if (past) for (const event of past) if (test(event)) return event;
    return undefined;
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

  /** How many finished runs' events are kept now. */
  get finishedKept(): number {
    return this.finishedIds.length - this.head;
  }

  // A finished run's events stay for late subscribers until keptFinished runs finished after it,
  // or keptMs went by (checked as runs finish).
  private finish(id: string, now: number): void {
    this.finishedIds.push(id);
    this.finishedTimes.push(now);
    const cutoff = now - RunEventBus.keptMs;
    let kept = this.finishedIds.length - this.head;
    while (kept > RunEventBus.keptFinished || (kept > 0 && this.finishedTimes[this.head] <= cutoff)) {
      this.history.delete(this.finishedIds[this.head]!);
      this.finishedIds[this.head] = undefined;
      this.head++;
      kept--;
    }
    // The queue's front is cut off once it is most of the arrays.
    if (this.head >= RunEventBus.keptFinished && this.head * 2 >= this.finishedIds.length) {
      this.finishedIds = this.finishedIds.slice(this.head);
      this.finishedTimes = this.finishedTimes.slice(this.head);
      this.head = 0;
    }
  }
}
