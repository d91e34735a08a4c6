import type { Page } from 'playwright-core';
import type { Blueprint } from '@integrator/engine';
import { auth } from '../support/app';
import {
  axeViolations,
  chromiumAvailable,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
  signedInPage,
} from './browser-support';

// Past runs, as a Make user reads them in Chromium against the real server: a run opens on the
// scenario's canvas (bubbles, bundles, the failed module in red, a banner back to the live
// editor), the editor's History tab lists the runs, a failed operation shows the input bundle
// that broke it, and an incomplete execution's data is edited before Retry.

const suite = chromiumAvailable() ? describe : describe.skip;

const parseFlow: Blueprint = {
  name: 'Parse orders',
  metadata: { integrator: { format: 1 }, scenario: { dlq: true } },
  flow: [
    {
      id: 1,
      module: 'util:SetVariable2',
      version: 1,
      mapper: { name: 'json', scope: 'roundtrip', value: '{{$input.v}}' },
      metadata: { designer: { x: 0, y: 0 } },
    },
    {
      id: 2,
      module: 'json:ParseJSON',
      version: 1,
      mapper: { json: '{{1.json}}' },
      metadata: { designer: { x: 220, y: 0 } },
    },
    {
      id: 3,
      module: 'util:SetVariable2',
      version: 1,
      mapper: { name: 'done', scope: 'roundtrip', value: '{{2.state}}' },
      metadata: { designer: { x: 440, y: 0 } },
    },
  ],
} as Blueprint;

interface Run {
  id: string;
  status: string;
  modules: Array<{ id: number; ops: Array<{ output?: unknown[] }> }>;
}

