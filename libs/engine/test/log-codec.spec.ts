import { decodeModuleLogs, encodeModuleLogs, LOG_FORMAT, truncatedMark, type ModuleLog } from '../src';

const payload = { customer: 'c7', items: [{ price: 3, qty: 2 }] };
const response = { status: 200, headers: {}, body: { result: 'ok' } };

function logs(): ModuleLog[] {
  return [
    {
      id: 1,
      module: 'gateway:CustomWebHook',
      label: 'Custom webhook',
      operations: 1,
      bundlesOut: 1,
      errors: 0,
      ops: [{ index: 1, cycle: 1, input: {}, outputCount: 1, durationMs: 0, output: [payload] }],
      omittedOps: 0,
    },
    {
      id: 5,
      module: 'http:ActionSendData',
      label: 'Fetch the order',
      operations: 130,
      bundlesOut: 3,
      errors: 1,
      ops: [
        {
          index: 1,
          cycle: 1,
          input: { url: 'http://x' },
          outputCount: 2,
          durationMs: 4,
          output: [{ a: 1 }, { a: 2 }],
        },
        {
          index: 3,
          cycle: 2,
          input: { url: 'http://broken', body: { order: 7 } },
          outputCount: 0,
          durationMs: 1,
          error: { message: 'boom', kind: 'transient', type: 'ConnectionError' },
          handledBy: 'resume',
        },
        { index: 4, cycle: 2, outputCount: 101, durationMs: 2, output: [response], omittedBundles: 1 },
      ],
      omittedOps: 127,
    },
    {
      id: 0,
      module: 'custom:thing',
      label: 'Mine',
      operations: 0,
      bundlesOut: 0,
      errors: 0,
      ops: [],
      omittedOps: 0,
    },
  ];
}

const labelOf = (key: string) => ({ 'gateway:CustomWebHook': 'Custom webhook' })[key];

describe('module log codec', () => {
  test('encodes without repeated keys and decodes to the same logs, key order included', () => {
    const refs = { input: payload, response, labelOf };
    const stored = encodeModuleLogs(logs(), refs);
    expect(JSON.parse(stored)[0]).toBe(LOG_FORMAT);
    expect(stored).not.toContain('"durationMs"');
    expect(stored).not.toContain('Custom webhook'); // the usual label is not stored
    expect(stored).not.toContain('customer'); // the run input is referred to, not repeated
    expect(stored.length).toBeLessThan(JSON.stringify(logs()).length / 2);
    const decoded = decodeModuleLogs(stored, refs);
    expect(decoded).toEqual(logs());
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(logs()));
    // Parsed already (TypeORM's simple-json column) reads the same.
    expect(decodeModuleLogs(JSON.parse(stored), refs)).toEqual(logs());
  });

  test('rows stored before this format (plain JSON of the logs) still read', () => {
    const old = JSON.stringify(logs());
    expect(decodeModuleLogs(old)).toEqual(logs());
    expect(decodeModuleLogs(JSON.parse(old))).toEqual(logs());
    expect(decodeModuleLogs([])).toEqual([]);
  });

  test('large logs are stored deflated and read back whole', () => {
    const big = logs();
    big[1].ops[0].output = Array.from({ length: 100 }, (_, i) => ({
      row: i,
      text: 'the same words again '.repeat(5),
    }));
    const stored = encodeModuleLogs(big, { labelOf });
    expect(JSON.parse(stored)[1]).toBe('z');
    expect(stored.length).toBeLessThan(JSON.stringify(big).length / 5);
    expect(decodeModuleLogs(stored, { labelOf })).toEqual(big);
  });

  test('a log over the stored limit keeps its counts and errors, its bundles replaced by a visible mark', () => {
    const big = logs();
    big[1].ops[0].output = Array.from({ length: 100 }, (_, i) => ({
      row: i,
      noise: Math.random().toString(36).repeat(20),
    }));
    const limits = { compressAbove: 1_000, maxStoredBytes: 2_000 };
    const stored = encodeModuleLogs(big, { input: payload, labelOf }, limits);
    expect(stored.length).toBeLessThanOrEqual(limits.maxStoredBytes);
    const decoded = decodeModuleLogs(stored, { input: payload, labelOf });
    expect(truncatedMark(1)).toMatch(/^\[truncated: /);
    expect(decoded[1].ops[0].output).toEqual([
      expect.stringMatching(/^\[truncated: this execution's log was \d+ bytes/),
    ]);
    expect(decoded[1].ops[0].input).toEqual(expect.stringContaining('over the stored limit'));
    expect(decoded[1]).toMatchObject({ operations: 130, bundlesOut: 3, errors: 1, omittedOps: 127 });
    expect(decoded[1].ops[1].error).toEqual(big[1].ops[1].error);
    // The input of a failed operation is kept whole: it is what a user needs to fix the failure.
    expect(decoded[1].ops[1].input).toEqual({ url: 'http://broken', body: { order: 7 } });
    expect(decoded[1].ops[2].outputCount).toBe(101);
  });
});
