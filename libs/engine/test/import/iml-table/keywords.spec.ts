import { isErase } from '@integrator/sdk';
import { isIgnore } from '../../../src/mapping/ignore';
import { evaluateIml, type Row } from './table';

// Make's keywords and variables, and the IML forms of real exports (make-core-modules §6).
describe('IML keywords and forms evaluate as Make documents', () => {
  test.each<Row>([
    ['null', null],
    ['true', true],
    ['false', false],
    ['emptystring', ''],
    ['space', ' '],
    ['tab', '\t'],
    ['newline', '\n'],
    ['carriagereturn', '\r'],
    ['nbsp', '\u00a0'],
    ['pi', Math.PI],
    ['executionId', 'exec-1'],
    ['1.numbers[2]', 2],
    ['1.contacts[].name', 'Bob'],
    ['1.contacts[1 + 1].name', 'Tim'],
    ['first(1.contacts).name', 'Bob'],
    ['1.user.Straße', 'Bakerstraße'],
    ['"a""b"', 'a"b'],
    ['""""', '"'],
    ["'it''s'", "it's"],
    ['replace(a-b; -; )', 'ab'],
    ['trim(toString(1.$1))', 'group one'],
  ])('%s = %j', async (iml, expected) => {
    expect(await evaluateIml(iml)).toEqual(expected);
  });

  test('uuid is a random version 4 UUID', async () => {
    const a = await evaluateIml('uuid');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await evaluateIml('uuid')).not.toBe(a);
  });

  test('ignore evaluates to the marker the mapping leaves out', async () => {
    expect(isIgnore(await evaluateIml('ignore'))).toBe(true);
    expect(isIgnore(await evaluateIml('if(1.zero; ignore; 1)'))).toBe(true);
  });

  test("the system variables read the run's facts", async () => {
    const vars = { scenario: { id: 7, name: 'Orders' }, organization: { timezone: 'Europe/Amsterdam' } };
    expect(await evaluateIml('var.scenario.name', { vars })).toBe('Orders');
    expect(await evaluateIml('var.scenario.id + 1', { vars })).toBe(8);
    expect(await evaluateIml('var.organization.timezone', { vars })).toBe('Europe/Amsterdam');
  });

  test('erase evaluates to the marker coercion clears by field type', async () => {
    expect(isErase(await evaluateIml('erase'))).toBe(true);
  });
});
