import { builtinApps, flowControlApp } from '../src';

// Every flow-control module (router, iterator, each aggregator, each directive, If-else, Merge)
// has its own icon on the canvas, never the app's shared one.

describe('flow-control icons', () => {
  const modules = builtinApps.flatMap((app) => app.modules.map((m) => ({ app, m })));
  const flowControl = modules.filter(
    ({ app, m }) => app === flowControlApp || m.kind === 'aggregator' || m.kind === 'directive',
  );

  it('gives each flow-control module, aggregator and directive an icon of its own', () => {
    expect(flowControl.length).toBeGreaterThanOrEqual(14);
    const missing = flowControl.filter(({ m }) => !m.icon).map(({ m }) => m.key);
    expect(missing).toEqual([]);
    // A module answering to two of Make's keys is one module (its second key in make.keys).
    const icons = flowControl.map(({ m }) => m.icon);
    expect(new Set(icons).size).toBe(icons.length);
    expect(icons).not.toContain(flowControlApp.icon);
  });
});
