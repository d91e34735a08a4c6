import pino, { type DestinationStream, type Logger as Pino } from 'pino';

/** What the summary line of each finished execution says. */
export interface RunSummary {
  executionId: string;
  scenarioId: number;
  status: string;
  trigger: string;
  operations: number;
  durationMs: number;
  error?: string;
}

/**
 * The one log line of each finished execution, at info level, written where `logger` writes as
 * the same JSON pino would write (level, time, pid, the fields, msg), but not by pino, and in
 * batches. At the default level this line was the largest single cost of a short webhook run
 * (docs/BENCHMARKS.md): pino's path redaction (about 8 µs a line even when nothing matches; these
 * fields are fixed and hold no secret), its generic serialisation, and above all one write to
 * the destination per line, each a system call on a thread and a callback. The lines of up to
 * `delayMs` go out as one write instead; the time in each is the moment the run finished.
 * Lines that carry anything else (errors, requests, configuration) keep going through pino at
 * once, so a summary may follow a line logged a few milliseconds after it.
 */
export class RunSummaries {
  /** The most kept back: a larger batch is written at once. */
  static readonly maxPending = 64 * 1024;
  private readonly stream: DestinationStream & { flushSync?: () => void };
  private pending = '';
  private timer: NodeJS.Timeout | undefined = undefined;

  constructor(
    private readonly logger: Pino,
    private readonly delayMs = 10,
  ) {
    this.stream = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
    flushedAtExit(this);
  }

  /** Whether lines are written at all (the fields need not be gathered when not). */
  get enabled(): boolean {
    return this.logger.isLevelEnabled('info');
  }

  write(s: RunSummary): void {
    if (!this.enabled) return;
    // The same key order and text as pino's JSON: its base fields, then the object's, then the
    // message; an undefined error left out, as pino leaves it out. Written as a template (the
    // numbers as JSON writes them, the strings through JSON.stringify): half the cost of
    // stringifying an object made for it.
    const error = s.error === undefined ? '' : `,"error":${JSON.stringify(s.error)}`;
    this.pending +=
      `{"level":30,"time":${Date.now()},"pid":${process.pid}` +
      `,"executionId":${JSON.stringify(s.executionId)},"scenarioId":${num(s.scenarioId)}` +
      `,"status":${JSON.stringify(s.status)},"trigger":${JSON.stringify(s.trigger)}` +
      `,"operations":${num(s.operations)},"durationMs":${num(s.durationMs)}${error}` +
      `,"msg":"execution finished"}\n`;
    if (this.pending.length >= RunSummaries.maxPending) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.delayMs);
      this.timer.unref(); // the exit hook writes what is left
    }
  }

  /** Writes what is kept back now (`sync`: also out of the destination's own buffer). */
  flush(sync = false): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) {
      const lines = this.pending;
      this.pending = '';
      this.stream.write(lines);
    }
    if (sync) {
      try {
        this.stream.flushSync?.();
      } catch {
        // Not open yet or already closed: nothing more can be written.
      }
    }
  }
}

/** A number as JSON.stringify writes it (not finite: null). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

// Nothing kept back is lost when the process ends, whatever ends it (as pino does for its own
// buffer). Held weakly: a server dropped (tests start many) is not kept alive by this.
const live = new Set<WeakRef<RunSummaries>>();
let hooked = false;

function flushedAtExit(summaries: RunSummaries): void {
  if (!hooked) process.once('exit', () => live.forEach((ref) => ref.deref()?.flush(true)));
  hooked = true;
  for (const ref of live) if (!ref.deref()) live.delete(ref);
  live.add(new WeakRef(summaries));
}
