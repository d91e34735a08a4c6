import { compileExpression } from '../../src';
import { looksLikeIml, translateIml } from '../../src/import';

const ok = (source: string) => {
  const t = translateIml(source);
  if (!t.ok) throw new Error(`${source}: ${t.reason}`);
  return t.expression;
};
const reason = (source: string) => {
  const t = translateIml(source);
  if (t.ok) throw new Error(`${source} translated to ${t.expression}`);
  return t.reason;
};

describe('IML to our mapping language', () => {
  test.each([
    // references stay as they are, 1-based positions become 0-based
    ['1.email', '1.email'],
    ['1.`Customer Name`', '1.`Customer Name`'],
    ['`1`', '`1`'],
    ['3.data.name', '3.data.name'],
    ['5.items[1].title', '5.items[0].title'],
    ['5.items[].title', '5.items[0].title'],
    ['5.items[3]', '5.items[2]'],
    ['1.and.or', '1.`and`.`or`'],
    ['1.Straße', '1.`Straße`'],
    ['1.items[2.i].name', '$get(1.items, 2.i).name'],
    ['1.items[length(1.items)]', '$get(1.items, $mlength(1.items))'],
    ['first(1.items).name', '$mfirst(1.items).name'],
    ['map(1.items; "id")[2]', '$mmap(1.items, "id")[1]'],
    // calls: ";" between arguments, Make names to ours
    ['lower(1.name)', '$lowercase(1.name)'],
    ['upper(1.name)', '$uppercase(1.name)'],
    ['length(1.items)', '$mlength(1.items)'],
    ['ifempty(1.a; "x")', '$ifempty(1.a, "x")'],
    ['if(1.n > 2; "big"; "small")', '(1.n > 2 ? "big" : "small")'],
    ['if(1.ok; 1.a)', '($mbool(1.ok) ? 1.a)'],
    ['toString(1.n)', '$mtoString(1.n)'],
    ['parseNumber(1.s; ",")', '$parseNumber(1.s, ",")'],
    ['formatDate(1.d; "YYYY-MM-DD"; "Europe/Prague")', '$formatDate(1.d, "YYYY-MM-DD", "Europe/Prague")'],
    ['parseDate(1.s; "DD/MM/YYYY")', '$parseDate(1.s, "DD/MM/YYYY")'],
    ['addDays(now; -1)', '$addDays($now(), -1)'],
    ['first(1.items)', '$mfirst(1.items)'],
    ['last(1.items)', '$mlast(1.items)'],
    ['join(map(1.items; "sku"); ", ")', '$mjoin($mmap(1.items, "sku"), ", ")'],
    ['split(1.tags; ",")', '$msplit(1.tags, ",")'],
    ['trim(1.s)', '$mtrim(1.s)'],
    ['replace(1.s; "/a+/g"; "b")', '$mreplace(1.s, "/a+/g", "b")'],
    ['sum(1.items.qty)', '$msum(1.items.qty)'],
    ['sum(1; 2)', '$msum([1, 2])'],
    ['max(1.a; 1.b; 3)', '$mmax([1.a, 1.b, 3])'],
    ['round(1.n; 2)', '$mround(1.n, 2)'],
    ['floor(1.n) + ceil(1.n)', '$mfloor(1.n) + $mceil(1.n)'],
    ['get(1.customer; "address.city")', '$get(1.customer, "address.city")'],
    ['map(1.items; "id"; "type"; "a,b")', '$mmap(1.items, "id", "type", "a,b")'],
    ['switch(1.s; "a"; 1; 2)', '($__switch := 1.s; $__switch = "a" ? 1 : 2)'],
    ['add(1.list; "x")', '$append(1.list, ["x"])'],
    ['merge(1.a; 1.b; 1.c)', '$append($append(1.a, 1.b), 1.c)'],
    // operators: & and | are IML's and/or
    ['1.a = 1 & 1.b != 2', '1.a = 1 and 1.b != 2'],
    ['1.a | 1.b & 1.c', '$mbool(1.a) or $mbool(1.b) and $mbool(1.c)'],
    ['1.a = 1 and 1.b or 1.c mod 2', '1.a = 1 and $mbool(1.b) or $mbool(1.c % 2)'],
    ['(1.a + 1.b) * 2 % 3', '(1.a + 1.b) * 2 % 3'],
    ['-1.n', '-1.n'],
    // keywords
    ['emptystring', '""'],
    ['newline', '"\\n"'],
    ['space', '" "'],
    ['tab', '"\\t"'],
    ['emptyarray', '[]'],
    ['null', 'null'],
    ['true', 'true'],
    ['now', '$now()'],
    ['ignore', '$ignore()'],
    ['erase', '$erase()'],
    ['uuid', '$uuid()'],
    // Make's forms: $1 field names, doubled quotes, empty arguments, system variables
    ['trim(toString(2.$1))', '$mtrim($mtoString(2.`$1`))'],
    ['replace(33.text; """"; emptystring)', '$mreplace(33.text, "\\"", "")'],
    ['formatDate(now; """YYYY""")', '$formatDate($now(), "\\"YYYY\\"")'],
    ['replace(8.result; "```json"; )', '$mreplace(8.result, "```json", "")'],
    ['ifempty(; )', '$ifempty("", "")'],
    ['formatNumber(22.subtotal; 2; ; ",")', '$mformatNumber(22.subtotal, 2, "", ",")'],
    ['sort(1.list; )', '$msort(1.list)'],
    ['var.scenario.id', '$var.scenario.id'],
    ['var.organization.timezone', '$var.organization.timezone'],
    ['if(1.status = paid; A; B)', '(1.status = "paid" ? "A" : "B")'],
    ['if(1.n > 2 & 1.s != draft; A; B)', '(1.n > 2 and 1.s != "draft" ? "A" : "B")'],
    ['if(0; "a"; "b")', '($mbool(0) ? "a" : "b")'],
    ['replace(1.a; / is (\\d)/; +42$1)', '$mreplace(1.a, "/ is (\\\\d)/", "+42$1")'],
    ['executionId', '$execution.id'],
    // quoted text, and text typed straight into an argument
    ['"say \\"hi\\""', '"say \\"hi\\""'],
    ["'single'", '"single"'],
    ['formatDate(1.d; DD.MM.YYYY HH:mm)', '$formatDate(1.d, "DD.MM.YYYY HH:mm")'],
    ['sort(1.list; desc ci)', '$msort(1.list, "desc ci")'],
    ['split(1.s; ,)', '$msplit(1.s, ",")'],
  ])('%s  ->  %s', (from, to) => {
    expect(ok(from)).toBe(to);
    expect(() => compileExpression(to)).not.toThrow();
  });

  test.each([
    ['nosuch(1.email)', 'the function nosuch has no equivalent here'],
    [
      'var.nothing.id',
      "var.nothing is not one of Make's system variables (var.scenario, var.execution, var.team, var.organization)",
    ],
    ['1.items[0]', 'array position 0 does not exist in Make (positions start at 1)'],
    ['1.items[2.i', 'a "[" is missing its closing "]"'],
    ['whatever', 'unknown name whatever'],
    ['paid = 1.status', 'unknown name paid'],
    ['`name`', '`name` is not a module reference (expected `<module id>`)'],
    ['lower(1.a; 1.b)', 'lower takes 1 argument, not 2'],
    ['if(1.a)', 'if takes 2 to 3 arguments, not 1'],
    ['lower(1.a', 'a function call is missing its closing ")"'],
    ['$uppercase(1.a)', 'unexpected "$" at position 1'],
    ['1.a +', 'the expression ends too early'],
    ['1.a 1.b', 'unexpected "1" at position 5'],
    ['formatDate(1.d; YYYY 1.x)', 'unknown name YYYY'],
    ['constructor', 'unknown name constructor'],
    ['toString', 'unknown name toString'],
  ])('%s is left for the user: %s', (from, why) => {
    expect(reason(from)).toBe(why);
  });

  test('an empty expression is not translated', () => {
    expect(translateIml('   ')).toEqual({ ok: false, reason: 'the expression is empty' });
  });

  test.each([
    ['lower(1.a)', true],
    ['formatDate(now; "YYYY")', true],
    ['1.a & newline', true],
    ['1.email', false],
    ['1.items[1].title', false],
    ['$uppercase(1.name)', false],
    ['$map(1.items, function($v) { $v.sku })', false],
    ['1.space', false],
    ['var.scenario.name', true],
    ['1.var.scenario', false],
    ['unknownFn(1.a)', false],
    ['($x := 1.a; $x * 2)', false],
    ['$mreplace(1.a, "x", "y") & lower', false],
    ['replace(1.a; "$1"; "y")', true],
  ])('%s looks like IML: %s', (source, expected) => {
    expect(looksLikeIml(source)).toBe(expected);
  });
});
