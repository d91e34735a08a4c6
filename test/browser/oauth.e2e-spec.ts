import type { BrowserContext, Page } from 'playwright-core';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  startFakeGoogleAuth,
} from '../../libs/apps/google-kit/test/fake-google-auth';
import type { FakeGoogleAuth } from '../../libs/apps/google-kit/test/fake-google-auth';
import { sheetsRoute, type FakeSheet } from '../../libs/apps/google-sheets/test/fake-google-sheets';
import { OAUTH, startFakeSlack, type FakeSlack } from '../../libs/apps/slack/test/fake-slack';
import { GOOGLE_SHEETS_CASE, SLACK_CASE } from './app-cases-google';
import {
  axeViolations,
  chromiumAvailable,
  screenshot,
  signIn,
  startBrowserEnv,
  type BrowserEnv,
} from './browser-support';
import { buildScenario, runOnce } from './canvas-steps';

// Issue 12: the OAuth 2.0 flows end to end where a person clicks. They add a Google connection
// on the Connections page, click Authorise, allow on the (fake) consent screen, come back
// authorised; a Sheets scenario built on the canvas then runs with the issued token; once the
// token expires (the server's clock and the fake's move on) the next run refreshes it first, and
// when Google answers 401 to a token it has dropped the run refreshes and retries. Slack's
// consent goes the same way to oauth.v2.access.

const suite = chromiumAvailable() ? describe : describe.skip;
const SHEETS_SCOPE = /auth\/spreadsheets( |$)/;