suite('web app: past runs on the canvas and incomplete executions edited before Retry, in Chromium', () => {
  let env: BrowserEnv;
  let page: Page;
  let scenarioId: number;
  let failedRun: Run;
  const h = () => auth(env.server.token);

  beforeAll(async () => {
    env = await startBrowserEnv();
    page = await signedInPage(env);
    const created = await env.server
      .http()
      .post('/api/scenarios')
      .set(h())
      .send({ name: parseFlow.name, blueprint: parseFlow })
      .expect(201);
    scenarioId = created.body.id;
    await env.server.http().post(`/api/scenarios/${scenarioId}/activate`).set(h()).expect(200);
    const ok = await env.server
      .http()
      .post(`/api/scenarios/${scenarioId}/run`)
      .set(h())
      .send({ input: { v: '{"state":"fine"}' } })
      .expect(201);
    expect(ok.body.status).toBe('success');
    const bad = await env.server
      .http()
      .post(`/api/scenarios/${scenarioId}/run`)
      .set(h())
      .send({ input: { v: '{oops' } })
      .expect(201);
    expect(bad.body.status).toBe('warning');
    failedRun = bad.body;
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  async function expectNoAxeViolations(): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
  }

  test('the History tab lists the runs; one opens on the canvas with its bubbles, bundles and failed module', async () => {
    await page.goto(`${env.baseUrl}/#/scenarios/${scenarioId}`);
    await page.getByRole('heading', { name: 'Parse orders' }).waitFor();
    const views = page.getByRole('navigation', { name: 'Scenario views' });
    await views.getByRole('link', { name: 'History' }).click();
    const history = page.getByRole('tabpanel', { name: 'History' });
    const rows = history.locator('tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('warning');
    expect(await rows.nth(0).textContent()).toContain(
      'module 2 failed and was stored as an incomplete execution',
    );
    // Operations: module 1, module 2 (failed); module 3 never ran.
    expect(await rows.nth(0).locator('td').nth(3).textContent()).toBe('2');
    expect(await rows.nth(1).textContent()).toContain('success');
    await expectNoAxeViolations();
    await screenshot(page, 'history-tab.png');

    // The failed run, on the canvas.
    await rows
      .nth(0)
      .getByRole('link', { name: /open on the canvas/ })
      .click();
    const banner = page.getByRole('status', { name: 'Run shown on the canvas' });
    await banner.waitFor();
    expect(page.url()).toBe(`${env.baseUrl}/#/scenarios/${scenarioId}?execution=${failedRun.id}`);
    expect(await banner.textContent()).toMatch(/Showing the run of .*warning.*failed in module 2\./);
    await page.getByRole('button', { name: 'Module 1: 1 operation' }).waitFor();
    const failedBubble = page.getByRole('button', { name: /^Module 2: 1 operation, failed: / });
    await failedBubble.waitFor();
    expect(await page.locator('.react-flow__node.failed, .react-flow__node .failed').count()).toBeGreaterThan(
      0,
    );
    const failedNode = page
      .locator('.react-flow__node')
      .filter({ has: page.getByRole('button', { name: /\(module 2\)/ }) });
    expect(await failedNode.evaluate((el) => el.outerHTML)).toContain('failed');
    // The module after the failure never ran in that run.
    await page.getByRole('button', { name: 'Module 3: 0 operations' }).waitFor();

    // Nothing was edited: the laid-out notice is not there to confuse the picture.
    expect(await page.getByText('laid out automatically').count()).toBe(0);
    await failedBubble.click();
    const bundles = page.getByRole('dialog', { name: /^Module 2: run of / });
    await bundles.getByText('Input bundle that failed').waitFor();
    expect(await bundles.textContent()).toContain('"json": "{oops"');
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await page.waitForTimeout(300); // the fit animates
    await expectNoAxeViolations();
    await screenshot(page, 'run-on-canvas.png');

    // Back to the live editor: no run is shown.
    await banner.getByRole('link', { name: 'Back to the live editor' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(page.url()).toBe(`${env.baseUrl}/#/scenarios/${scenarioId}`);
    expect(await page.getByRole('button', { name: /^Module 2: / }).count()).toBe(0);
  }, 90_000);

  test('the execution detail shows the bundle that failed and opens the run on the canvas', async () => {
    await page.goto(`${env.baseUrl}/#/executions/${failedRun.id}`);
    await page.getByRole('heading', { name: 'Execution' }).waitFor();
    const failed = page.locator('details.module-log.failed');
    await failed.getByText('Input bundle that failed').waitFor();
    expect(await failed.textContent()).toContain('"json": "{oops"');
    await expectNoAxeViolations();
    await page.getByRole('link', { name: 'Open on canvas' }).click();
    await page.getByRole('status', { name: 'Run shown on the canvas' }).waitFor();
    await page.getByRole('button', { name: /^Module 2: 1 operation, failed/ }).waitFor();

    // The History page's rows open on the canvas too.
    await page.goto(`${env.baseUrl}/#/executions?scenarioId=${scenarioId}`);
    const row = page.locator('tbody tr').filter({ hasText: 'warning' });
    await row.getByRole('link', { name: /^Open on canvas/ }).click();
    await page.getByRole('status', { name: 'Run shown on the canvas' }).waitFor();
    expect(page.url()).toBe(`${env.baseUrl}/#/scenarios/${scenarioId}?execution=${failedRun.id}`);
  }, 60_000);

  test("an incomplete execution's data is edited (checked as typed) and Retry runs with it", async () => {
    await page.goto(`${env.baseUrl}/#/incomplete?scenarioId=${scenarioId}`);
    await page.getByRole('heading', { name: 'Incomplete executions' }).waitFor();
    const edit = page.getByRole('button', { name: /^Edit incomplete execution \d+$/ });
    await edit.waitFor();
    await edit.click();
    const drawer = page.getByRole('dialog', { name: /^Incomplete execution \d+$/ });
    const input = drawer.getByLabel('Input bundle that failed');
    await input.waitFor();
    expect(await input.textContent()).toContain('"json": "{oops"');
    const field = drawer.getByLabel('Stored data (JSON)');
    expect(JSON.parse(await field.inputValue())).toEqual({
      outputs: { 1: { json: '{oops' } },
      variables: {},
    });
    const save = drawer.getByRole('button', { name: 'Save' });

    await field.fill('{"outputs": {"7": {}}, "variables": {}}');
    await drawer
      .getByText('outputs.7: module 7 is not one the failed module 2 reads (these are: 1)')
      .waitFor();
    expect(await save.isDisabled()).toBe(true);
    await field.fill('{"outputs": {"1": {"json": "{\\"state\\": \\"edited\\"}"}}');
    await drawer.getByText(/^The text is not valid JSON/).waitFor();
    await expectNoAxeViolations();

    await field.fill('{"outputs": {"1": {"json": "{\\"state\\": \\"edited\\"}"}}, "variables": {}}');
    await save.click();
    await drawer
      .getByRole('status')
      .filter({ hasText: 'Saved. Retry runs the failed module again' })
      .waitFor();
    await drawer.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 incomplete execution sent for retry' }).waitFor();
    const retried = await settledRetry();
    expect(retried.status).toBe('success');
    expect(retried.modules.find((m) => m.id === 3)?.ops[0].output).toEqual([{ done: 'edited' }]);
  }, 60_000);

  async function settledRetry(): Promise<Run> {
    for (let i = 0; i < 200; i++) {
      const list = await env.server
        .http()
        .get(`/api/executions?scenarioId=${scenarioId}`)
        .set(h())
        .expect(200);
      const retry = list.body.items.find((e: { trigger?: string }) => e.trigger === 'retry');
      if (retry && retry.status !== 'queued' && retry.status !== 'running')
        return (await env.server.http().get(`/api/executions/${retry.id}`).set(h()).expect(200)).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the retry did not finish');
  }
});
