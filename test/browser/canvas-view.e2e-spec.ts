import type { Page } from 'playwright-core';
import type { Blueprint, ModuleNode } from '@integrator/engine';
import { auth } from '../support/app';
import {
  axeViolations,
  chromiumAvailable,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
  signedInPage,
} from './browser-support';

// What a person sees on the canvas, in Chromium against the real server: the catalog offers each
// module once and a trigger only where a scenario starts; a new module or router lands in view
// and on a free spot; a large scenario with routers opens fitted and readable.

const suite = chromiumAvailable() ? describe : describe.skip;
const marker = { integrator: { format: 1 } };

const at = (x: number, y: number) => ({ designer: { x, y } });
const hook = (): ModuleNode => ({ id: 1, module: 'gateway:CustomWebHook', version: 1, metadata: at(0, 0) });
const set = (id: number, x: number, y: number): ModuleNode => ({
  id,
  module: 'util:SetVariable2',
  version: 1,
  mapper: { name: `v${id}`, scope: 'roundtrip', value: String(id) },
  metadata: at(x, y),
});
const router = (id: number, x: number, y: number, routes: ModuleNode[][]): ModuleNode => ({
  id,
  module: 'builtin:BasicRouter',
  version: 1,
  mapper: null,
  metadata: at(x, y),
  routes: routes.map((flow) => ({ flow })),
});

interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Every module's and router's circle on screen, by module id. */
async function circles(page: Page): Promise<Box[]> {
  return page.locator('.module-circle, .router-circle').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const id = el.closest('[data-module-id]')?.getAttribute('data-module-id') ?? '';
      return { id, x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

const apart = (a: Box, b: Box) =>
  a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

suite('web app: the canvas shows what a person needs, in Chromium', () => {
  let env: BrowserEnv;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    page = await signedInPage(env);
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  async function open(blueprint: Blueprint): Promise<void> {
    const created = await env.server
      .http()
      .post('/api/scenarios')
      .set(auth(env.server.token))
      .send({ name: blueprint.name, blueprint })
      .expect(201);
    await page.goto('about:blank');
    await page.goto(`${env.baseUrl}/#/scenarios/${created.body.id}`);
    await page.getByRole('heading', { name: blueprint.name }).waitFor();
    await page.waitForLoadState('networkidle');
  }

  /** The visible area of the canvas (the side panel, when open, is beside it). */
  async function viewport(): Promise<Box> {
    const r = (await page.locator('.react-flow').boundingBox())!;
    return { id: 'canvas', x: r.x, y: r.y, w: r.width, h: r.height };
  }

  const inside = (b: Box, v: Box) =>
    b.x >= v.x && b.y >= v.y && b.x + b.w <= v.x + v.w && b.y + b.h <= v.y + v.h;

  test('the catalog lists each module once, triggers only at the start, and finds app and module names', async () => {
    await open({ name: 'Catalog check', metadata: marker, flow: [hook(), set(2, 180, 0)] });
    await page.getByRole('button', { name: 'Add a module after Set variable' }).click();
    const catalog = page.getByRole('dialog', { name: 'Add a module' });
    const names = await catalog
      .locator('.catalog-item')
      .evaluateAll((els) =>
        els.map(
          (el) =>
            `${el.closest('section')?.getAttribute('aria-label')}: ${el.firstElementChild?.textContent}`,
        ),
      );
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names).toContain('Tools: Numeric aggregator');
    // In the middle of a route: no trigger at all (a webhook, a watch, a schedule).
    expect(await catalog.locator('.catalog-item .tag', { hasText: 'Trigger' }).count()).toBe(0);
    expect(names).not.toContain('Webhooks: Custom webhook');
    expect(await axeViolations(page)).toEqual([]);

    // Every word counts, whether it names the app or the module.
    await catalog.getByLabel('Search modules').fill('tools numeric');
    expect(await catalog.locator('.catalog-item').allTextContents()).toEqual([
      'Numeric aggregatorAggregator',
    ]);
    await catalog.getByLabel('Search modules').fill('HTTP');
    expect(await catalog.locator('section').getAttribute('aria-label')).toBe('HTTP');
    await catalog.getByLabel('Search modules').fill('webhook');
    expect(await catalog.locator('.catalog-item', { hasText: 'Custom webhook' }).count()).toBe(0);

    // An empty scenario starts with a trigger: there, the catalog offers them.
    await open({ name: 'Empty start', metadata: marker, flow: [] });
    await page.getByRole('button', { name: 'Add the first module' }).click();
    await catalog.getByLabel('Search modules').fill('webhook');
    await catalog.locator('.catalog-item', { hasText: 'Custom webhook' }).waitFor();
    expect(await catalog.locator('.catalog-item .tag', { hasText: 'Trigger' }).count()).toBeGreaterThan(0);
  }, 90_000);

  test('a new module and a new router land in view and on a free spot', async () => {
    // Router 2's second route lies below the routes of router 3 (nested on its first route).
    const nested = router(3, 360, 0, [[set(4, 540, 0)], [set(5, 540, 150)]]);
    const chain = Array.from({ length: 8 }, (_, i) => set(7 + i, 540 + i * 180, 300));
    await open({
      name: 'Crowded routes',
      metadata: marker,
      flow: [hook(), router(2, 180, 0, [[nested], [set(6, 360, 150 * 2), ...chain]])],
    });
    await page.getByRole('button', { name: 'Add a route to Router 2' }).click();
    await page.getByRole('button', { name: 'Add a module to route 3' }).click();
    const catalog = page.getByRole('dialog', { name: 'Add a module' });
    await catalog.getByLabel('Search modules').fill('set variable');
    await catalog.getByRole('button', { name: /^Set variable/ }).click();
    await page.getByRole('dialog', { name: 'Module 15' }).waitFor();
    await page.waitForTimeout(400); // the pan into view is animated by nothing, but lands a frame later
    let boxes = await circles(page);
    const added = boxes.find((b) => b.id === '15')!;
    expect(inside(added, await viewport())).toBe(true);
    for (const other of boxes.filter((b) => b !== added))
      expect({ id: other.id, apart: apart(added, other) }).toEqual({ id: other.id, apart: true });

    // Zoomed in away from the end of the chain, a router added there is brought into view.
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await page.getByRole('button', { name: /\(module 14\)/ }).click();
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    expect(
      inside(
        (await circles(page)).find((b) => b.id === '14')!,
        await viewport(),
      ),
    ).toBe(false);
    await page
      .getByRole('dialog', { name: 'Module 14' })
      .getByRole('button', { name: 'Add router after' })
      .click();
    await page.getByRole('button', { name: /\(module 16, \d+ routes?\)/ }).waitFor();
    await page.waitForTimeout(400);
    boxes = await circles(page);
    const routerBox = boxes.find((b) => b.id === '16')!;
    expect(inside(routerBox, await viewport())).toBe(true);
    for (const other of boxes.filter((b) => b !== routerBox)) expect(apart(routerBox, other)).toBe(true);
  }, 90_000);

  test('a scenario of 40 modules with routers opens fitted and readable', async () => {
    // A webhook, a router with four routes of eight or nine modules, one of them with a nested router.
    let id = 2;
    const lane = (row: number, count: number, column = 2): ModuleNode[] =>
      Array.from({ length: count }, (_, i) => set(++id, (column + i) * 180, row * 150));
    const routes: ModuleNode[][] = [lane(0, 9), lane(1, 8), lane(2, 8)];
    const fork = router(++id, 2 * 180, 3 * 150, []);
    fork.routes = [{ flow: lane(3, 5, 3) }, { flow: lane(4, 5, 3) }];
    routes.push([fork]);
    const flow = [hook(), router(2, 180, 0, routes)];
    const big: Blueprint = { name: 'Forty modules', metadata: marker, flow };
    await open(big);
    const boxes = await circles(page);
    expect(boxes).toHaveLength(id);
    const view = await viewport();
    // The trigger, where reading starts, is on screen; no two modules overlap.
    expect(
      inside(
        boxes.find((b) => b.id === '1')!,
        view,
      ),
    ).toBe(true);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(apart(a, b)).toBe(true);
    // Fitted: most of the scenario is in view at once, not a corner of it at full size.
    const shown = boxes.filter((b) => inside(b, view)).length;
    expect(shown).toBeGreaterThanOrEqual(Math.ceil(boxes.length * 0.6));
    // Readable: every caption is at least 10px high on screen.
    const smallest = await page.locator('.module-caption strong').evaluateAll((els) =>
      Math.min(
        ...els.map((el) => {
          const zoom = Number(getComputedStyle(el.closest('.canvas')!).getPropertyValue('--zoom'));
          return parseFloat(getComputedStyle(el).fontSize) * zoom;
        }),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(9.9);
    // Captions do not run into each other either.
    const captions = await page.locator('.module-caption').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { id: '', x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    for (const [i, a] of captions.entries())
      for (const b of captions.slice(i + 1)) expect(apart(a, b)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  }, 90_000);

  test('a scenario with routers after a run reads at a glance (pictured for the README)', async () => {
    const filter = (name: string, o: string) => ({ name, conditions: [[{ a: '{{2.total}}', o, b: '100' }]] });
    const mod = (id: number, module: string, x: number, y: number, more: Partial<ModuleNode> = {}) => ({
      id,
      module,
      version: 1,
      metadata: at(x, y),
      ...more,
    });
    const routes = [
      [
        mod(4, 'util:ComposeTransformer', 540, 0, {
          mapper: { value: 'Order {{2.sku}}: {{2.total}} EUR' },
          filter: filter('Large orders', 'number:greater'),
        }),
        mod(5, 'markdown:Compile', 720, 0, { mapper: { data: '**{{4.value}}**' } }),
      ],
      [
        mod(6, 'util:NumericalAggregator', 540, 150, {
          parameters: { feeder: 2, fn: 'sum' },
          mapper: { value: '{{2.total}}' },
        }),
        mod(7, 'util:SetVariable2', 720, 150, {
          mapper: { name: 'dayTotal', scope: 'roundtrip', value: '{{6.result}}' },
        }),
      ],
      [
        {
          ...router(8, 540, 300, [
            [
              mod(9, 'util:TextAggregator', 720, 300, {
                parameters: { feeder: 2, rowSeparator: ', ' },
                mapper: { value: '{{2.sku}}' },
              }),
            ],
            [mod(10, 'util:FunctionIncrement', 720, 450, { parameters: { reset: 'execution' } })],
          ]),
          filter: filter('Small orders', 'number:lessorequal'),
        },
      ],
    ];
    await open({
      name: 'Orders intake',
      metadata: marker,
      flow: [
        hook(),
        mod(2, 'builtin:BasicFeeder', 180, 0, { mapper: { array: '{{1.items}}' } }),
        router(3, 360, 0, routes as ModuleNode[][]),
      ],
    } as Blueprint);
    await page.getByRole('button', { name: 'Run once' }).click();
    await page
      .getByLabel('Input data (JSON)')
      .fill(
        '{"items": [{"sku": "A-1", "total": 250}, {"sku": "B-2", "total": 40}, {"sku": "C-3", "total": 80}]}',
      );
    await page.getByRole('dialog', { name: 'Run once' }).getByRole('button', { name: 'Run' }).click();
    await page.getByRole('status').filter({ hasText: 'Run finished with success' }).waitFor();
    // The large order took route 1, the two small ones route 3's nested router.
    await page.getByRole('button', { name: 'Module 5: 1 operation' }).waitFor();
    await page.getByRole('button', { name: 'Module 10: 2 operations' }).waitFor();
    const boxes = await circles(page);
    const view = await viewport();
    expect(boxes.filter((b) => !inside(b, view)).map((b) => b.id)).toEqual([]);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(apart(a, b)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'editor.png');
  }, 90_000);
});
