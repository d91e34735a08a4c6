import type { Page } from 'playwright-core';
import type { Blueprint } from '@integrator/engine';
import { auth } from '../support/app';
import {
  chromiumAvailable,
  mappedText,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
  signedInPage,
  axeViolations,
} from './browser-support';

// A Make user's webhook habits in Chromium against the real server: "Redetermine data
// structure" feeds the picker, and an instant trigger on a time schedule or "On demand" says its
// requests wait (and Run once takes them).

const suite = chromiumAvailable() ? describe : describe.skip;
const marker = { integrator: { format: 1 } };
suite('web app: webhooks as in Make, in Chromium', () => {
  let env: BrowserEnv;
  let page: Page;
  let h: Record<string, string>;

  beforeAll(async () => {
    env = await startBrowserEnv();
    h = auth(env.server.token);
    page = await signedInPage(env);
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  async function hooked(name: string): Promise<{ id: number; hookId: number; path: string }> {
    const hook = (
      await env.server
        .http()
        .post('/api/hooks')
        .set(h)
        .send({ name: `${name} hook` })
        .expect(201)
    ).body;
    const blueprint = {
      name,
      metadata: marker,
      flow: [
        {
          id: 1,
          module: 'gateway:CustomWebHook',
          version: 1,
          parameters: { hook: hook.id },
          metadata: { designer: { x: 0, y: 0 } },
        },
        {
          id: 2,
          module: 'util:SetVariable2',
          version: 1,
          mapper: { name: 'total', scope: 'roundtrip', value: '' },
          metadata: { designer: { x: 300, y: 0 } },
        },
      ],
    } as Blueprint;
    const s = (await env.server.http().post('/api/scenarios').set(h).send({ name, blueprint }).expect(201))
      .body;
    return { id: s.id, hookId: hook.id, path: new URL(hook.url).pathname };
  }

  async function open(id: number, name: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`${env.baseUrl}/#/scenarios/${id}`);
    await page.getByRole('heading', { name }).waitFor();
  }

  test('Redetermine data structure: waits, takes the next request as the structure, and the picker offers its fields', async () => {
    const { id, path } = await hooked('Orders in');
    await open(id, 'Orders in');
    await page
      .getByRole('button', { name: /\(module 1\)/ })
      .first()
      .click();
    const panel = page.getByRole('dialog', { name: 'Module 1' });
    await panel.getByRole('button', { name: 'Redetermine data structure' }).click();
    await panel.getByText('Waiting for data…').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The request a person sends from their shop (curl, a test button…).
    const answer = await env.server
      .http()
      .post(`${path}?source=shop`)
      .send({ order: { id: 'A-1', total: 42 }, customer: 'Ada' })
      .expect(200);
    expect(answer.body).toEqual({ accepted: true, determined: true });
    await panel.getByText('Successfully determined').waitFor({ timeout: 10_000 });
    expect(await panel.getByText('Waiting for data…').count()).toBe(0);
    await screenshot(page, 'editor-webhook-determined.png');
    expect(await axeViolations(page)).toEqual([]);
    // It was not run.
    expect((await env.server.http().get(`/api/executions?scenarioId=${id}`).set(h)).body.items).toEqual([]);

    // The next module's picker offers the fields of that request.
    await page
      .getByRole('button', { name: /\(module 2\)/ })
      .first()
      .click();
    const next = page.getByRole('dialog', { name: 'Module 2' });
    await next.getByRole('button', { name: 'Insert a mapping' }).last().click();
    const picker = next.getByRole('dialog', { name: 'Insert a mapping' });
    await picker.getByRole('button', { name: /^source/ }).waitFor();
    await picker.getByRole('button', { name: /^total/ }).click();
    expect(await mappedText(next.getByLabel('Variable value'))).toBe('{{1.order.total}}');
  }, 90_000);

  test('an instant trigger runs immediately by default; on a 15-minute schedule the page says requests wait', async () => {
    const { id } = await hooked('Batched orders');
    await page.goto('about:blank'); // the last test left the editor with an unsaved mapping
    await page.goto(`${env.baseUrl}/#/scenarios`);
    const row = page.getByRole('row', { name: /Batched orders/ });
    await row.getByText('Immediately as data arrives').waitFor();

    await open(id, 'Batched orders');
    await page.getByRole('button', { name: 'Immediately as data arrives' }).click();
    const drawer = page.getByRole('dialog', { name: 'Schedule' });
    const kind = drawer.getByLabel('Run the scenario');
    expect(await kind.locator('option:checked').textContent()).toBe('Immediately as data arrives');
    await kind.selectOption({ label: 'At regular intervals' });
    await drawer.getByLabel(/Minutes/).fill('15');
    await drawer.getByRole('button', { name: 'Save schedule' }).click();
    const waits = 'Requests wait in the queue and are processed every 15 minutes, at most 2 per run.';
    await drawer.getByText(waits).waitFor();
    await screenshot(page, 'editor-webhook-scheduled.png');
    expect(await axeViolations(page)).toEqual([]);
    await drawer.getByRole('button', { name: /Close/ }).click();
    await page.getByRole('status').filter({ hasText: waits }).waitFor();

    await page.goto(`${env.baseUrl}/#/scenarios`);
    await row.getByText('Every 15 minutes').waitFor();
    await row.getByText(waits).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  }, 90_000);

  test('"On demand" says requests wait until a run, and Run once with no input processes them', async () => {
    const { id, hookId, path } = await hooked('Held orders');
    await open(id, 'Held orders');
    await page.getByRole('button', { name: 'Immediately as data arrives' }).click();
    const drawer = page.getByRole('dialog', { name: 'Schedule' });
    await drawer.getByLabel('Run the scenario').selectOption({ label: 'On demand' });
    await drawer.getByText('Webhook requests will wait in the queue until the scenario is run.').waitFor();
    await drawer.getByRole('button', { name: 'Save schedule' }).click();
    const waits = 'Requests wait in the queue until the scenario is run (at most 2 per run).';
    await drawer.getByText(waits).waitFor();
    await drawer.getByRole('button', { name: /Close/ }).click();
    await page.getByRole('status').filter({ hasText: waits }).waitFor();

    // A request is stored, not run; Run once without input takes it.
    const http = env.server.http();
    expect((await http.post(path).send({ total: 5 }).expect(202)).body).toEqual({
      accepted: true,
      queued: true,
    });
    const queued = async () => (await http.get(`/api/hooks/${hookId}/queue`).set(h)).body.total;
    expect(await queued()).toBe(1);
    await page.getByRole('button', { name: 'Run once' }).click();
    const run = page.getByRole('dialog', { name: 'Run once' });
    await run.getByText(`${waits} Leave the input empty to process the waiting requests.`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await run.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .getByText(/operation/)
      .first()
      .waitFor();
    expect(await queued()).toBe(0);
    const runs = (await http.get(`/api/executions?scenarioId=${id}`).set(h)).body.items;
    expect(runs).toHaveLength(1);

    await page.goto(`${env.baseUrl}/#/scenarios`);
    const row = page.getByRole('row', { name: /Held orders/ });
    await row.getByText('On demand').waitFor();
    await row.getByText(waits).waitFor();
  }, 90_000);
});
