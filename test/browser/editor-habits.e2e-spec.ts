import type { Page } from 'playwright-core';
import type { Blueprint } from '@integrator/engine';
import { auth } from '../support/app';
import {
  chromiumAvailable,
  mappedText,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
} from './browser-support';

// What a Make user does every day in the editor, in Chromium against the real server: leaving
// with unsaved edits asks first.

const suite = chromiumAvailable() ? describe : describe.skip;
const marker = { integrator: { format: 1 } };

const twoSteps: Blueprint = {
  name: 'Greeting',
  metadata: marker,
  flow: [
    {
      id: 1,
      module: 'util:SetVariable2',
      version: 1,
      mapper: { name: 'who', scope: 'roundtrip', value: 'Ada' },
    },
    {
      id: 2,
      module: 'util:SetVariable2',
      version: 1,
      mapper: { name: 'hello', scope: 'roundtrip', value: 'Hi {{1.who}}' },
    },
  ],
};

suite('web app: the editor keeps Make habits in Chromium', () => {
  let env: BrowserEnv;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    page = env.page;
    await page.addInitScript(
      (token) =>
        (globalThis as { localStorage?: { setItem(k: string, v: string): void } }).localStorage?.setItem(
          'integrator.token',
          token,
        ),
      env.server.token,
    );
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  async function create(blueprint: Blueprint): Promise<string> {
    const created = await env.server
      .http()
      .post('/api/scenarios')
      .set(auth(env.server.token))
      .send({ name: blueprint.name, blueprint })
      .expect(201);
    return String(created.body.id);
  }

  async function open(id: string, name: string): Promise<void> {
    // A fresh document each time: an earlier test's unsaved edits would (rightly) ask first.
    await page.goto('about:blank');
    await page.goto(`${env.baseUrl}/#/scenarios/${id}`);
    await page.getByRole('heading', { name }).waitFor();
  }

  test('leaving with unsaved changes through the sidebar or another scenario asks first', async () => {
    const id = await create(twoSteps);
    const other = await create({ ...twoSteps, name: 'Other one' });
    await open(id, 'Greeting');
    await page.getByRole('button', { name: /^Set variable \(module 2\)/ }).click();
    await page
      .getByRole('dialog', { name: 'Module 2' })
      .getByRole('textbox', { name: 'Variable name' })
      .fill('kept');

    const questions: string[] = [];
    page.once('dialog', (d) => {
      questions.push(d.message());
      void d.dismiss();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    await page.waitForFunction(() => true);
    expect(questions).toEqual(['This scenario has unsaved changes. Leave and lose them?']);
    expect(page.url()).toBe(`${env.baseUrl}/#/scenarios/${id}`);
    expect(
      await page
        .getByRole('dialog', { name: 'Module 2' })
        .getByRole('textbox', { name: 'Variable name' })
        .inputValue(),
    ).toBe('kept');

    page.once('dialog', (d) => {
      questions.push(d.message());
      void d.accept();
    });
    await page.evaluate((next) => (window.location.hash = `#/scenarios/${next}`), other);
    await page.getByRole('heading', { name: 'Other one' }).waitFor();
    expect(questions).toHaveLength(2);
  }, 60_000);

  test('a select of a module maps a value per bundle, checked against its choices at run time', async () => {
    const id = await create({
      ...twoSteps,
      name: 'Mapped lifetime',
      flow: [
        { ...twoSteps.flow[0], mapper: { name: 'lifetime', scope: 'roundtrip', value: 'forever' } },
        twoSteps.flow[1],
      ],
    });
    await open(id, 'Mapped lifetime');
    await page.getByRole('button', { name: /^Set variable \(module 2\)/ }).click();
    const panel = page.getByRole('dialog', { name: 'Module 2' });
    await panel.getByRole('button', { name: 'Map Variable lifetime' }).click();
    await panel.getByRole('textbox', { name: 'Variable lifetime' }).fill('{{1.lifetime}}');
    await screenshot(page, 'editor-map-toggle.png');
    await page.getByRole('button', { name: 'Run once' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'The run failed in module 2' });
    await failed.waitFor();
    expect(await failed.textContent()).toContain(
      'Variable lifetime must be one of "roundtrip", "execution" (got "forever")',
    );
  }, 60_000);

  test('Run once runs with a required field empty: the first module runs, the next fails by its label', async () => {
    const id = await create({
      ...twoSteps,
      name: 'Half done',
      flow: [
        { ...twoSteps.flow[0], mapper: { name: 'plan', scope: 'roundtrip', value: 'pro' } },
        { ...twoSteps.flow[1], mapper: { name: '', scope: 'roundtrip', value: '' } },
      ],
    });
    await open(id, 'Half done');
    await page.getByRole('button', { name: 'Run once' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'The run failed in module 2' });
    await failed.waitFor();
    expect(await failed.textContent()).toContain('module 2: Variable name is required');
    await page.getByRole('button', { name: 'Module 1: 1 operation' }).waitFor();
    await page
      .getByRole('button', { name: 'Module 2: 1 operation, failed: Variable name is required' })
      .waitFor();

    // The first module's output is on offer in the picker of the one left to fill.
    await page.getByRole('button', { name: /^Set variable \(module 2\)/ }).click();
    const panel = page.getByRole('dialog', { name: 'Module 2' });
    await panel.getByRole('button', { name: 'Insert a mapping' }).first().click();
    await panel
      .getByRole('dialog', { name: 'Insert a mapping' })
      .getByRole('button', { name: /^plan/ })
      .click();
    expect(await mappedText(panel.getByRole('textbox', { name: 'Variable name' }))).toBe('{{1.plan}}');
    // The field is set: its "is required" goes at once.
    expect(await panel.locator('[data-path="name"] .field-error').count()).toBe(0);
    await screenshot(page, 'editor-run-required.png');
  }, 60_000);

  test('right-click a module: its menu runs it alone on an input bundle, clones it', async () => {
    const id = await create({ ...twoSteps, name: 'Menu' });
    await open(id, 'Menu');
    await page.getByRole('button', { name: /^Set variable \(module 2\)/ }).click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Module 2 menu' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Run this module only',
      'Add error handler',
      'Rename',
      'Clone',
      'Delete',
    ]);
    await screenshot(page, 'editor-module-menu.png');
    await menu.getByRole('menuitem', { name: 'Run this module only' }).click();
    const drawer = page.getByRole('dialog', { name: 'Run this module only' });
    await drawer
      .getByLabel('Input bundle (JSON)')
      .fill('{"name": "hello", "scope": "roundtrip", "value": "Hi Grace"}');
    await drawer.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('status').filter({ hasText: 'Run finished with success' }).waitFor();
    await page.getByRole('button', { name: 'Module 2: 1 operation' }).click();
    await page
      .getByRole('dialog', { name: 'Module 2: last run' })
      .filter({ hasText: '"hello": "Hi Grace"' })
      .waitFor();
    // Module 1 did not run.
    expect(await page.getByRole('button', { name: /^Module 1:/ }).count()).toBe(0);

    await page.getByRole('button', { name: /^Set variable \(module 1\)/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Module 1 menu' }).getByRole('menuitem', { name: 'Clone' }).click();
    await page.getByRole('button', { name: /^Set variable \(module 3\)/ }).waitFor();
  }, 60_000);

  test('an imported blueprint with stacked modules and a router opens laid out, nothing on top of another', async () => {
    const set = (id: number, pos?: boolean) => ({
      id,
      module: 'util:SetVariable2',
      version: 1,
      mapper: { name: `v${id}`, scope: 'roundtrip', value: String(id) },
      ...(pos ? { metadata: { designer: { x: 0, y: 0 } } } : {}),
    });
    const id = await create({
      name: 'Stacked import',
      metadata: marker,
      flow: [
        set(1, true),
        {
          id: 2,
          module: 'builtin:BasicRouter',
          version: 1,
          mapper: null,
          metadata: { designer: { x: 0, y: 0 } },
          routes: [{ flow: [set(3, true), set(4)] }, { flow: [set(5, true)] }, { flow: [set(6)] }],
        },
      ],
    } as Blueprint);
    await open(id, 'Stacked import');
    await page.getByRole('status').filter({ hasText: 'laid out automatically' }).waitFor();
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    const boxes = await page
      .locator('.react-flow__node-module, .react-flow__node-router')
      .evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height };
        }),
      );
    expect(boxes).toHaveLength(6);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    // Opening alone is not an unsaved change.
    expect(await page.getByText('unsaved changes').count()).toBe(0);
    await screenshot(page, 'editor-import-laid-out.png');
  }, 60_000);

  test('the webhook module adds a webhook in place and shows its address to copy', async () => {
    const id = await create({
      name: 'Hooked',
      metadata: marker,
      flow: [{ id: 1, module: 'gateway:CustomWebHook', version: 1, metadata: { designer: { x: 0, y: 0 } } }],
    } as Blueprint);
    await open(id, 'Hooked');
    await page
      .getByRole('button', { name: /\(module 1\)/ })
      .first()
      .click();
    const panel = page.getByRole('dialog', { name: 'Module 1' });
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await panel.getByLabel(/^New .* name$/).fill('Orders in');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    const address = panel.locator('.resource-url code');
    await address.waitFor();
    expect(await address.textContent()).toMatch(/\/hooks\/[\w-]+$/);
    await panel.getByRole('button', { name: 'Copy address' }).waitFor();
    await screenshot(page, 'editor-webhook-in-place.png');
    const hooks = await env.server.http().get('/api/hooks').set(auth(env.server.token)).expect(200);
    expect(hooks.body).toContainEqual(expect.objectContaining({ name: 'Orders in', scenarioId: Number(id) }));
  }, 60_000);
});
