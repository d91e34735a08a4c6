import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Blueprint } from '@integrator/engine';
import { auth } from '../support/app';
import {
  axeViolations,
  chromiumAvailable,
  mappedText,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
} from './browser-support';

// Mapping as a Make user does it, in Chromium against the real server: mapped values are
// coloured pills removed whole, the picker scrolls into view and works by keyboard, shows
// Make's names (internal keys, functions) while inserting what the engine runs, and Make
// formulas typed into a field are translated when it is left, with a warning when they cannot be.

const suite = chromiumAvailable() ? describe : describe.skip;
const marker = { integrator: { format: 1 } };

const flow = (value: string): Blueprint => ({
  name: 'Pills',
  metadata: marker,
  flow: [
    {
      id: 1,
      module: 'util:SetVariables',
      version: 1,
      mapper: {
        scope: 'roundtrip',
        variables: [
          { name: 'email', value: 'ada@example.com' },
          { name: 'name', value: '' },
          { name: 'date', value: '2024-05-01T10:00:00Z' },
          { name: 'a', value: 41 },
        ],
      },
    },
    { id: 2, module: 'builtin:BasicFeeder', version: 1, mapper: { array: '{{$split("p,q", ",")}}' } },
    {
      id: 3,
      module: 'util:SetVariable2',
      version: 1,
      mapper: { name: 'greeting', scope: 'roundtrip', value },
    },
  ],
});

