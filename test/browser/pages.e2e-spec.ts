import type { BrowserContext, Page, Request } from 'playwright-core';
import { auth } from '../support/app';
import {
  axeViolations,
  chromiumAvailable,
  screenshot,
  signIn,
  startBrowserEnv,
  type BrowserEnv,
} from './browser-support';

// Every page, as a person with a phone, a tablet or only a keyboard meets it: axe-core finds no
// violation on any page or state visited, the sidebar folds into a keyboard-operable menu on
// narrow screens, a module's panel takes focus and closes on Escape without the toolbar on top
// of it, unknown addresses say "Not found", and the history charts follow the page's filters.

const suite = chromiumAvailable() ? describe : describe.skip;

const blueprint = {
  name: 'Signups',
  flow: [
    { id: 1, module: 'gateway:CustomWebHook', parameters: {} },
    { id: 2, module: 'util:SetVariable2', mapper: { name: 'greeting', value: 'Hello {{1.name}}' } },
  ],
  metadata: { scenario: { roundtrips: 1 }, integrator: { format: 1 } },
};

/** Every page of the sidebar, with the heading that says it has loaded. */
const PAGES: Array<[string, string]> = [
  ['#/scenarios', 'Scenarios'],
  ['#/executions', 'History'],
  ['#/incomplete', 'Incomplete executions'],
  ['#/connections', 'Connections'],
  ['#/custom-connectors', 'Custom connectors'],
  ['#/key-results', 'Key results'],
  ['#/webhooks', 'Webhooks'],
  ['#/datastores', 'Data stores'],
  ['#/app-connectors', 'App connectors'],
  ['#/users', 'Users and groups'],
  ['#/organization', 'Organisation'],
];

