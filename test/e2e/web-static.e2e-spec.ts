import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

// The built web app as the server sends it: precompressed, cached by content hash, no source
// maps, unknown pages answered by the app (which shows "Not found"), and a first-load budget.

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'apps/web/dist');
const INITIAL_JS_BUDGET = 250 * 1024;

/** The scripts index.html loads before the app can render: its entry and the modulepreloads. */
function initialScripts(html: string): string[] {
  const found = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(\/assets\/[^"]+\.js)"/g)];
  return found.map((m) => m[1]);
}

describe('the web app as served', () => {
  let t: TestApp;
  let html: string;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.js')], { cwd: ROOT, stdio: 'inherit' });
    html = readFileSync(join(DIST, 'index.html'), 'utf8');
    t = await startTestApp(databaseTargets()[0], { webDist: DIST });
  });
  afterAll(() => t?.close());

  test('assets are sent brotli or gzip compressed as asked, with a year of immutable caching', async () => {
    const [entry] = initialScripts(html);
    expect(entry).toBeDefined();
    const br = await t.http().get(entry).set('Accept-Encoding', 'br').buffer(true).parse(binary);
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    // supertest decodes the body: it must be the very file the build wrote.
    expect((br.body as Buffer).equals(readFileSync(join(DIST, entry)))).toBe(true);

    const gz = await t.http().get(entry).set('Accept-Encoding', 'gzip').buffer(true).parse(binary);
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await t.http().get(entry).set('Accept-Encoding', 'identity').buffer(true).parse(binary);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((plain.body as Buffer).length).toBe(statSync(join(DIST, entry)).size);
  });

  test('index.html is revalidated on every load, at / and at a client route', async () => {
    const root = await t.http().get('/').set('Accept-Encoding', 'br, gzip');
    expect(root.status).toBe(200);
    expect(root.headers['cache-control']).toBe('no-cache');
    expect(root.headers['content-encoding']).toBe('br');
    const route = await t.http().get('/connections').set('Accept-Encoding', 'identity');
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.text).toContain('<div id="root">');
  });

  test('source maps are neither built nor served; a missing asset is a 404, not the app', async () => {
    expect(html).not.toMatch(/sourceMappingURL/);
    const [entry] = initialScripts(html);
    expect(readFileSync(join(DIST, entry), 'utf8')).not.toMatch(/sourceMappingURL/);
    await t.http().get(`${entry}.map`).expect(404);
    await t.http().get('/assets/nope-123.js').expect(404);
  });

  test('an unknown page serves the app (it renders "Not found"); an unknown /api path stays JSON', async () => {
    const page = await t.http().get('/no/such/page').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<div id="root">');
    const api = await t.http().get('/api/no-such-thing').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  test('the JavaScript loaded first weighs at most 250 KB brotli-compressed', () => {
    const scripts = initialScripts(html);
    const total = scripts.reduce((sum, src) => sum + statSync(join(DIST, `${src}.br`)).size, 0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });
});

/** supertest's parser for a body kept as bytes. */
function binary(res: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