suite('web app: OAuth 2.0 connections authorised in Chromium', () => {
  let env: BrowserEnv;
  let context: BrowserContext;
  let page: Page;
  let skew = 0;
  const now = () => Date.now() + skew;

  beforeAll(async () => {
    env = await startBrowserEnv({ now });
    // axe-core goes in as a script tag, which the app's Content-Security-Policy would refuse.
    context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    page = await context.newPage();
    await signIn(page, env.baseUrl);
  }, 240_000);

  // A tab of its own per test (signed in already, same context): no state left by another.
  beforeEach(async () => {
    page = await context.newPage();
  });
  afterEach(async () => {
    await page.close();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function expectNoAxe(state: string) {
    expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
  }

  /** Connections → New connection, the type's fields filled by label; Create. */
  async function addConnection(
    type: string,
    name: string,
    fill: Record<string, string>,
    uncheck: string[] = [],
  ) {
    await page.goto(`${env.baseUrl}/#/connections`);
    await page.getByRole('button', { name: 'New connection' }).click();
    const drawer = page.getByRole('dialog', { name: 'New connection' });
    await drawer.getByLabel('Type').selectOption({ label: type });
    await drawer.getByRole('textbox', { name: 'Connection name' }).fill(name);
    await drawer.getByText('Advanced settings').click();
    for (const [label, value] of Object.entries(fill))
      await drawer.getByRole('textbox', { name: new RegExp(`^${label}( \\*)?$`) }).fill(value);
    for (const label of uncheck) await drawer.getByRole('checkbox', { name: label }).uncheck();
    await expectNoAxe(`new ${type} connection`);
    await drawer.getByRole('button', { name: 'Create connection' }).click();
    return page.locator(`tr[data-connection="${name}"]`);
  }

  /** Authorise → the consent screen (this tab) → Allow → back on Connections, authorised. */
  async function authorise(name: string, shot: string) {
    const row = page.locator(`tr[data-connection="${name}"]`);
    await row.getByRole('button', { name: 'Authorise' }).click();
    await page.getByRole('heading', { name: /wants to access your/ }).waitFor();
    await expectNoAxe('consent screen');
    await screenshot(page, shot.replace('authorised', 'consent'));
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText(`${name} is authorised.`).waitFor();
    await row.getByRole('button', { name: 'Reauthorise' }).waitFor();
    await row.getByText('accessToken: set').waitFor();
    await screenshot(page, shot);
    await expectNoAxe('authorised');
  }

  test('Google: consent, code exchange, a Sheets run with the token, refresh on expiry and on a 401', async () => {
    const sheets: FakeSheet[] = [{ sheetId: 0, title: 'Leads', rows: [['Name', 'Email']] }];
    const google: FakeGoogleAuth = await startFakeGoogleAuth('', now);
    google.expiresIn = 600; // short: the server renews 5 minutes before expiry
    google.redirectUris = [`${env.baseUrl}/api/oauth/callback`];
    google.api = (req, scope) =>
      req.url.startsWith('/v4/')
        ? sheetsRoute(req, sheets, () => (SHEETS_SCOPE.test(scope) ? 'write' : undefined))
        : undefined;
    try {
      const row = await addConnection(
        'Google (OAuth 2.0)',
        'Google',
        {
          'Client ID': CLIENT_ID,
          'Client secret': CLIENT_SECRET,
          'Authorization URL': `${google.url}/o/oauth2/v2/auth`,
          'Token URL': `${google.url}/token`,
          'Base URL': google.url,
        },
        ['Google Drive', 'Gmail'],
      );
      await row.getByRole('button', { name: 'Authorise' }).waitFor();
      await authorise('Google', 'oauth-google-authorised.png');
      expect(google.consents).toHaveLength(1);
      expect(google.consents[0]).toMatchObject({
        client_id: CLIENT_ID,
        response_type: 'code',
        access_type: 'offline',
        prompt: 'consent',
        redirect_uri: `${env.baseUrl}/api/oauth/callback`,
        scope: 'https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/drive.readonly',
      });
      const grants = () =>
        google.requests.filter((r) => r.url === '/token').map((r) => r.form?.get('grant_type'));
      expect(grants()).toEqual(['authorization_code']);
      const [issued] = [...google.accessTokens.keys()];
      await row.getByRole('button', { name: 'Verify' }).click();
      await page.getByText('Google works.').waitFor();

      // The scenario, built on the canvas; its Sheets calls carry the issued token.
      await buildScenario(page, env.baseUrl, GOOGLE_SHEETS_CASE, 'Google');
      const sheetCalls = () => google.requests.filter((r) => r.url.startsWith('/v4/'));
      const bearer = (r: { headers: Record<string, unknown> }) => String(r.headers.authorization);
      await runOnce(page, { name: 'Ada', email: 'ada@example.com' });
      expect(sheets[0].rows).toEqual([
        ['Name', 'Email'],
        ['Ada', 'ada@example.com'],
      ]);
      expect(sheetCalls().map(bearer)).toEqual(sheetCalls().map(() => `Bearer ${issued}`));
      expect(grants()).toEqual(['authorization_code']);
      await expectNoAxe('run on the canvas');

      // Ten minutes on: the token has expired (the fake refuses it too); the run renews it first.
      skew += 10 * 60 * 1000;
      let seen = sheetCalls().length;
      await runOnce(page, { name: 'Bob', email: 'bob@example.com' });
      expect(grants()).toEqual(['authorization_code', 'refresh_token']);
      const refresh = google.requests.filter((r) => r.url === '/token')[1].form!;
      expect(refresh.get('client_secret')).toBe(CLIENT_SECRET);
      expect(String(refresh.get('refresh_token'))).toMatch(/^1\/\//);
      const renewed = [...google.accessTokens.keys()].at(-1)!;
      expect(renewed).not.toBe(issued);
      // No call went out with the expired token: every one of this run carried the new one.
      expect(sheetCalls().slice(seen).map(bearer)).toEqual(
        sheetCalls()
          .slice(seen)
          .map(() => `Bearer ${renewed}`),
      );

      // Google drops the token before its time (revoked): 401 once, renewed, the call retried.
      google.revoke(renewed);
      seen = sheetCalls().length;
      await runOnce(page, { name: 'Cid', email: 'cid@example.com' });
      expect(grants()).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
      const third = [...google.accessTokens.keys()].at(-1)!;
      const calls = sheetCalls().slice(seen).map(bearer);
      expect(calls[0]).toBe(`Bearer ${renewed}`);
      expect(calls.slice(1)).toEqual(calls.slice(1).map(() => `Bearer ${third}`));
      expect(calls.length).toBeGreaterThan(1);
      expect(sheets[0].rows.map((r) => r[0])).toEqual(['Name', 'Ada', 'Bob', 'Cid']);
      // The tokens never reach the page (not in the run's data either, which it shows).
      for (const token of [issued, renewed, third]) expect(await page.content()).not.toContain(token);
      await page.getByRole('button', { name: 'Zoom to fit' }).click();
      await screenshot(page, 'oauth-google-sheets-run.png');

      // An edit (here Gmail added to "Used by") drops the access token, keeps the refresh token:
      // the connection still reads as authorised, and the next run renews the token.
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Saved as version' }).first().waitFor();
      await page.getByRole('link', { name: 'Connections' }).click();
      await row.getByRole('link', { name: 'Google Sheets round trip' }).waitFor();
      await row.getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit connection Google' });
      await edit.getByRole('checkbox', { name: 'Gmail' }).check();
      await edit.getByRole('button', { name: 'Save connection' }).click();
      await page.getByText('Google saved.').waitFor();
      await row.getByText('refreshToken: set').waitFor();
      expect(await row.getByText('accessToken: set').count()).toBe(0);
      await row.getByRole('button', { name: 'Reauthorise' }).waitFor();
      expect(await row.getByRole('button', { name: 'Reauthorise' }).getAttribute('class')).toBe('primary');
      await row.getByRole('link', { name: 'Google Sheets round trip' }).click();
      await runOnce(page, { name: 'Dan', email: 'dan@example.com' });
      expect(grants()).toEqual(['authorization_code', ...Array(3).fill('refresh_token')]);
    } finally {
      await google.close();
    }
  }, 240_000);

  test('Slack: consent, oauth.v2.access, then a Create a message run with the issued bot token', async () => {
    const slack: FakeSlack = await startFakeSlack();
    try {
      await addConnection('Slack', 'Slack workspace', {
        'Client ID': OAUTH.clientId,
        'Client secret': OAUTH.clientSecret,
        'Base URL': `${slack.url}/api`,
      });
      // Deny first: the provider sends the browser back with error=access_denied; the page
      // says so and leads back to Connections, where the connection is still to authorise.
      const row = page.locator('tr[data-connection="Slack workspace"]');
      await row.getByRole('button', { name: 'Authorise' }).click();
      await page.getByRole('button', { name: 'Deny' }).click();
      await page.getByRole('heading', { name: 'The connection is not authorised' }).waitFor();
      await page.getByText('The provider did not authorise the connection (access_denied).').waitFor();
      await expectNoAxe('consent denied');
      await page.getByRole('link', { name: 'Back to connections' }).click();
      await row.getByRole('button', { name: 'Authorise' }).waitFor();
      expect(slack.issued).toEqual([]);
      await authorise('Slack workspace', 'oauth-slack-authorised.png');
      expect(slack.issued).toEqual(['xoxb-issued-1']);
      expect(slack.consentedRedirect).toBe(`${env.baseUrl}/api/oauth/callback`);
      // Then the signing secret for Watch events, added by editing: the authorisation stays.
      await row.getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit connection Slack workspace' });
      await edit.getByRole('textbox', { name: /^Signing secret/ }).fill('sign-shh');
      await edit.getByRole('button', { name: 'Save connection' }).click();
      await page.getByText(/^Slack workspace saved( and verified)?\./).waitFor();
      await row.getByText('signingSecret: set').waitFor();
      await row.getByText('accessToken: set').waitFor();
      await buildScenario(page, env.baseUrl, SLACK_CASE, 'Slack workspace');
      await runOnce(page, { name: 'Ada' });
      const posts = slack.requests.filter((r) => r.url === '/api/chat.postMessage');
      expect(posts.map((r) => r.headers.authorization)).toEqual(['Bearer xoxb-issued-1']);
      expect(posts[0].json).toMatchObject({ channel: 'C0000000001', text: 'Hello Ada' });
    } finally {
      await slack.close();
    }
  }, 240_000);
});
