import type { Page } from 'playwright-core';
import type { Blueprint } from '@integrator/engine';
import { auth } from '../support/app';
import { chromiumAvailable, screenshot, startBrowserEnv, type BrowserEnv } from './browser-support';

// An If-else with a Merge in the real editor: the branches fan out with their labels (else
// last), the merging branches join at the Merge, "+" adds a branch, a branch opens its
// conditions in the filter editor.

const suite = chromiumAvailable() ? describe : describe.skip;

const set = (id: number, value: string) => ({
  id,
  module: 'util:SetVariable2',
  version: 1,
  mapper: { name: 'value', scope: 'roundtrip', value },
});

const blueprint: Blueprint = {
  name: 'Tickets by priority',
  flow: [
    {
      id: 1,
      module: 'util:SetVariable2',
      version: 1,
      mapper: { name: 'priority', scope: 'roundtrip', value: 'high' },
    },
    {
      id: 2,
      module: 'builtin:BasicIfElse',
      version: 1,
      mapper: null,
      branches: [
        {
          type: 'condition',
          label: 'High priority',
          conditions: [[{ a: '{{1.priority}}', o: 'text:equal', b: 'high' }]],
          merge: true,
          flow: [set(3, 'urgent'), set(7, '{{3.value}}!')],
        },
        {
          type: 'condition',
          label: 'Spam',
          conditions: [[{ a: '{{1.priority}}', o: 'text:equal', b: 'spam' }]],
          merge: false,
          flow: [set(4, 'dropped')],
        },
        { type: 'else', label: 'Else', merge: true, flow: [set(5, 'normal')] },
      ],
    },
    {
      id: 6,
      module: 'builtin:BasicMerge',
      version: 1,
      mapper: null,
      outputs: [{ name: 'message', mappings: ['{{7.value}}', '{{5.value}}'] }],
    },
    set(8, '{{6.message}}'),
  ],
};

suite('web app: If-else and Merge in Chromium', () => {
  let env: BrowserEnv;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    page = env.page;
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  test('draws the branches and the Merge, runs once through one branch, adds a branch, edits a condition', async () => {
    const created = await env.server
      .http()
      .post('/api/scenarios')
      .set(auth(env.server.token))
      .send({ name: blueprint.name, blueprint })
      .expect(201);
    await page.addInitScript(
      (token) =>
        (globalThis as { localStorage?: { setItem(k: string, v: string): void } }).localStorage?.setItem(
          'integrator.token',
          token,
        ),
      env.server.token,
    );
    await page.goto(`${env.baseUrl}/#/scenarios/${created.body.id}`);
    await page.getByRole('button', { name: 'If-else (module 2, 3 branches)' }).waitFor();
    for (const label of ['High priority', 'Spam', 'Else'])
      await page.getByRole('button', { name: `Branch ${label} of If-else 2` }).waitFor();
    const high = page.getByRole('button', { name: 'Branch High priority of If-else 2' });
    expect([await high.textContent(), await high.getAttribute('title')]).toEqual([
      'High priority',
      '1 condition',
    ]);
    expect(await page.locator('.react-flow__node-ifelse').count()).toBe(1);
    // Three branch links and two links into the Merge (from 7 and from 5), none from the If-else.
    expect(await page.locator('.react-flow__edge[data-id^="b2-"]').count()).toBe(3);
    expect(await page.locator('.react-flow__edge[data-id^="m2-"]').count()).toBe(2);
    await page.getByRole('button', { name: 'Auto-align' }).click();
    await page.getByRole('button', { name: 'Zoom to fit' }).click();

    // Run once: the bundle takes the first branch, joins at the Merge and carries its value on.
    await page.getByRole('button', { name: 'Run once' }).click();
    await page.getByRole('status').filter({ hasText: 'Run finished with success' }).first().waitFor();
    for (const id of [2, 3, 7, 6, 8])
      await page.getByRole('button', { name: `Module ${id}: 1 operation` }).waitFor();
    // The other two branches did not run.
    for (const id of [4, 5]) await page.getByRole('button', { name: `Module ${id}: 0 operations` }).waitFor();
    await screenshot(page, 'if-else.png');
    await page.getByRole('button', { name: 'Module 8: 1 operation' }).click();
    await page
      .getByRole('dialog', { name: 'Module 8: last run' })
      .filter({ hasText: '"value": "urgent!"' })
      .waitFor({ timeout: 15_000 });
    await page
      .getByRole('dialog', { name: 'Module 8: last run' })
      .getByRole('button', { name: 'Close' })
      .click();

    await page.getByRole('button', { name: 'Add a branch to If-else 2' }).click();
    await page.getByRole('button', { name: 'Branch Condition 3 of If-else 2' }).waitFor();
    await page.getByRole('button', { name: 'Branch Spam of If-else 2' }).click();
    const panel = page.getByRole('dialog', { name: 'Branch Spam of If-else 2' });
    await panel.getByLabel('Operator').selectOption('text:contain:ci');
    await panel.getByLabel(/Continue at the Merge/).waitFor();
    await screenshot(page, 'if-else-branch.png');
  }, 120_000);
});
