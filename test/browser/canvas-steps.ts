import type { Locator, Page } from 'playwright-core';
import type { AppCase, Step } from './app-cases';

// What a person does on the canvas to build webhook → an app's action → a search → webhook
// response, and to run it once: shared by the per-app test and the OAuth test.

export async function buildScenario(page: Page, baseUrl: string, app: AppCase, connection: string) {
  await page.goto(`${baseUrl}/#/scenarios`);
  await page.getByRole('heading', { name: 'Scenarios' }).waitFor();
  await page.getByRole('button', { name: 'New scenario' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`${app.app} round trip`);
  await page.getByRole('button', { name: 'Create and open' }).click();
  await page.getByRole('heading', { name: `${app.app} round trip` }).waitFor();

  await pick(page, page.getByRole('button', { name: 'Add the first module' }), 'Custom webhook');
  await closePanel(page);
  await pick(
    page,
    page.getByRole('button', { name: 'Add a module after Custom webhook' }),
    app.action.label,
    app.appLabel,
  );
  await fill(page.getByRole('dialog', { name: 'Module 2' }), connection, app.action.steps);
  await closePanel(page);
  await pick(
    page,
    page.getByRole('button', { name: `Add a module after ${app.action.label}` }),
    app.search.label,
    app.appLabel,
  );
  await fill(page.getByRole('dialog', { name: 'Module 3' }), connection, app.search.steps);
  await closePanel(page);
  await pick(
    page,
    page.getByRole('button', { name: `Add a module after ${app.search.label}` }),
    'Webhook response',
  );
  const response = page.getByRole('dialog', { name: 'Module 4' });
  await response.getByLabel('Body').fill(app.response);
  await closePanel(page);
}

/** "Run once" with this input; throws with the page's message unless the run went green. */
export async function runOnce(page: Page, input: unknown, modules = [2, 3, 4]): Promise<void> {
  await page.getByRole('button', { name: 'Run once' }).click();
  await page.getByLabel('Input data (JSON)').fill(JSON.stringify(input));
  await page.getByRole('dialog', { name: 'Run once' }).getByRole('button', { name: 'Run' }).click();
  const status = page
    .getByRole('status')
    .or(page.getByRole('alert'))
    .filter({ hasText: /Run finished|run failed/ })
    .first();
  await status.waitFor({ timeout: 30_000 });
  const text = (await status.textContent()) ?? '';
  if (!text.includes('with success')) throw new Error(text);
  for (const n of modules)
    await page.getByRole('button', { name: new RegExp(`^Module ${n}: 1 operation`) }).waitFor();
}

async function fill(panel: Locator, connection: string, steps: Step[]): Promise<void> {
  // The option reads "name · app · verified": chosen by the connection's name.
  const select = panel.getByLabel(/^Connection/);
  const option = select.locator('option', { hasText: connection });
  await select.selectOption((await option.getAttribute('value')) ?? '');
  for (const step of steps) {
    if ('click' in step) await panel.getByRole('button', { name: step.click }).click();
    else if ('path' in step)
      await panel
        .locator(`[data-path="${step.path}"] :is(input, textarea, [contenteditable="true"])`)
        .first()
        .fill(step.value);
    else if ('select' in step)
      await panel.getByRole('combobox', { name: labelled(step.select) }).selectOption(step.value);
    else await panel.getByRole('textbox', { name: labelled(step.label) }).fill(step.value);
  }
}

/** Searches the catalog for the module's label and picks it under its app's heading. */
async function pick(page: Page, opener: Locator, label: string, appLabel?: string): Promise<void> {
  await opener.click();
  const catalog = page.getByRole('dialog', { name: 'Add a module' });
  await catalog.getByLabel('Search modules').fill(label);
  const scope = appLabel ? catalog.getByRole('region', { name: appLabel }) : catalog;
  await scope
    .getByRole('button', { name: new RegExp(`^${escape(label)}`) })
    .first()
    .click();
}

async function closePanel(page: Page): Promise<void> {
  await page.locator('.side-panel').getByRole('button', { name: 'Close' }).click();
}

/** A field's label, with the required mark the form adds. */
const labelled = (label: string) => new RegExp(`^${escape(label)}( \\*)?$`);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
