import { createHash } from 'node:crypto';
import {
  compileBlueprint,
  createHttpClientFactory,
  FakeClock,
  importBlueprint,
  runScenario,
  type Blueprint,
} from '@integrator/engine';
import { startServer, type FakeServer } from '../../../engine/test/http/fake-server';
import { fileNameOf } from '../src/get-file';
import { registry, START } from './run-http';

// Get a file: the bytes as they came (a Buffer), the server's file name or the URL's, a size
// limit with a clear error, and a short placeholder instead of the bytes in the run's log.

const PDF = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10, 0x80]);
let server: FakeServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.path === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(4096, 1));
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/pdf' };
    if (req.path === '/download')
      headers['content-disposition'] = `attachment; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`;
    res.writeHead(200, headers);
    res.end(PDF);
  });
});
afterAll(() => server.close());

function blueprint(mapper: Record<string, unknown>): Blueprint {
  return {
    name: 'get a file',
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} },
      { id: 2, module: 'http:ActionGetFile', version: 2, parameters: {}, mapper },
    ],
    metadata: {},
  };
}

async function run(bp: Blueprint, maxResponseBytes?: number) {
  const compiled = compileBlueprint(bp, registry);
  if (compiled.issues.length) throw new Error(JSON.stringify(compiled.issues));
  const clock = new FakeClock(START, { autoAdvance: true });
  const outputs: unknown[] = [];
  const result = await runScenario(compiled, {
    input: {},
    clock,
    http: createHttpClientFactory({ registry, clock, maxResponseBytes, retry: false }),
    onEvent: (e) => {
      if (e.type === 'bundle.out' && e.moduleId === 2) outputs.push(e.bundle);
    },
  });
  return { result, op: result.modules.find((m) => m.id === 2)!.ops[0], outputs };
}

test('downloads the bytes with the name from Content-Disposition; the log keeps a placeholder', async () => {
  const { op, outputs } = await run(
    blueprint({
      url: `${server.url}/download`,
      query: [{ name: 'v', value: '1' }],
      headers: [{ name: 'X-T', value: 'a' }],
    }),
  );
  expect(op.error).toBeUndefined();
  expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/download' });
  expect(server.requests.at(-1)!.query.get('v')).toBe('1');
  expect(server.requests.at(-1)!.headers['x-t']).toBe('a');
  const sha1 = createHash('sha1').update(PDF).digest('hex');
  expect(op.output).toEqual([{ fileName: 'Résumé.pdf', data: `IMTBuffer(8, binary, ${sha1})` }]);
  // What the next module gets is the Buffer itself.
  const live = outputs[0] as { data: Buffer };
  expect(Buffer.isBuffer(live.data) && live.data.equals(PDF)).toBe(true);
});

test('without Content-Disposition the name is the last segment of the URL', async () => {
  const { op } = await run(blueprint({ url: `${server.url}/files/report%202026.pdf?x=1` }));
  expect((op.output![0] as { fileName: string }).fileName).toBe('report 2026.pdf');
});

test('a file over the size limit fails with a clear error', async () => {
  const { op } = await run(blueprint({ url: `${server.url}/big` }), 1024);
  expect(op.error).toMatchObject({ type: 'MaxFileSizeExceededError' });
  expect(op.error!.message).toMatch(/larger than the limit of 1 KB/);
});

test('file names: filename* before filename, quoted names, never a path', () => {
  expect(fileNameOf('attachment; filename="a \\"b\\".txt"', 'https://x/y')).toBe('a "b".txt');
  expect(
    fileNameOf(`attachment; filename="fallback.txt"; filename*=UTF-8''%E2%82%AC.txt`, 'https://x/y'),
  ).toBe('€.txt');
  expect(fileNameOf('attachment; filename=../../etc/passwd', 'https://x/y')).toBe('passwd');
  expect(fileNameOf(undefined, 'https://x/')).toBe('file');
});

test("Make's http:ActionGetFile imports with its url, method, headers and qs", () => {
  const { blueprint: bp, report } = importBlueprint(
    {
      name: 'm',
      flow: [
        {
          id: 3,
          module: 'http:ActionGetFile',
          version: 2,
          parameters: {},
          mapper: {
            url: 'https://example.com/{{1.path}}',
            method: 'get',
            headers: [{ name: 'Accept', value: '*/*' }],
            qs: [{ name: 'dl', value: '1' }],
            shareCookies: true,
          },
        },
      ],
      metadata: { zone: 'eu1.make.com' },
    },
    registry,
  );
  expect(report.unknownModules).toEqual([]);
  expect(bp.flow[0]).toMatchObject({
    module: 'http:ActionGetFile',
    mapper: {
      url: 'https://example.com/{{1.path}}',
      method: 'GET',
      headers: [{ name: 'Accept', value: '*/*' }],
      query: [{ name: 'dl', value: '1' }],
    },
  });
  expect(report.notes).toContain(
    'Module 3 (http:ActionGetFile): mapper.shareCookies has no counterpart here and was not imported',
  );
});
