// jsdom has no layout: React Flow needs ResizeObserver, DOMMatrixReadOnly and element sizes to
// measure nodes before it draws edges (the setup from React Flow's testing guide).

// By default a target is reported as soon as it is observed (React Flow's testing guide), so
// synchronous tests see measured nodes. Batched, it reports all targets of a task together in
// a microtask, as a browser does: what the performance test needs to be faithful.
let batched = false;

class ResizeObserverStub {
  private pending: Element[] = [];
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    if (!batched) return this.report([target]);
    if (this.pending.push(target) > 1) return;
    queueMicrotask(() => {
      const targets = this.pending;
      this.pending = [];
      this.report(targets);
    });
  }
  unobserve() {}
  disconnect() {
    this.pending = [];
  }
  private report(targets: Element[]) {
    this.callback(
      targets.map((target) => ({ target }) as ResizeObserverEntry),
      this as unknown as ResizeObserver,
    );
  }
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

let installed = false;

export function installReactFlowEnv(options: { batchResizes?: boolean } = {}): void {
  batched = options.batchResizes ?? false;
  if (installed) return;
  installed = true;
  const g = globalThis as unknown as Record<string, unknown>;
  g.ResizeObserver = ResizeObserverStub;
  g.DOMMatrixReadOnly = DOMMatrixReadOnlyStub;
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return parseFloat(this.style.height) || 96;
      },
    },
    offsetWidth: {
      configurable: true,
      get(this: HTMLElement) {
        return parseFloat(this.style.width) || 96;
      },
    },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
    ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
}
