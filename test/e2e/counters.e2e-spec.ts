import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type CapturedLogs, type TestApp } from '../support/app';

// Make's increment function with "never" as its reset: the counter lives in the database, so
// it goes on from run to run, per scenario and module.

describe.each(databaseTargets())('increment function on $name', (target) => {
  let t: TestApp & { logs: CapturedLogs };
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  const blueprint = {
    flow: [
      { id: 1, module: 'builtin:BasicRepeater', mapper: { repeats: 2 } },
      { id: 2, module: 'util:FunctionIncrement', parameters: { reset: 'scenario' } },
      { id: 3, module: 'util:FunctionIncrement', parameters: { reset: 'execution' } },
    ],
  };
  const counts = async (id: number) => {
    const run = await t.http().post(`/api/scenarios/${id}/run`).set(h).send({}).expect(201);
    expect(run.body.status).toBe('success');
    const outputs = (moduleId: number) =>
      run.body.modules
        .find((m: { id: number }) => m.id === moduleId)
        .ops.flatMap((op: { output: Array<{ i: number }> }) => op.output.map((b) => b.i));
    return { never: outputs(2), perRun: outputs(3) };
  };

  test('a never-reset counter goes on across runs; each scenario has its own', async () => {
    const create = async (name: string) =>
      (await t.http().post('/api/scenarios').set(h).send({ name, blueprint }).expect(201)).body.id as number;
    const first = await create('Counter A');
    const second = await create('Counter B');
    expect(await counts(first)).toEqual({ never: [1, 2], perRun: [1, 2] });
    expect(await counts(first)).toEqual({ never: [3, 4], perRun: [1, 2] });
    expect(await counts(second)).toEqual({ never: [1, 2], perRun: [1, 2] });

    // A deleted scenario takes its counters with it.
    await t
      .http()
      .delete(`/api/scenarios/${first}`)
      .set(h)
      .expect((r) => expect(r.status).toBeLessThan(300));
    const rows = await t.db().query('SELECT "scenarioId" FROM "scenario_counters"');
    expect(rows.map((r: { scenarioId: number }) => Number(r.scenarioId))).toEqual([second]);
  });
});
