import { evaluateIml, type Row } from './table';

// help.make.com "General functions", and if() with Make's truth rule (make-semantics §5).
describe('IML general functions evaluate as Make documents', () => {
  test.each<Row>([
    ['get(1.numbers; 1+1)', 2],
    ['get(1.user; name)', 'Ada'],
    ['get(1.user; address.city)', 'London'],
    ['if(1 = 1; A; B)', 'A'],
    ['if(1 = 2; A; B)', 'B'],
    ['if(1 = 2 and 1 = 2; A; B)', 'B'],
    ['if(1 = 1 & 2 = 2; A; B)', 'A'],
    ['if(1 = 2 or 2 = 2; A; B)', 'A'],
    // Make's truth: any number is true (even 0); text is false only when empty or "false"
    ['if(0; A; B)', 'A'],
    ['if(1.zero; A; B)', 'A'],
    ['if("false"; A; B)', 'B'],
    ['if(1.falseText; A; B)', 'B'],
    ['if(emptystring; A; B)', 'B'],
    ['if(1.missing; A; B)', 'B'],
    ['if(1.user; A; B)', 'A'],
    ['if(1.zero & 1.falseText; A; B)', 'B'],
    ['if(1.user.name = Ada; yes; no)', 'yes'],
    ['if(1.user.name != Ada; yes; no)', 'no'],
    ['if(1.zero | 1.falseText; A; B)', 'A'],
    ['ifempty(A; B)', 'A'],
    ['ifempty(1.missing; B)', 'B'],
    ['ifempty(""; B)', 'B'],
    ['ifempty(emptyarray; B)', 'B'],
    ['ifempty(; )', ''],
    ['switch(B; A; 1; B; 2; C; 3)', 2],
    ['switch(C; A; 1; B; 2; C; 3)', 3],
    ['switch(X; A; 1; B; 2; C; 3; 4)', 4],
    ['equal(1.numbers; 1.numbers)', true],
    ['equal(1.first; 1.second)', false],
    ['equal(A; A)', true],
    ['equal(1; 2)', false],
    [
      'omit(1.user; password)',
      { name: 'Ada', email: 'ada@example.com', address: { city: 'London' }, Straße: 'Bakerstraße' },
    ],
    ['omit(1.user; password; address; Straße)', { name: 'Ada', email: 'ada@example.com' }],
    ['pick(1.user; password; email)', { password: 'secret', email: 'ada@example.com' }],
  ])('%s = %j', async (iml, expected) => {
    expect(await evaluateIml(iml)).toEqual(expected);
  });
});
