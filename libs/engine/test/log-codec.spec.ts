import {
  decodeModuleLogs,
  decodeRunLog,
  encodeModuleLogs,
  encodeRunLog,
  LOG_FORMAT,
  truncatedMark,
  type ModuleLog,
} from '../src';

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
  // The throughput benchmark's chain: set-variable modules passing one value on (issue 14).
  function chain(): ModuleLog[] {
    const same = { total: 'Total for c7: 6' };
    const setVariable = (id: number, durationMs: number): ModuleLog => ({
      id,
      module: 'util:SetVariable2',
      label: 'Set variable',
      operations: 1,
      bundlesOut: 1,
      errors: 0,
      ops: [
        {
          index: 1,
          cycle: 1,
          input: { name: 'total', value: same.total },
          outputCount: 1,
          durationMs,
          output: [{ ...same }],
        },
      ],
      omittedOps: 0,
    });
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
      setVariable(2, 1),
      setVariable(3, 0),
      {
        id: 4,
        module: 'gateway:WebhookRespond',
        label: 'Webhook response',
        operations: 1,
        bundlesOut: 1,
        errors: 0,
        ops: [
          {
            index: 1,
            cycle: 1,
            input: { status: 200, body: { result: 'ok' } },
            outputCount: 1,
            durationMs: 0,
            output: [{ status: 200, body: { result: 'ok' }, headers: {} }],
          },
        ],
        omittedOps: 0,
      },
    ];
  }
  const chainLabels = (key: string) => ({ 'util:SetVariable2': 'Set variable' })[key];

  test('a bundle stored in full earlier in the log is referred to, and reads back the same', () => {
    const refs = { input: payload, response, labelOf: chainLabels };
    const stored = encodeModuleLogs(chain(), refs);
    expect(stored.split('Total for c7').length - 1).toBe(2); // once as input, once as output
    const decoded = decodeModuleLogs(stored, refs);
    expect(decoded).toEqual(chain());
    // Key order included (the response, referred to when equal in value, has its own order).
    expect(JSON.stringify(decoded.slice(0, 3))).toBe(JSON.stringify(chain().slice(0, 3)));
    // A bundle differing only in key order counts as the same (as the input and response do).
    const reordered = chain();
    reordered[2].ops[0].input = { value: 'Total for c7: 6', name: 'total' };
    expect(decodeModuleLogs(encodeModuleLogs(reordered, refs), refs)).toEqual(reordered);
    // A value JSON would store differently is never taken for another.
    const dated = chain();
    dated[2].ops[0].input = { name: 'total', value: new Date(0) as unknown as string };
    dated[3].ops[0].input = { name: 'total', value: undefined as unknown as string };
    const back = decodeModuleLogs(encodeModuleLogs(dated, refs), refs);
    expect(back[2].ops[0].input).toEqual({ name: 'total', value: '1970-01-01T00:00:00.000Z' });
    expect(back[3].ops[0].input).toEqual({ name: 'total' });
  });

  test('a version 2 log (as written before references to earlier bundles) still reads', () => {
    // Written by the version 2 encoder for chain().
    const v2 =
      '[2,[[0,"gateway:CustomWebHook","Custom webhook",[[259,0,1,{},0]]],[0,"util:SetVariable2",0,[[3,1,1,{"name":"total","value":"Total for c7: 6"},[{"total":"Total for c7: 6"}]]]],[0,"util:SetVariable2",0,[[3,0,1,{"name":"total","value":"Total for c7: 6"},[{"total":"Total for c7: 6"}]]]],[0,"gateway:WebhookRespond","Webhook response",[[259,0,1,{"status":200,"body":{"result":"ok"}},1]]]]]';
    const decoded = decodeModuleLogs(v2, { input: payload, response, labelOf: chainLabels });
    expect(decoded.slice(0, 3)).toEqual(chain().slice(0, 3));
    // Version 2 referred to the response when equal in value (its key order is the response's).
    expect(decoded[3].ops[0].output).toEqual([response]);
  });

  test('references survive compression and are not used in a truncated log', () => {
    const long = chain();
    for (let id = 5; id < 60; id++) long.push({ ...chain()[2], id });
    const refs = { input: payload, response, labelOf: chainLabels };
    const stored = encodeModuleLogs(long, refs, { compressAbove: 500, maxStoredBytes: 100_000 });
    expect(JSON.parse(stored)[1]).toBe('z');
    expect(decodeModuleLogs(stored, refs)).toEqual(long);
    const cut = decodeModuleLogs(
      encodeModuleLogs(long, refs, { compressAbove: 10, maxStoredBytes: 10 }),
      refs,
    );
    expect(cut[2].ops[0].input).toEqual(expect.stringContaining('over the stored limit'));
    expect(cut[58].ops[0].output).toEqual([expect.stringContaining('over the stored limit')]);
  });

  test('the log holds the response once, as the responder output patched over its input', () => {
    const { text, holdsResponse } = encodeRunLog(chain(), { input: payload, response, labelOf: chainLabels });
    expect(holdsResponse).toBe(true);
    // The responder's input is stored once; its output only as what it adds (the headers).
    expect(text.split('"status"').length - 1).toBe(1);
    expect(text.split('"result"').length - 1).toBe(1);
    // Read without a response column: the log gives it back, and the modules as they were.
    const back = decodeRunLog(text, { input: payload, labelOf: chainLabels });
    expect(back.response).toEqual(response);
    expect(back.modules).toEqual(chain());
    expect(JSON.stringify(back.modules)).toBe(JSON.stringify(chain()));
    // Compressed, the same.
    const big = encodeRunLog(
      chain(),
      { input: payload, response, labelOf: chainLabels },
      {
        compressAbove: 10,
        maxStoredBytes: 100_000,
      },
    );
    expect(JSON.parse(big.text)[1]).toBe('z');
    expect(decodeRunLog(big.text, { input: payload, labelOf: chainLabels })).toEqual(back);
  });

  test('a response no output holds, or a truncated log, leaves the response to its own column', () => {
    const refs = { input: payload, labelOf: chainLabels };
    // A responder may answer with less than it output (toWebhookResponse keeps three keys).
    const other = chain();
    other[3].ops[0].output = [{ status: 200, body: { result: 'ok' }, headers: {}, extra: 1 }];
    const kept = encodeRunLog(other, { ...refs, response });
    expect(kept.holdsResponse).toBe(false);
    expect(decodeRunLog(kept.text, { ...refs, response })).toEqual({ modules: other, response });
    expect(decodeRunLog(kept.text, refs).response).toBeUndefined();
    const cut = encodeRunLog(chain(), { ...refs, response }, { compressAbove: 10, maxStoredBytes: 10 });
    expect(cut.holdsResponse).toBe(false);
    // Confidential or response-less runs: nothing to hold.
    expect(encodeRunLog(chain(), refs).holdsResponse).toBe(false);
    expect(decodeRunLog(encodeRunLog(chain(), refs).text, refs)).toEqual({
      modules: chain(),
      response: undefined,
    });
  });

  test('a version 3 log with its response column (as written before) still reads', () => {
    // Written by the version 3 encoder for chain(), the response in its own column.
    const v3 =
      '[3,[[0,"gateway:CustomWebHook","Custom webhook",[[259,0,1,{},0]]],[0,"util:SetVariable2",0,[[3,1,1,{"name":"total","value":"Total for c7: 6"},[{"total":"Total for c7: 6"}]]]],[0,"util:SetVariable2",0,[[387,0,1,3,4]]],[0,"gateway:WebhookRespond","Webhook response",[[259,0,1,{"status":200,"body":{"result":"ok"}},1]]]]]';
    const back = decodeRunLog(v3, { input: payload, response, labelOf: chainLabels });
    expect(back.response).toBe(response);
    expect(back.modules.slice(0, 3)).toEqual(chain().slice(0, 3));
    expect(back.modules[3].ops[0].output).toEqual([response]);
  });

  test('an output is patched over its input only when that reads back the same, key order included', () => {
    const op = (input: Record<string, unknown>, output: Record<string, unknown>): ModuleLog[] => [
      {
        id: 1,
        module: 'custom:thing',
        label: 'Mine',
        operations: 1,
        bundlesOut: 1,
        errors: 0,
        ops: [{ index: 1, cycle: 1, input, outputCount: 1, durationMs: 0, output: [output] }],
        omittedOps: 0,
      },
    ];
    const roundTrip = (logs: ModuleLog[]) => {
      const text = encodeModuleLogs(logs);
      const back = decodeModuleLogs(text);
      expect(JSON.stringify(back)).toBe(JSON.stringify(logs));
      return text;
    };
    const long = 'a long value that a patch does not repeat';
    // Kept, changed, dropped and added keys.
    const patched = roundTrip(op({ a: long, b: 1, c: 2, d: long }, { a: long, b: 3, d: long, e: 4 }));
    expect(patched.split(long).length - 1).toBe(2); // the input's two, not the output's
    // Keys in another order than the input's are stored whole (a patch would reorder them).
    expect(roundTrip(op({ a: long, b: 1 }, { b: 1, a: long })).split(long).length - 1).toBe(2);
    // Nothing kept: stored whole; undefined values as JSON has them (absent).
    roundTrip(op({ a: 1 }, { b: 1 }));
    const withUndefined = op({ a: long, b: undefined }, { a: long, b: 2, c: undefined });
    const back = decodeModuleLogs(encodeModuleLogs(withUndefined));
    expect(back[0].ops[0].output).toEqual([{ a: long, b: 2 }]);
    // A "__proto__" key is data, never a prototype.
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "a": "x"}') as Record<string, unknown>;
    const read = decodeModuleLogs(encodeModuleLogs(op({ a: 'x' }, proto)));
    expect(JSON.stringify(read[0].ops[0].output)).toBe(JSON.stringify([proto]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
