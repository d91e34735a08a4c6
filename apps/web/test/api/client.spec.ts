/**
 * @jest-environment node
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, createApiClient, TOKEN_KEY } from '../../src/api/client';

// A local fake of the API that follows docs/API.md: bearer token on every route but login,
// unknown body fields rejected with 400 and per-field messages, JSON errors.

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body?: unknown;
}

const TOKEN = 'tok-123';
const seen: Seen[] = [];
let server: Server;
let baseUrl: string;

function send(res: ServerResponse, status: number, body?: unknown) {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const body = await readBody(req);
  const url = req.url ?? '';
  seen.push({ method: req.method ?? '', url, authorization: req.headers.authorization, body });
  if (req.method === 'POST' && url === '/api/auth/login') {
    const { email, password } = body as { email: string; password: string };
    if (password !== 'secret')
      return send(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
    return send(res, 200, {
      token: TOKEN,
      user: { id: 1, email, name: 'Ada', role: 'superuser', groupIds: [] },
    });
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return send(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'Missing or invalid token' });
  if (req.method === 'GET' && url.startsWith('/api/scenarios?'))
    return send(res, 200, { items: [{ id: 4, name: 'Leads', active: false, lastRun: null }] });
  if (req.method === 'PUT' && url === '/api/scenarios/4') {
    const unknown = Object.keys(body as object).filter(
      (k) => !['name', 'folder', 'blueprint', 'schedule'].includes(k),
    );
    if (unknown.length)
      return send(res, 400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid body',
        fields: unknown.map((k) => ({ path: k, message: 'is not allowed' })),
      });
    return send(res, 200, {
      id: 4,
      name: 'Leads',
      active: false,
      blueprint: { flow: [] },
      version: 2,
      issues: [],
      ...(body as object),
    });
  }
  if (req.method === 'DELETE' && url === '/api/scenarios/4') return send(res, 204);
  if (req.method === 'POST' && url === '/api/scenarios/4/run?async=true')
    return send(res, 202, { executionId: 'ex-1' });
  if (url === '/api/broken') {
    res.writeHead(502, { 'content-type': 'text/html' });
    return res.end('<html>bad gateway</html>');
  }
  return send(res, 404, { statusCode: 404, error: 'Not Found', message: `No route ${req.method} ${url}` });
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => void (seen.length = 0));

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

describe('api client', () => {
  it('logs in, keeps the token and sends it as a bearer token', async () => {
    const storage = memoryStorage();
    const api = createApiClient({ baseUrl, storage });
    const { user } = await api.auth.login('ada@example.com', 'secret');
    expect(user.name).toBe('Ada');
    expect(storage.data.get(TOKEN_KEY)).toBe(TOKEN);
    const list = await api.scenarios.list({ search: 'lead', folder: undefined });
    expect(list.items[0].name).toBe('Leads');
    expect(seen[0].authorization).toBeUndefined();
    expect(seen[1]).toMatchObject({
      method: 'GET',
      url: '/api/scenarios?search=lead',
      authorization: `Bearer ${TOKEN}`,
    });
  });

  it('sends JSON bodies and reads 204 and 202 answers', async () => {
    const storage = memoryStorage();
    storage.setItem(TOKEN_KEY, TOKEN);
    const api = createApiClient({ baseUrl, storage });
    const scenario = await api.scenarios.update(4, { name: 'Renamed', blueprint: { flow: [] } });
    expect(scenario.name).toBe('Renamed');
    expect(seen[0].body).toEqual({ name: 'Renamed', blueprint: { flow: [] } });
    await expect(api.scenarios.remove(4)).resolves.toBeUndefined();
    await expect(api.scenarios.runAsync(4)).resolves.toEqual({ executionId: 'ex-1' });
  });

  it('gives errors their status, message and per-field messages', async () => {
    const storage = memoryStorage();
    storage.setItem(TOKEN_KEY, TOKEN);
    const api = createApiClient({ baseUrl, storage });
    const error = await api.request('PUT', '/scenarios/4', { nme: 'typo' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      error: 'Bad Request',
      message: 'Invalid body',
      fields: [{ path: 'nme', message: 'is not allowed' }],
    });
    await expect(api.request('GET', '/broken')).rejects.toMatchObject({
      status: 502,
      message: 'Bad Gateway',
    });
  });

  it('reports 401 to the page and never puts the token in an error', async () => {
    const onUnauthorized = jest.fn();
    const storage = memoryStorage();
    storage.setItem(TOKEN_KEY, 'expired-token');
    const api = createApiClient({ baseUrl, storage, onUnauthorized });
    const error = (await api.apps.list().catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('expired-token');
    await expect(api.auth.login('ada@example.com', 'wrong')).rejects.toMatchObject({
      status: 401,
      message: 'Invalid email or password',
    });
  });

  it('reports an unreachable server as a network error', async () => {
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:1', storage: memoryStorage() });
    await expect(api.apps.list()).rejects.toMatchObject({ status: 0, error: 'Network Error' });
  });
});
