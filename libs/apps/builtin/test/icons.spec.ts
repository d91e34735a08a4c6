import { builtinApps, flowControlApp } from '../src';

// Every flow-control module (router, iterator, each aggregator, each directive, If-else, Merge)
// has its own icon on the canvas, never the app's shared one.

describe('flow-control icons', () => {
  const modules = builtinApps.flatMap((app) => app.modules.map((m) => ({ app, m })));
  const flowControl = modules.filter(
    ({ app, m }) => app === flowControlApp || m.kind === 'aggregator' || m.kind === 'directive',
  );

  it('gives each flow-control module, aggregator and directive an icon of its own', () => {
    expect(flowControl.length).toBeGreaterThanOrEqual(15);
    const missing = flowControl.filter(({ m }) => !m.icon).map(({ m }) => m.key);
    expect(missing).toEqual([]);
    // One module may answer to two keys (Make's old and new); by label each has its own icon.
    const byLabel = new Map(flowControl.map(({ m }) => [m.label, m.icon]));
    const icons = [...byLabel.values()];
    expect(new Set(icons).size).toBe(icons.length);
    expect(icons).not.toContain(flowControlApp.icon);
  });
});
