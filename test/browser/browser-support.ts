import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { ADMIN, startTestApp, type TestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

// What the browser suites share: Debian's Chromium driven by playwright-core (never a
// downloaded browser), the real server in-process serving the built web app, and sign-in.

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = resolve(__dirname, '../..');
export const WEB_DIST = join(ROOT, 'apps/web/dist');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** False (with the reason printed) on a machine without Chromium: the suites define no tests then. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.warn(
    `Browser tests skipped: ${CHROMIUM} does not exist (install Debian's chromium package; CI has it).`,
  );
  return false;
}

export interface BrowserEnv {
  server: TestApp;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Builds the web app (skipped when up to date), starts the server and a browser at laptop size.
 * `config` adds to the server's settings (a test clock, for one).
 */
export async function startBrowserEnv(config: Partial<AppConfig> = {}): Promise<BrowserEnv> {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.js')], { cwd: ROOT, stdio: 'inherit' });
  const server = await startTestApp(databaseTargets()[0], { webDist: WEB_DIST, ...config });
  await server.app.listen(0, '127.0.0.1');
  const { port } = server.app.getHttpServer().address() as AddressInfo;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    context,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A page already signed in as the admin (the token where the app keeps it, no login form), in a
 * context of its own that bypasses the app's strict CSP so that axe-core can be injected.
 */
export async function signedInPage(env: BrowserEnv): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await context.addInitScript(
    (token) =>
      (globalThis as { localStorage?: { setItem(k: string, v: string): void } }).localStorage?.setItem(
        'integrator.token',
        token,
      ),
    env.server.token,
  );
  return context.newPage();
}

/** Signs in through the login form and waits for the scenarios list. */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/#/scenarios`);
  await page.getByLabel('E-mail address').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Scenarios' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: false });
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/** A local stand-in for an outside API: answers JSON routes and records what it received. */
export async function fakeApi(
  routes: Record<string, (url: URL) => { status?: number; body: unknown }>,
): Promise<{ url: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    const route = routes[`${req.method} ${url.pathname}`];
    const answer = route
      ? route(url)
      : { status: 404, body: { error: `no route ${req.method} ${url.pathname}` } };
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * The text a mapped field stores: a plain input's value, or what the pill editor holds (its
 * text around pills, each pill standing for the reference it shows).
 */
export async function mappedText(field: Locator): Promise<string> {
  return field.evaluate((el) => {
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
    let out = '';
    const walk = (node: Node) => {
      if (node.nodeType === 3) out += (node.nodeValue ?? '').split('\u200b').join('');
      else if (node instanceof HTMLElement && node.dataset.raw !== undefined) out += node.dataset.raw;
      else node.childNodes.forEach(walk);
    };
    el.childNodes.forEach(walk);
    return out;
  });
}

interface Violation {
  id: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const AXE = require.resolve('axe-core/axe.min.js');

/**
 * axe-core's violations on the page as it is now, as readable lines (empty when clean). The
 * page's context must bypass the app's CSP (`bypassCSP: true`): axe is injected as a script.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  })) as Violation[];
  return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
