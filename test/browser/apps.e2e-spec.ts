import type { Page } from 'playwright-core';
import { auth } from '../support/app';
import { chromiumAvailable, screenshot, signIn, startBrowserEnv, type BrowserEnv } from './browser-support';
import { APP_CASES, type AppCase } from './app-cases';
import { buildScenario, runOnce } from './canvas-steps';

// Issue 12's acceptance: for each app, a person builds webhook → the app's main action → a search
// → webhook response on the canvas, runs it once, and it goes green against the app's strict fake
// (the same fakes the app's own tests use, so a wrong request fails the run).

const suite = chromiumAvailable() ? describe : describe.skip;

suite('web app: a scenario per app, built on the canvas', () => {
  let env: BrowserEnv;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    await signIn(env.page, env.baseUrl);
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  test.each(APP_CASES.map((c) => [c.app, c] as const))(
    '%s: webhook → action → search → response runs green',
    async (_name, app: AppCase) => {
      const fake = await app.start();
      // A tab of its own per app: signed in already (same browser context), no leftover state.
      page = await env.context.newPage();
      try {
        await env.server
          .http()
          .post('/api/connections')
          .set(auth(env.server.token))
          .send({
            type: app.connection.type,
            name: app.connection.name,
            credentials: app.connection.credentials(fake.url, fake),
          })
          .expect(201);
        await buildScenario(page, env.baseUrl, app, app.connection.name);
        await runOnce(page, app.input).catch((err: Error) => {
          throw new Error(`${app.app}: ${err.message}`);
        });
        await page.getByRole('button', { name: /^Module 3: 1 operation/ }).click();
        const bundles = page.getByRole('dialog', { name: 'Module 3: last run' });
        await bundles.filter({ hasText: app.searchShows }).first().waitFor();
        app.check(fake);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Saved as version' }).first().waitFor();
        if (app.screenshot) {
          await page.getByRole('button', { name: 'Zoom to fit' }).click();
          await screenshot(page, app.screenshot);
        }
      } catch (err) {
        await screenshot(page, `app-${app.app.toLowerCase()}-failed.png`);
        throw err;
      } finally {
        await page.close();
        await fake.close();
      }
    },
    180_000,
  );
});
