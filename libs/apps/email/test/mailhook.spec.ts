import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  FakeClock,
  importBlueprint,
  ModuleRegistry,
  runScenario,
} from '@integrator/engine';
import { emailApp, type StoredMail } from '../src';

// The Custom mailhook trigger: the stored mail (JSON, attachments in base64) becomes the bundle
// with binary attachments; Make's module imports with its hook to choose.

const registry = new ModuleRegistry([...builtinApps, emailApp]);

const mail = (subject: string): StoredMail => ({
  sender: { name: 'Ada', email: 'ada@example.com' },
  to: [{ name: '', email: 'hook@hooks.test' }],
  cc: [],
  subject,
  text: 'hello',
  html: '',
  headers: { subject },
  attachments: [
    { fileName: 'a.bin', contentType: 'application/octet-stream', size: 3, contentBase64: 'AAEC' },
  ],
  date: '2026-01-01T00:00:00.000Z',
});

async function run(input: unknown, maxResults = 1) {
  const compiled = compileBlueprint(
    {
      name: 'mail',
      flow: [
        { id: 1, module: 'gateway:CustomMailHook', version: 1, parameters: { hook: 3, maxResults } },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'size', value: '{{1.attachments[0].data}}' } },
      ],
      metadata: {},
    },
    registry,
  );
  expect(compiled.issues).toEqual([]);
  const bundles: unknown[] = [];
  const result = await runScenario(compiled, {
    input,
    clock: new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
    onEvent: (e) => {
      if (e.type === 'bundle.out' && e.moduleId === 1) bundles.push(e.bundle);
    },
  });
  return { result, bundles: bundles as Array<Record<string, unknown>> };
}

test('the stored mail becomes the bundle; attachment data is a Buffer', async () => {
  const { bundles, result } = await run(mail('Order'));
  expect(result.status).toBe('success');
  expect(bundles).toHaveLength(1);
  expect(bundles[0]).toMatchObject({ subject: 'Order', sender: { email: 'ada@example.com' } });
  const [attachment] = bundles[0].attachments as Array<{ fileName: string; data: Buffer }>;
  expect(attachment.fileName).toBe('a.bin');
  expect(Buffer.isBuffer(attachment.data) && attachment.data.equals(Buffer.from([0, 1, 2]))).toBe(true);
  expect(attachment).not.toHaveProperty('contentBase64');
});

test('maxResults caps a list of mails (the CLI may pass several)', async () => {
  expect((await run([mail('a'), mail('b'), mail('c')], 2)).bundles.map((b) => b.subject)).toEqual(['a', 'b']);
});

test("Make's gateway:CustomMailHook imports: its hook is chosen here, maxResults kept", () => {
  const { blueprint, report } = importBlueprint(
    {
      name: 'm',
      flow: [
        { id: 1, module: 'gateway:CustomMailHook', version: 1, parameters: { hook: 812, maxResults: 5 } },
      ],
      metadata: { zone: 'eu1.make.com' },
    },
    registry,
  );
  expect(report.unknownModules).toEqual([]);
  expect(blueprint.flow[0].parameters).toEqual({ hook: '', maxResults: 5 });
  expect(report.notes.some((n) => n.includes('parameters.hook'))).toBe(true);
});
