import type { RunResult } from '@integrator/engine/runner/types';
import { expressionProblem, mappingSources, templateProblem } from '../../src/forms';
import { catalog } from '../fixtures/catalog';

const run = (output: unknown[]): RunResult => ({
  executionId: 'x1',
  status: 'success',
  operations: 1,
  cycles: 1,
  startedAt: 0,
  finishedAt: 1,
  durationMs: 1,
  dataSize: 10,
  modules: [
    {
      id: 1,
      module: 'gateway:CustomWebHook',
      label: 'Custom webhook',
      operations: 1,
      bundlesOut: 1,
      errors: 0,
      omittedOps: 0,
      ops: [{ index: 1, cycle: 1, output, outputCount: output.length, durationMs: 1 }],
    },
  ],
  warnings: [],
  incomplete: [],
  interrupted: false,
  confidential: false,
});

describe('mappingSources', () => {
  const earlier = [
    { id: 1, module: 'gateway:CustomWebHook' },
    { id: 2, module: 'crm:CreateContact', metadata: { designer: { name: 'New lead' } } },
    { id: 3, module: 'acme:Unknown' },
  ];

  it('reads fields from the declared sample and output fields, quoting odd names', () => {
    const [hook, crm, unknown] = mappingSources(earlier, catalog);
    expect(hook.origin).toBe('sample');
    expect(hook.fields.map((f) => f.path)).toEqual([
      'email',
      'customer',
      'customer.name',
      'customer.`first name`',
      'items',
      'items.price',
    ]);
    expect(hook.fields.find((f) => f.path === 'email')?.sample).toBe('ada@example.com');
    expect(crm).toMatchObject({ id: 2, label: 'New lead', origin: 'declared' });
    expect(crm.fields.map((f) => [f.path, f.label, f.depth])).toEqual([
      ['id', 'Contact ID', 0],
      ['owner', 'Owner', 0],
      ['owner.email', 'Owner email', 1],
    ]);
    expect(unknown).toMatchObject({ label: 'acme:Unknown', origin: 'none', fields: [] });
  });

  it('prefers the bundles of the last run', () => {
    const [hook] = mappingSources(earlier, catalog, run([{ total: 12, lines: [] }]));
    expect(hook.origin).toBe('run');
    expect(hook.fields.map((f) => [f.path, f.sample])).toEqual([
      ['total', '12'],
      ['lines', 'array (0)'],
    ]);
  });

  it("offers the chosen webhook's determined data structure before the last run", () => {
    const nodes = [{ id: 1, module: 'gateway:CustomWebHook', parameters: { hook: 7 } }];
    const webhook = [
      { value: 6, label: 'Other', sample: { wrong: true } },
      { value: 7, label: 'Orders', sample: { order: { total: 42 } } },
    ];
    const [hook] = mappingSources(nodes, catalog, run([{ total: 12 }]), { webhook });
    expect(hook.origin).toBe('sample');
    expect(hook.fields.map((f) => [f.path, f.sample])).toEqual([
      ['order', 'collection'],
      ['order.total', '42'],
    ]);
    // A hook with no structure determined yet: the last run as before.
    expect(mappingSources(nodes, catalog, run([{ total: 12 }]), { webhook: [webhook[0]] })[0].origin).toBe(
      'run',
    );
  });
});

describe('expression checks', () => {
  it('accepts module references and our functions, rejects broken syntax', () => {
    expect(templateProblem('{{1.email}} and {{ $ifempty(2.`first name`, "x") }}')).toBeUndefined();
    expect(templateProblem('no mapping here')).toBeUndefined();
    expect(templateProblem('{{ }}')).toBe('{{ }}: empty expression');
    expect(expressionProblem('1.a +')).toMatch(/end of expression/);
  });
});
