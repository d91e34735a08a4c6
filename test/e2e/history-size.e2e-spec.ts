import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Issue 14: a stored 3-module webhook execution (the throughput bench's scenario) takes at most
// 600 bytes: both of its rows, every column (numbers and timestamps counted as 8 bytes).
const TARGET_BYTES = 600;

describe.each(databaseTargets())('stored execution size on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test('a 3-module webhook execution is stored in under 600 bytes and reads back unchanged', async () => {
    const { body: hook } = await t.http().post('/api/hooks').set(h).send({ name: 'size' }).expect(201);
    const blueprint = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: hook.id } },
        {
          id: 2,
          module: 'util:SetVariable2',
          mapper: {
            name: 'total',
            value: '{{"Total for " & 1.customer & ": " & $string($sum(1.items.(price * qty)))}}',
          },
        },
        { id: 3, module: 'gateway:WebhookRespond', mapper: { status: 200, body: { result: '{{2.total}}' } } },
      ],
      metadata: { integrator: { format: 1 } },
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'size', blueprint })
      .expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    const payload = {
      customer: 'c7',
      items: [
        { price: 3, qty: 2 },
        { price: 4, qty: 2 },
      ],
    };
    const res = await t.http().post(new URL(hook.url).pathname).send(payload).expect(200);
    expect(res.body).toEqual({ result: 'Total for c7: 14' });

    const { body: list } = await t.http().get(`/api/executions?scenarioId=${s.id}`).set(h).expect(200);
    const id = list.items[0].id as string;
    const bytes = await storedBytes(t, id);
    console.log(`stored bytes of a 3-module webhook execution on ${target.name}: ${bytes}`);
    expect(bytes).toBeLessThanOrEqual(TARGET_BYTES);

    // The API's shape does not change: the detail shows every module's operation with its bundles.
    const { body: detail } = await t.http().get(`/api/executions/${id}`).set(h).expect(200);
    expect(detail.modules.map((m: { id: number }) => m.id)).toEqual([1, 2, 3]);
    expect(detail.modules[0]).toMatchObject({
      module: 'gateway:CustomWebHook',
      operations: 1,
      omittedOps: 0,
    });
    expect(detail.modules[0].ops[0]).toMatchObject({ index: 1, cycle: 1, outputCount: 1, output: [payload] });
    expect(detail.modules[1].ops[0].output).toEqual([{ total: 'Total for c7: 14' }]);
    expect(detail.input).toEqual(payload);
    expect(detail.response).toEqual({ status: 200, headers: {}, body: { result: 'Total for c7: 14' } });

    // The response is stored once: in the log (the responder's output), not in its own column.
    const p = t.db().options.type === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    const [log] = await t.db().query(`SELECT "response" FROM executions WHERE "id" = ${p[0]}`, [id]);
    expect(log.response).toBeNull();
    expect(detail.modules[2].ops[0].output).toEqual([detail.response]);

    // A row written before the compact format (plain JSON of the logs, the response in its
    // column) reads as it did.
    const old = [{ ...detail.modules[0], label: 'Renamed webhook' }, detail.modules[1], detail.modules[2]];
    const written = (modules: string, response: unknown) =>
      t
        .db()
        .query(`UPDATE executions SET "modules" = ${p[0]}, "response" = ${p[1]} WHERE "id" = ${p[2]}`, [
          modules,
          JSON.stringify(response),
          id,
        ]);
    await written(JSON.stringify(old), detail.response);
    const { body: again } = await t.http().get(`/api/executions/${id}`).set(h).expect(200);
    expect(again.modules).toEqual(old);
    expect(again.response).toEqual(detail.response);
    // So does a version 3 log (references to the response column), as written before version 4.
    const v3 =
      '[3,[[0,"gateway:CustomWebHook",0,[[259,3,1,{},0]]],[0,"util:SetVariable2",0,[[3,1,1,{"name":"total","scope":"roundtrip","value":"Total for c7: 14"},[{"total":"Total for c7: 14"}]]]],[0,"gateway:WebhookRespond",0,[[259,0,1,{"status":200,"body":{"result":"Total for c7: 14"}},1]]]]]';
    await written(v3, detail.response);
    const { body: v3Detail } = await t.http().get(`/api/executions/${id}`).set(h).expect(200);
    expect(v3Detail.response).toEqual(detail.response);
    expect(v3Detail.modules[2].ops[0]).toMatchObject({
      input: { status: 200, body: { result: 'Total for c7: 14' } },
      output: [detail.response],
    });
    expect(v3Detail.modules[0].ops[0].output).toEqual([payload]);
  });
});

/**
 * Bytes of an execution's row (its log included): text columns by their length, every other
 * column as 8 (what a number takes at most; row headers and indexes are not counted).
 */
async function storedBytes(t: TestApp, id: string): Promise<number> {
  const mark = t.db().options.type === 'postgres' ? '$1' : '?';
  const [e] = await t.db().query(`SELECT * FROM executions WHERE "id" = ${mark}`, [id]);
  let total = 0;
  for (const row of [e])
    for (const v of Object.values(row as Record<string, unknown>)) {
      if (v === null || v === undefined) continue;
      // PostgreSQL returns bigint columns (timestamps, sizes) as text: they are numbers all the same.
      total += typeof v === 'string' && !/^\d+$/.test(v) ? Buffer.byteLength(v) : 8;
    }
  return total;
}
