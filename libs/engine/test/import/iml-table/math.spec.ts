import { evaluateIml, type Row } from './table';

// help.make.com "Math functions": each documented example.
describe('IML math functions evaluate as Make documents', () => {
  test.each<Row>([
    ['abs(-5)', 5],
    ['abs(5)', 5],
    ['abs(0)', 0],
    ['abs(-3.7)', 3.7],
    ['average(1; 2; 3; 6)', 3],
    ['average(1.numbers)', 3],
    ['average(1.texts)', 3.75],
    ['ceil(1.2)', 2],
    ['ceil(4)', 4],
    ['floor(1.2)', 1],
    ['floor(1.9)', 1],
    ['floor(4)', 4],
    ['formatNumber(123456789; 3; ,; .)', '123.456.789,000'],
    ['formatNumber(1234.5; 2)', '1.234,50'],
    ['formatNumber(1234.5; 2; "."; ",")', '1,234.50'],
    ['formatNumber(1234.5; 1; ; " ")', '1 234,5'],
    ['max(1.numbers)', 5],
    ['max(1; 7; 3)', 7],
    ['min(1.numbers)', 1],
    ['min(4; 2.5; 3)', 2.5],
    ['median(3; 5; 7)', 5],
    ['median(2; 3; 5; 8)', 4],
    ['median(2.5; 3.5; 2; 4.5; 1)', 2.5],
    ['parseNumber(1 756,456; ,)', 1756.456],
    ['parseNumber(1,756.456)', 1756.456],
    ['round(1.2)', 1],
    ['round(1.5)', 2],
    ['round(1.7)', 2],
    ['round(2)', 2],
    ['round(1.005; 2)', 1.01],
    ['stdevP(1; 2; 3; 4; 5)', 1.4142135623730951],
    ['stdevS(1; 2; 3; 4; 5)', 1.5811388300841898],
    ['sum(1; 2; 3)', 6],
    ['sum(1.numbers)', 15],
    ['sum(1.texts)', 7.5],
    ['sum(emptyarray)', 0],
    ['sum(map(1.contacts; age))', 145],
    ['trunc(3.789)', 3],
    ['trunc(-3.789)', -3],
    ['trunc(3.789; 2)', 3.78],
    ['pi', Math.PI],
    ['7 mod 2', 1],
  ])('%s = %j', async (iml, expected) => {
    expect(await evaluateIml(iml)).toEqual(expected);
  });

  test('random is a number from 0 up to 1', async () => {
    const r = await evaluateIml('random');
    expect(typeof r).toBe('number');
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
  });
});
