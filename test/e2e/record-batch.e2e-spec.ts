import type { RunResult } from '@integrator/engine';
import { HotSql, type ExecutionEntity } from '@integrator/persistence';
import { fitsInOne, recordAllInOne, recordResults } from '../../apps/api/src/executions/record-batch';
import type { CachedScenario } from '../../apps/api/src/scenarios/scenario-cache';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Issue 14, distributed mode: a worker writes the results finished in the same tick with one
// statement per table, as named (prepared once per connection) statements on PostgreSQL.
describe.each(databaseTargets().filter((d) => d.name === 'postgres'))(
  'batched result writes on $name',
  (target) => {
    let t: TestApp;
    let h: Record<string, string>;
    beforeAll(async () => {
      t = await startTestApp(target);
      h = auth(t.token);
    });
    afterAll(() => t?.close());

    function result(id: string, i: number, extra: Partial<RunResult> = {}): RunResult {
      return {
        executionId: id,
        status: i === 2 ? 'warning' : 'success',
        operations: 10 + i,
        cycles: 1,
        startedAt: 1000,
        finishedAt: 2000 + i,
        durationMs: 7 + i,
        dataSize: 5_000_000_000 + i,
        modules: [
          {
            id: 1,
            module: 'util:SetVariable2',
            label: `Step ${i}`,
            operations: 1,
            bundlesOut: 1,
            errors: 0,
            ops: [
              {
                index: 1,
                cycle: 1,
                input: { n: i },
                outputCount: 1,
                durationMs: 1,
                output: [{ v: `it's "${i}"` }],
              },
            ],
            omittedOps: 0,
          },
        ],
        warnings: i === 2 ? [{ type: 'HandledError', message: 'handled', moduleId: 1 }] : [],
        incomplete: [],
        response: i === 1 ? { status: 201, headers: {}, body: { n: i } } : undefined,
        interrupted: false,
        confidential: false,
        ...extra,
      };
    }

    test('several results: one named statement per table, every row written, confidential ones cleared', async () => {
      const blueprint = {
        flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'v', value: '{{1}}' } }],
        metadata: { integrator: { format: 1 } },
      };
      const { body: s } = await t
        .http()
        .post('/api/scenarios')
        .set(h)
        .send({ name: 'B', blueprint })
        .expect(201);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++)
        ids.push((await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201)).body.id);
      const scenario = {
        id: s.id,
        settings: { dlq: false, maxErrors: 3 },
        consecutiveErrors: 0,
      } as unknown as CachedScenario;
      const records = ids.map((id, i) => ({
        execution: { id, trigger: 'manual', scenarioVersion: 1 } as ExecutionEntity,
        scenario,
        result: result(id, i, i === 3 ? { confidential: true, modules: [] } : {}),
        incomplete: null,
        now: 3000,
        input: { n: i },
      }));
      const ds = t.db();
      const prepared = await ds.transaction(async (tx) => {
        await recordResults(tx, new HotSql(ds), records);
        return (await tx.query('SELECT statement FROM pg_prepared_statements')) as Array<{
          statement: string;
        }>;
      });
      const texts = prepared.map((p) => p.statement);
      // (The claims of these runs are another prepared UPDATE of executions: `SET "status" = 'running'`.)
      expect(
        texts.filter((x) => x.startsWith('UPDATE executions AS e SET "status" = v.status')),
      ).toHaveLength(1);
      // The logs are in the same rows: the same statement writes them.
      const batch = texts.find((x) => x.startsWith('UPDATE executions AS e SET "status" = v.status'));
      expect(batch).toMatch(/"modules" = v\.modules, "response" = v\.response/);

      for (const [i, id] of ids.entries()) {
        const { body } = await t.http().get(`/api/executions/${id}`).set(h).expect(200);
        expect(body).toMatchObject({
          status: i === 2 ? 'warning' : 'success',
          operations: 10 + i,
          durationMs: 7 + i,
          finishedAt: 2000 + i,
          dataSize: 5_000_000_000 + i,
          confidential: i === 3,
        });
        expect(body.warnings).toEqual(
          i === 2 ? [{ type: 'HandledError', message: 'handled', moduleId: 1 }] : [],
        );
        if (i < 3) expect(body.modules[0].ops[0].output).toEqual([{ v: `it's "${i}"` }]);
        else expect(body.modules).toEqual([]);
        expect(body.response).toEqual(i === 1 ? { status: 201, headers: {}, body: { n: 1 } } : null);
      }
    });

    test('a batch of plain results: executions, logs and the last run in one statement', async () => {
      const blueprint = {
        flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'v', value: '{{1}}' } }],
        metadata: { integrator: { format: 1 } },
      };
      const { body: s } = await t
        .http()
        .post('/api/scenarios')
        .set(h)
        .send({ name: 'One', blueprint })
        .expect(201);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push((await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201)).body.id);
      const scenario = { id: s.id, settings: { dlq: false, maxErrors: 3 }, consecutiveErrors: 0 };
      const records = ids.map((id, i) => ({
        execution: { id, trigger: 'webhook', scenarioVersion: 1 } as ExecutionEntity,
        scenario: scenario as unknown as CachedScenario,
        result: result(id, i, { finishedAt: 9_000_000_000_000 + i }),
        incomplete: null,
        now: 3000,
        input: { n: i },
      }));
      const ds = t.db();
      expect(fitsInOne(ds, records)).toBe(true);
      // A confidential result, or one that moves the error count, takes the transaction instead.
      expect(fitsInOne(ds, [{ ...records[0], result: { ...records[0].result, confidential: true } }])).toBe(
        false,
      );
      expect(fitsInOne(ds, [{ ...records[0], result: { ...records[0].result, status: 'error' } }])).toBe(
        false,
      );
      // The newest of the batch is the scenario's last run (the writer picks it).
      await recordAllInOne(ds, records, [records[2]]);
      for (const [i, id] of ids.entries()) {
        const { body } = await t.http().get(`/api/executions/${id}`).set(h).expect(200);
        expect(body).toMatchObject({ status: i === 2 ? 'warning' : 'success', operations: 10 + i });
        expect(body.modules[0].ops[0].output).toEqual([{ v: `it's "${i}"` }]);
        expect(body.response).toEqual(i === 1 ? { status: 201, headers: {}, body: { n: 1 } } : null);
      }
      const [row] = (await ds.query(
        'SELECT "lastExecutionId", "lastStatus", "lastRunAt" FROM scenarios WHERE id = $1',
        [s.id],
      )) as Array<{ lastExecutionId: string; lastStatus: string; lastRunAt: string }>;
      expect(row).toEqual({ lastExecutionId: ids[2], lastStatus: 'warning', lastRunAt: '9000000000002' });
    });
  },
);
