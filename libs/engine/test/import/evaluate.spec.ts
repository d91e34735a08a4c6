import { builtinApps } from '@integrator/apps/builtin';
import { compileBlueprint, FakeClock, ModuleRegistry, runScenario } from '../../src';
import { importBlueprint } from '../../src/import';
import { read } from './helpers';

// A Make blueprint whose expressions cover every kind of IML we translate, run on sample
// data: each value is what Make gives for the same expression.

const registry = new ModuleRegistry(builtinApps);

async function runImported() {
  const { blueprint, report } = importBlueprint(read('make-expressions.blueprint.json'), registry);
  const compiled = compileBlueprint(blueprint, registry);
  expect(compiled.issues).toEqual([]);
  const clock = new FakeClock(Date.parse('2030-06-01T12:00:00Z'), { autoAdvance: true });
  const result = await runScenario(compiled, { input: read('make-expressions.input.json'), clock });
  return { report, result };
}

describe('imported IML evaluates as in Make', () => {
  test('every expression translated, none left over', async () => {
    const { report } = await runImported();
    expect(report.format).toBe('make');
    expect(report.untranslatable).toEqual([]);
    expect(report.unknownModules).toEqual([]);
  });

  test('the webhook response carries the values Make would give', async () => {
    const { result } = await runImported();
    expect(result.status).toBe('success');
    const body = result.response?.body as Record<string, unknown>;
    expect(body).toEqual({
      upper: 'ACME',
      lower: 'paid',
      textLength: 12,
      arrayLength: 3,
      oneItemLength: 1,
      firstTitle: 'red pen',
      emptyIndex: 'A-1',
      secondSku: 'B-2',
      customerName: 'Ada L.',
      plain: 'ada@example.com',
      ifAnd: 'big',
      ifOr: 'no',
      notEqual: false,
      ifempty: 'no note',
      toString: '1042',
      parseNumber: 1234.5,
      formatDate: '05.03.2024 08:30',
      formatDateZone: '2024-03-05 09:30 +01:00',
      formatDateTyped: 'March 5th, 2024',
      parseDate: '2024-03-05T09:15:00.000Z',
      addDays: '2024-04-04T08:30:00.000Z',
      addMonths: '2024-04-05T08:30:00.000Z',
      thisYear: '2030', // now is the run's clock
      first: 'A-1',
      last: 'C-3',
      join: 'A-1, B-2, C-3',
      mapFiltered: ['A-1', 'C-3'],
      split: ['vip', 'wholesale', 'vip'],
      distinct: ['vip', 'wholesale'],
      trim: 'hello  world',
      replacePattern: '310205550101',
      replaceText: 'akme',
      sum: 15,
      sumOfArguments: 6.5,
      round: 1524.26,
      roundHalf: 3,
      floor: 1234,
      ceil: 1,
      get: 'London',
      getPosition: 'B-2',
      switch: 'P',
      keywords: '| |\t|\n',
      nullKeyword: null,
      trueKeyword: true,
      emptyArray: 0,
      contains: true,
      substring: 'ac',
      indexOf: 2,
      capitalize: 'Ada lovelace',
      formatNumber: '1.234,50',
      max: 1234.5,
      sortDesc: ['C-3', 'B-2', 'A-1'],
      executionId: result.executionId,
      mixed: 'Order 1042 for ACME',
      arithmetic: 28,
    });
    expect(result.response?.headers).toEqual({ 'X-Order': 'ACME-1042' });
  });

  test('translated filters pick the routes, and the translated group-by groups', async () => {
    const { result } = await runImported();
    const ops = (id: number) => result.modules.find((m) => m.id === id)?.operations ?? 0;
    const outputs = (id: number) =>
      result.modules.find((m) => m.id === id)?.ops.flatMap((op) => op.output ?? []);
    expect(ops(3)).toBe(1);
    expect(outputs(5)).toEqual([{ group: 'pens: A-1+C-3 (3)' }, { group: 'ink: B-2 (12)' }]);
    expect(ops(6)).toBe(0); // "Refunded" filter: neither OR group holds
    expect(ops(7)).toBe(0); // fallback: another route matched
    expect(ops(8)).toBe(1);
  });
});
