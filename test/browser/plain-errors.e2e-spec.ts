import type { Page } from 'playwright-core';
import type { Blueprint } from '@integrator/engine';
import { auth } from '../support/app';
import {
  axeViolations,
  chromiumAvailable,
  startBrowserEnv,
  type BrowserEnv,
  signedInPage,
} from './browser-support';

// Errors speak the user's language on every page, in Chromium against the real server: a field
// is named by its label (and a line of a text box by its number), a module by its name, never by
// a request path such as ipRules.allow[2] or blueprint.flow[1].mapper.value.

const suite = chromiumAvailable() ? describe : describe.skip;
const marker = { integrator: { format: 1 } };

/** Request paths as the server writes them: a dotted or indexed name. */
const RAW_PATH = /\b[a-z]+[A-Z]\w*(\.|\[\d)|\bflow\[\d|ipRules|executionRetention|maxQueue/;

suite('web app: errors name fields and modules as the page does, in Chromium', () => {
  let env: BrowserEnv;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    page = await signedInPage(env);
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  async function visit(hash: string, heading: string): Promise<void> {
    await page.goto(`${env.baseUrl}/${hash}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
  }

  const mainText = async () => (await page.locator('#main').innerText()).replace(/\s+/g, ' ');

  test('app connectors: a bad address is "IP rules, line 3", not ipRules.allow[2]', async () => {
    await env.server
      .http()
      .post('/api/groups')
      .set(auth(env.server.token))
      .send({ name: 'Partners' })
      .expect(201);
    await visit('#/app-connectors', 'App connectors');
    await page.getByRole('button', { name: 'New app connector' }).click();
    const drawer = page.getByRole('dialog', { name: 'New app connector' });
    await drawer.getByLabel('Description').fill('Partner portal');
    await drawer.getByLabel('User group').selectOption({ label: 'Partners' });
    await drawer.getByLabel('IP restriction').selectOption('allow');
    await drawer.getByLabel('Addresses').fill('10.0.0.0/8\n192.168.1.7\nthe office');
    await drawer.getByRole('button', { name: 'Create app connector' }).click();
    const message = drawer.locator('.field-error').filter({ hasText: 'IP rules, line 3' });
    await message.waitFor();
    expect(await mainText()).not.toMatch(RAW_PATH);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  test('organisation: a setting out of range is named by its label', async () => {
    await visit('#/organization', 'Organisation');
    // Half a MiB passes the browser's own checks; the server wants at least 1 MiB.
    await page.getByLabel('Keep at most this much history in all (MiB)').fill('0.5');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page.locator('.field-error').first().waitFor();
    const text = await mainText();
    expect(text).toMatch(/must not be less than/);
    expect(text).not.toMatch(RAW_PATH);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  test('the editor names the module and the field that keep a scenario from being switched on', async () => {
    const blueprint: Blueprint = {
      name: 'Cannot start',
      metadata: marker,
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', version: 1, metadata: { designer: { x: 0, y: 0 } } },
        {
          id: 2,
          module: 'util:SetVariable2',
          version: 1,
          mapper: { name: 'who', scope: 'forever', value: '{{1.name}}' },
          metadata: { designer: { x: 180, y: 0 } },
        },
      ],
    };
    const created = await env.server
      .http()
      .post('/api/scenarios')
      .set(auth(env.server.token))
      .send({ name: blueprint.name, blueprint })
      .expect(201);
    await page.goto(`${env.baseUrl}/#/scenarios/${created.body.id}`);
    await page.getByRole('heading', { name: 'Cannot start' }).waitFor();
    await page
      .getByRole('switch')
      .or(page.getByRole('checkbox', { name: /Inactive|Active/ }))
      .first()
      .click();
    await page.getByRole('alert').first().waitFor();
    await page.waitForLoadState('networkidle');
    const text = (await page.locator('.scenario-page').innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/Set variable \(module 2\)/);
    expect(text).not.toMatch(RAW_PATH);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);
});