suite('web app: every page on every screen, by keyboard, in Chromium', () => {
  let env: BrowserEnv;
  let scenarioId: number;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const h = auth(env.server.token);
    const created = await env.server
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Signups', blueprint });
    expect(created.status).toBe(201);
    scenarioId = created.body.id;
    for (const name of ['Ada', 'Grace'])
      await env.server
        .http()
        .post(`/api/scenarios/${scenarioId}/run`)
        .set(h)
        .send({ input: { name } })
        .expect(201);
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  /** A signed-in page at a size; axe's script is injected, so the strict CSP is bypassed here. */
  async function openAt(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await env.browser.newContext({ viewport: { width, height }, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, env.baseUrl);
    return { context, page };
  }

  async function visit(page: Page, hash: string, heading: string): Promise<void> {
    await page.goto(`${env.baseUrl}/${hash}`);
    await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
  }

  test('axe-core finds no violation on any page, the editor with a module open included', async () => {
    const { context, page } = await openAt(1366, 768);
    const found: Record<string, string[]> = {};
    for (const [hash, heading] of PAGES) {
      await visit(page, hash, heading);
      found[hash] = await axeViolations(page);
    }
    await page.goto(`${env.baseUrl}/#/scenarios/${scenarioId}`);
    await page.getByRole('heading', { name: 'Signups' }).waitFor();
    await page.waitForLoadState('networkidle');
    found.editor = await axeViolations(page);
    await page
      .getByRole('button', { name: /\(module 2\)/ })
      .first()
      .click();
    await page.getByRole('dialog', { name: 'Module 2' }).waitFor();
    found['editor, module open'] = await axeViolations(page);
    await visit(page, '#/no-such-page', 'Not found');
    found['not found'] = await axeViolations(page);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    await context.close();
  }, 180_000);

  test('opening a module by keyboard moves focus into its panel; Escape closes it and returns focus', async () => {
    const { context, page } = await openAt(1366, 768);
    await page.goto(`${env.baseUrl}/#/scenarios/${scenarioId}`);
    const bubble = page.getByRole('button', { name: /\(module 2\)/ }).first();
    await bubble.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Module 2' });
    await panel.waitFor();
    expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    // The focused panel is visibly marked (an outline), not only focused.
    expect(await panel.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Tab');
    expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await bubble.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  }, 90_000);

  test('a run on the canvas and the mapping picker pass axe too (and are pictured for the docs)', async () => {
    const { context, page } = await openAt(1366, 768);
    await page.goto(`${env.baseUrl}/#/scenarios/${scenarioId}`);
    await page.getByRole('heading', { name: 'Signups' }).waitFor();
    await page.getByRole('button', { name: 'Run once' }).click();
    await page.getByLabel('Input data (JSON)').fill('{"name": "Ada"}');
    await page.getByRole('dialog', { name: 'Run once' }).getByRole('button', { name: 'Run' }).click();
    await page.getByRole('status').filter({ hasText: 'Run finished with success' }).waitFor();
    await page.getByRole('button', { name: 'Module 2: 1 operation' }).waitFor();
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    // Two modules fitted fill the screen; a step back shows them at their everyday size.
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'run-on-canvas.png');

    await page
      .getByRole('button', { name: /\(module 2\)/ })
      .first()
      .click();
    const panel = page.getByRole('dialog', { name: 'Module 2' });
    await panel.getByRole('button', { name: 'Insert a mapping' }).last().click();
    await panel.getByRole('dialog', { name: 'Insert a mapping' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'picker.png');
    await context.close();
  }, 90_000);

  test('every stop of the Tab key is visibly marked, on every page and in the editor', async () => {
    const { context, page } = await openAt(1366, 768);
    const unmarked: string[] = [];
    const pages: Array<[string, string]> = [...PAGES, [`#/scenarios/${scenarioId}`, 'Signups']];
    for (const [hash, heading] of pages) {
      await visit(page, hash, heading);
      const seen = new Set<string>();
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const marked =
            (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
            style.boxShadow !== 'none';
          const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
          return { name, marked };
        });
        if (!stop || seen.has(stop.name)) break;
        seen.add(stop.name);
        if (!stop.marked) unmarked.push(`${hash}: ${stop.name}`);
      }
    }
    expect(unmarked).toEqual([]);
    await context.close();
  }, 180_000);

  test('the sidebar shows where the keyboard is', async () => {
    const { context, page } = await openAt(1366, 768);
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the brand
    await page.keyboard.press('Tab'); // the first page of the menu
    const focused = page.locator('.side-nav a:focus');
    expect(await focused.textContent()).toBe('Scenarios');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await context.close();
  }, 60_000);

  for (const [width, height, name] of [
    [390, 844, 'phone'],
    [820, 1180, 'tablet'],
  ] as const) {
    test(`at ${width}×${height} (${name}): a keyboard menu, no page wider than the screen, the panel above the toolbar`, async () => {
      const { context, page } = await openAt(width, height);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const menu = page.getByRole('button', { name: 'Menu' });
      expect(await nav.isVisible()).toBe(false);
      await menu.focus();
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await nav.getByRole('link', { name: 'History' }).waitFor();
      await screenshot(page, `${name}-menu.png`);
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      expect(await nav.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('menu-button');
      await page.keyboard.press('Enter');
      await nav.getByRole('link', { name: 'History' }).click();
      await page
        .getByRole('heading', { name: 'History', level: 2 })
        .or(page.getByRole('heading', { name: 'History', level: 1 }))
        .first()
        .waitFor();
      expect(await nav.isVisible()).toBe(false);

      for (const [hash, heading] of PAGES) {
        await visit(page, hash, heading);
        // The page never scrolls sideways: wide tables scroll inside their own box.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ hash, overflow }).toEqual({ hash, overflow: 0 });
        const main = await page.locator('#main').evaluate((el) => el.scrollWidth - el.clientWidth);
        expect({ hash, main }).toEqual({ hash, main: 0 });
        // Nothing of a list is cut off at the screen's edge: phones show its rows as cards.
        const cut = await page
          .locator('.data-table td')
          .evaluateAll(
            (cells, w) => cells.filter((c) => c.getBoundingClientRect().right > w + 1).length,
            width,
          );
        expect({ hash, cut }).toEqual({ hash, cut: 0 });
        expect({ hash, violations: await axeViolations(page) }).toEqual({ hash, violations: [] });
        if (hash === '#/executions' || hash === '#/scenarios')
          await screenshot(page, `${name}-${hash.slice(2)}.png`);
        // The README's phone picture: the history's charts and its runs as cards.
        if (hash === '#/executions' && name === 'phone') await screenshot(page, 'phone.png');
      }

      await page.goto(`${env.baseUrl}/#/scenarios/${scenarioId}`);
      await page.getByRole('heading', { name: 'Signups' }).waitFor();
      await page
        .getByRole('button', { name: /\(module 2\)/ })
        .first()
        .click();
      const panel = page.getByRole('dialog', { name: 'Module 2' });
      await panel.waitFor();
      // Whatever the toolbar's place, the panel is on top: the point at its centre is the panel's.
      const toolbar = await page.getByRole('toolbar', { name: 'Scenario editor' }).boundingBox();
      const box = await panel.boundingBox();
      expect(toolbar && box).toBeTruthy();
      const probes = [
        [box!.x + box!.width / 2, box!.y + box!.height - 20],
        [box!.x + 20, box!.y + box!.height - 20],
        [box!.x + box!.width - 20, box!.y + box!.height - 20],
      ];
      for (const [x, y] of probes)
        expect(
          await page.evaluate(
            ([px, py]) => Boolean(document.elementFromPoint(px, py)?.closest('.side-panel')),
            [x, y],
          ),
        ).toBe(true);
      expect(box!.width).toBeGreaterThanOrEqual(Math.min(width, 420) - 1);
      if (name === 'tablet') {
        // The panel lies over the canvas's right part: the module being edited is left of it.
        await page.waitForFunction(() => {
          const circle = document
            .querySelector('[data-module-id="2"] .module-circle')
            ?.getBoundingClientRect();
          const side = document.querySelector('.side-panel')?.getBoundingClientRect();
          return Boolean(circle && side && circle.x >= 0 && circle.right <= side.left);
        });
      }
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `${name}-editor-panel.png`);
      await context.close();
    }, 180_000);
  }

  test('an unknown address shows "Not found", as a path and as an app route', async () => {
    const { context, page } = await openAt(1366, 768);
    await page.goto(`${env.baseUrl}/no/such/page`);
    await page.getByRole('heading', { name: 'Not found', level: 1 }).waitFor();
    await page.goto(`${env.baseUrl}/#/nothing-here`);
    await page.getByRole('heading', { name: 'Not found', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Go to your scenarios' }).click();
    await page.getByRole('heading', { name: 'Scenarios' }).waitFor();
    await context.close();
  }, 60_000);

  test('the history charts are asked for with the same filters as the list', async () => {
    const { context, page } = await openAt(1366, 768);
    const seen: Request[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/executions')) seen.push(r);
    });
    await page.goto(
      `${env.baseUrl}/#/executions?scenarioId=${scenarioId}&status=success&from=2026-01-01&to=2026-12-31`,
    );
    await page.getByRole('heading', { name: 'History' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    const query = (path: string) => {
      const r = seen.find((s) => new URL(s.url()).pathname === path);
      expect(r).toBeDefined();
      const q = new URL(r!.url()).searchParams;
      return {
        scenarioId: q.get('scenarioId'),
        status: q.get('status'),
        from: q.get('from'),
        to: q.get('to'),
      };
    };
    const stats = query('/api/executions/stats');
    expect(stats).toEqual(query('/api/executions'));
    expect(stats).toMatchObject({ scenarioId: String(scenarioId), status: 'success' });
    expect(stats.from).toMatch(/^2025-12-3|^2026-01-01/);
    const refreshed = page.waitForRequest(
      (r) =>
        new URL(r.url()).pathname === '/api/executions/stats' &&
        new URL(r.url()).searchParams.get('status') === 'error',
    );
    await page.getByLabel('Status').selectOption('error');
    const again = new URL((await refreshed).url()).searchParams;
    expect(again.get('scenarioId')).toBe(String(scenarioId));
    expect(again.get('from')).toBe(stats.from);
    await context.close();
  }, 60_000);
});