suite('web app: pills and the mapping picker in Chromium', () => {
  let env: BrowserEnv;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    // axe's script is injected, so the strict CSP is bypassed in this context.
    context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    await context.addInitScript(
      (token) =>
        (globalThis as { localStorage?: { setItem(k: string, v: string): void } }).localStorage?.setItem(
          'integrator.token',
          token,
        ),
      env.server.token,
    );
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await env?.close();
  });

  async function openWithRun(value: string, name: string): Promise<Locator> {
    const created = await env.server
      .http()
      .post('/api/scenarios')
      .set(auth(env.server.token))
      .send({ name, blueprint: { ...flow(value), name } })
      .expect(201);
    await page.goto('about:blank');
    await page.goto(`${env.baseUrl}/#/scenarios/${created.body.id}`);
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('button', { name: 'Run once' }).click();
    await page.getByRole('button', { name: /^Module 3: 2 operations/ }).waitFor();
    await page.getByRole('button', { name: /^Set variable \(module 3\)/ }).click();
    return page.getByRole('dialog', { name: 'Module 3' });
  }

  const inViewport = (box: { y: number; height: number } | null) =>
    !!box && box.y >= 0 && box.y + box.height <= 768;

  test('pills in the module colour, removed whole; the picker by keyboard with friendly names', async () => {
    const panel = await openWithRun('Hi ', 'Pills');
    const field = panel.getByRole('textbox', { name: 'Variable value' });

    // The picker opens in view, the search box focused; the arrow keys walk the entries.
    await panel.getByRole('button', { name: 'Insert a mapping' }).last().click();
    const picker = panel.getByRole('dialog', { name: 'Insert a mapping' });
    expect(inViewport(await picker.boundingBox())).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^emailada@example.com/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    expect(await mappedText(field)).toBe('Hi {{1.email}}');
    const pill = field.locator('.pill').filter({ hasText: '1. email' });
    await pill.waitFor();
    // The pill wears the app's colour with readable ink.
    expect(await pill.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');

    // Make's internal keys under Make's names; the reference inserted is the key.
    await panel.getByRole('button', { name: 'Insert a mapping' }).last().click();
    expect(await picker.getByText('__IMTINDEX__').count()).toBe(0);
    await picker.getByRole('button', { name: /^Bundle order position/ }).click();
    expect(await mappedText(field)).toBe('Hi {{1.email}}{{2.__IMTINDEX__}}');
    await field.locator('.pill').filter({ hasText: '2. Bundle order position' }).waitFor();

    // Typing stays possible around the pills.
    await page.keyboard.type(' and more');
    expect(await mappedText(field)).toBe('Hi {{1.email}}{{2.__IMTINDEX__}} and more');

    // Functions under Make's names and groups, inserting what the engine runs; data then goes
    // inside the function.
    await panel.getByRole('button', { name: 'Insert a mapping' }).last().click();
    await picker.getByRole('tab', { name: 'Functions' }).click();
    expect(await picker.locator('h4').allTextContents()).toEqual([
      'General functions',
      'Math functions',
      'Text and binary functions',
      'Date and time functions',
      'Array functions',
    ]);
    await picker.getByLabel('Search mappings').fill('formatDate');
    await page.keyboard.press('Enter');
    expect(await mappedText(field)).toBe(
      'Hi {{1.email}}{{2.__IMTINDEX__}} and more{{$formatDate(, "YYYY-MM-DD")}}',
    );
    await panel.getByRole('button', { name: 'Insert a mapping' }).last().click();
    await picker.getByRole('button', { name: /^date/ }).click();
    expect(await mappedText(field)).toBe(
      'Hi {{1.email}}{{2.__IMTINDEX__}} and more{{$formatDate(1.date, "YYYY-MM-DD")}}',
    );

    // Escape closes the picker; the picker with pills is what the screenshot shows.
    await panel.getByRole('button', { name: 'Insert a mapping' }).last().click();
    await picker.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'picker-pills.png');
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);

    // Backspace after a pill removes it whole; so does its ×.
    await page.keyboard.press('End');
    await field.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await page.keyboard.type('{{1.a}}');
    expect(await mappedText(field)).toBe(
      'Hi {{1.email}}{{2.__IMTINDEX__}} and more{{$formatDate(1.date, "YYYY-MM-DD")}}{{1.a}}',
    );
    await page.keyboard.press('Backspace');
    expect(await mappedText(field)).toBe(
      'Hi {{1.email}}{{2.__IMTINDEX__}} and more{{$formatDate(1.date, "YYYY-MM-DD")}}',
    );
    await field.getByRole('button', { name: 'Remove 2. Bundle order position' }).click();
    expect(await mappedText(field)).toBe('Hi {{1.email}} and more{{$formatDate(1.date, "YYYY-MM-DD")}}');

    // What is stored is what the engine runs.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('unsaved changes').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Run once' }).click();
    await page.getByRole('button', { name: /^Module 3: 2 operations/ }).click();
    await page
      .getByRole('dialog', { name: 'Module 3: last run' })
      .filter({ hasText: '"greeting": "Hi ada@example.com and more2024-05-01"' })
      .first()
      .waitFor();
  }, 120_000);

  test('a Make formula typed into a field is translated when it is left, or named in a warning', async () => {
    const panel = await openWithRun('', 'Formulas');
    const field = panel.getByRole('textbox', { name: 'Variable value' });
    await field.fill('{{formatDate(1.date; "YYYY-MM-DD")}} {{ifempty(1.name; "x")}} {{1.a + 1}}');
    // Left: translated as the import does.
    await panel.getByRole('textbox', { name: 'Variable name' }).click();
    expect(await mappedText(field)).toBe(
      '{{$formatDate(1.date, "YYYY-MM-DD")}} {{$ifempty(1.name, "x")}} {{1.a + 1}}',
    );
    expect(await panel.locator('.field-warning').count()).toBe(0);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('unsaved changes').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Run once' }).click();
    await page.getByRole('button', { name: /^Module 3: 2 operations/ }).click();
    await page
      .getByRole('dialog', { name: 'Module 3: last run' })
      .filter({ hasText: '"greeting": "2024-05-01 x 42"' })
      .first()
      .waitFor();
    await page.keyboard.press('Escape');

    // What cannot be translated stays as typed, and the field says so by its label.
    await page.getByRole('button', { name: /^Set variable \(module 3\)/ }).click();
    await field.fill('{{frobnicate(1.a)}}');
    await panel.getByRole('textbox', { name: 'Variable name' }).click();
    const warning = panel.getByRole('status').filter({ hasText: 'cannot be translated' });
    expect(await warning.textContent()).toBe(
      'Variable value: {{frobnicate(1.a)}} cannot be translated: the function frobnicate has no equivalent here. ' +
        'It was kept as typed and will fail at run time until it is changed.',
    );
    expect(await mappedText(field)).toBe('{{frobnicate(1.a)}}');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'picker-formula-warning.png');
  }, 120_000);
});
