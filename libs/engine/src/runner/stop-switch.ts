// How a run is asked to stop. RunOptions.signal (an AbortSignal) does it; so does a StopSwitch,
// whose signal is made only when something needs one: a module that waits or sends a request.
// Most runs do neither, and making an AbortSignal per run cost about 1.5 % of a short webhook
// run's CPU on the server (docs/BENCHMARKS.md).

/** What the engine reads to know whether the run was asked to stop. */
export interface StopSwitch {
  /** True once the run was asked to stop (checked between operations). */
  readonly stopped: boolean;
  /** Aborted when the run is asked to stop (or at once, when it was already). */
  readonly signal: AbortSignal;
}

/** A stop switch whose AbortSignal is made on first use. */
export class RunStop implements StopSwitch {
  private asked = false;
  private controller: AbortController | undefined = undefined;
  /** Called once when the run is asked to stop (a run on another thread hears of it this way). */
  forward: (() => void) | undefined = undefined;

  get stopped(): boolean {
    return this.asked;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.asked) this.controller.abort();
    }
    return this.controller.signal;
  }

  /** Asks the run to stop: after its current operation, waits and requests cut short. */
  stop(): void {
    const first = !this.asked;
    this.asked = true;
    this.controller?.abort();
    if (first) this.forward?.();
  }
}

/** The stop switch of an AbortSignal (RunOptions.signal). */
export function switchOf(signal: AbortSignal): StopSwitch {
  return {
    get stopped() {
      return signal.aborted;
    },
    signal,
  };
}
