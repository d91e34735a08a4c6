import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { auth } from '../support/app';
import {
  chromiumAvailable,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
  signedInPage,
  axeViolations,
} from './browser-support';

// Connections as a Make user meets them, in Chromium against the real server: credentials are
// checked on save, a refusal or an unreachable service still saves with a visible warning (the
// reason, never the secret), the app's name stands for the type, and Verified shows.

const suite = chromiumAvailable() ? describe : describe.skip;
const SECRET = 'shop-secret-9d1e77';
suite('web app: connections are checked as they are saved, in Chromium', () => {
  let env: BrowserEnv;
  let page: Page;
  let shop: Server;
  let shopUrl: string;
  let closedUrl: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    page = await signedInPage(env);
    // The shop's API: its token alone passes.
    shop = createServer((req, res) => {
      const ok = req.headers.authorization === `Bearer ${SECRET}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { ok: true } : { error: 'invalid token' }));
    });
    await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    closedUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise<void>((r) => gone.close(() => r()));
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    shop?.close();
  });

  async function fillNew(name: string, token: string, baseUrl: string) {
    await page.getByRole('button', { name: 'New connection' }).click();
    const drawer = page.getByRole('dialog', { name: 'New connection' });
    await drawer.getByLabel(/Connection name/).fill(name);
    await drawer.getByLabel('Type').selectOption({ label: 'Bearer token' });
    await drawer.getByLabel(/^Token/).fill(token);
    await drawer.locator('details.advanced summary').click();
    await drawer.getByLabel(/^Base URL/).fill(baseUrl);
    await drawer.getByRole('button', { name: 'Create connection' }).click();
  }

  test('a refused token is saved with a warning; the right one shows Verified under the app name', async () => {
    await page.goto(`${env.baseUrl}/#/connections`);
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await fillNew('Shop API', 'an-old-token', shopUrl);
    const edit = page.getByRole('dialog', { name: 'Edit connection Shop API' });
    const warning = edit.getByRole('alert');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(
      /^Saved, but the credentials could not be verified: the server refused these credentials \(401\)/,
    );
    const row = page.locator('tr[data-connection="Shop API"]');
    await row.getByText('Not verified').waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('HTTP (Bearer token)');
    await screenshot(page, 'connection-refused.png');
    expect(await axeViolations(page)).toEqual([]);

    // The right token: checked again, the drawer closes, the row says Verified.
    await edit.getByLabel(/^Token/).fill(SECRET);
    await edit.getByRole('button', { name: 'Save connection' }).click();
    await page.getByText('Shop API saved and verified.').waitFor();
    expect(await edit.count()).toBe(0);
    await row.getByText('Verified', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(SECRET);
    expect(await axeViolations(page)).toEqual([]);

    // A service that cannot be reached: saved all the same, saying why.
    await fillNew('Offline shop', SECRET, closedUrl);
    const offline = page.getByRole('dialog', { name: 'Edit connection Offline shop' }).getByRole('alert');
    await offline.waitFor();
    expect(await offline.textContent()).toMatch(/could not be verified: .*(ECONNREFUSED|refused|connect)/i);
    expect(await page.content()).not.toContain(SECRET);
    await page
      .getByRole('dialog', { name: 'Edit connection Offline shop' })
      .getByRole('button', { name: 'Close' })
      .click();
    await page.locator('tr[data-connection="Offline shop"]').getByText('Not verified').waitFor();
    await screenshot(page, 'connections-verified.png');

    const listed = await env.server.http().get('/api/connections').set(auth(env.server.token)).expect(200);
    expect(listed.body.map((c: { name: string }) => c.name)).toEqual(['Shop API', 'Offline shop']);
  }, 90_000);

  test("a module's connection select names the app and says which connection is verified", async () => {
    const blueprint = {
      name: 'Orders to shop',
      metadata: { integrator: { format: 1 } },
      flow: [
        {
          id: 1,
          module: 'http:MakeRequest',
          version: 4,
          mapper: { url: `${shopUrl}/orders`, method: 'GET' },
          metadata: { designer: { x: 0, y: 0 } },
        },
      ],
    };
    const s = (
      await env.server
        .http()
        .post('/api/scenarios')
        .set(auth(env.server.token))
        .send({ name: blueprint.name, blueprint })
        .expect(201)
    ).body;
    await page.goto('about:blank');
    await page.goto(`${env.baseUrl}/#/scenarios/${s.id}`);
    await page.getByRole('heading', { name: 'Orders to shop' }).waitFor();
    await page
      .getByRole('button', { name: /\(module 1\)/ })
      .first()
      .click();
    const panel = page.getByRole('dialog', { name: 'Module 1' });
    const select = panel.getByLabel(/^Authentication/);
    await select.waitFor();
    const options = await select.locator('option').allTextContents();
    expect(options).toContain('Shop API · HTTP (Bearer token) · verified');
    expect(options).toContain('Offline shop · HTTP (Bearer token)');
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);
});
