import { LIVE_BYTES } from '../../apps/api/src/retention/retention-sql';
import { databaseTargets } from '../support/databases';
import { hookedScenario, startTestApp, type TestApp } from '../support/app';

// A short run written whole in one group commit (embedded mode) carries its size for the
// retention limits, counted in JavaScript: it must be what the database's LENGTH reads from the
// same rows (characters, an emoji one), and the running total must include it.
const sqlite = databaseTargets().filter((d) => d.name === 'sqlite');

describe.each(sqlite)('sizes stored with the run on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  test('each run written whole has the size the database reads, and the total adds them', async () => {
    const s = await hookedScenario(
      t,
      (hook) => ({
        flow: [
          { id: 1, module: 'gateway:CustomWebHook', parameters: { hook } },
          { id: 2, module: 'util:SetVariable2', mapper: { name: 'v', value: '{{1.text & " ✓ 🚀"}}' } },
          { id: 3, module: 'gateway:WebhookRespond', mapper: { status: 200, body: '{{2.v}}' } },
        ],
        metadata: { integrator: { format: 1 } },
      }),
      'sizes',
    );
    const texts = ['plain', 'Grüße aus Köln', '日本語のテキスト', 'emoji 😀👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'x'.repeat(3000)];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t
          .http()
          .post(s.path)
          .send({ text: texts[i % texts.length], i })
          .expect(200),
      ),
    );
    const db = t.db();
    const rows: Array<{ id: string; stored: number | null; live: number }> = await db.query(
      `SELECT e."id" AS id, e."storedBytes" AS stored, ${LIVE_BYTES} AS live FROM executions e WHERE e."scenarioId" = ?`,
      [s.id],
    );
    expect(rows).toHaveLength(30);
    const sized = rows.filter((r) => r.stored !== null);
    expect(sized.length).toBeGreaterThan(0); // no retention pass ran: these were sized when written
    for (const r of sized)
      expect({ id: r.id, size: Number(r.stored) }).toEqual({ id: r.id, size: Number(r.live) });
    const [total] = await db.query('SELECT "storedBytes" AS total FROM execution_totals WHERE "id" = 1');
    const [sum] = await db.query('SELECT COALESCE(SUM("storedBytes"), 0) AS sum FROM executions');
    expect(Number(total.total)).toBe(Number(sum.sum));
  });
});
