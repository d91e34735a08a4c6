import type { Variables } from '@integrator/sdk';

/** Set/get variable storage: one-cycle ("roundtrip") and one-execution lifetimes. */
export class VariableStore implements Variables {
  private cycle = new Map<string, unknown>();
  readonly execution = new Map<string, unknown>();

  get(name: string): unknown {
    return this.cycle.has(name) ? this.cycle.get(name) : this.execution.get(name);
  }

  set(name: string, value: unknown, scope: 'roundtrip' | 'execution'): void {
    if (scope === 'execution') {
      this.execution.set(name, value);
      this.cycle.delete(name);
    } else this.cycle.set(name, value);
  }

  newCycle(): void {
    this.cycle = new Map();
  }

  snapshot(): Record<string, unknown> {
    return Object.fromEntries(this.execution);
  }

  restore(values: Record<string, unknown> | undefined): void {
    for (const [k, v] of Object.entries(values ?? {})) this.execution.set(k, v);
  }
}
