import { compileExpression, type Scope } from '../../../src';
import { translateIml } from '../../../src/import';

// The IML function table: each row is an expression as Make's help pages write it, translated
// by the import and evaluated by our mapping, with the value Make documents for it.

/** Module 1's output bundle, which the rows read as 1.<field>. */
export const BUNDLE = {
  user: {
    name: 'Ada',
    email: 'ada@example.com',
    password: 'secret',
    address: { city: 'London' },
    Straße: 'Bakerstraße',
  },
  contacts: [
    { name: 'Bob', age: 22 },
    { name: 'Tim', age: 33 },
    { name: 'bob', age: 40 },
    { name: 'Tim', age: 50 },
  ],
  emails: [
    { email: 'a@x.io', label: 'work', sender: { name: 'Zoe' } },
    { email: 'b@x.io', label: 'home', sender: { name: 'Al' } },
    { email: 'c@x.io', label: 'other', sender: { name: 'Max' } },
  ],
  numbers: [1, 2, 3, 4, 5],
  texts: ['3', '4.5'],
  first: [1, 2, 3, 4],
  second: [3, 4, 5, 6],
  letters: ['a', 'b', 'c'],
  tags: ['vip', 'wholesale', 'vip'],
  nested: ['item1', ['sub1', ['deep']]],
  dateCreated: '2018-10-01T07:32:00.000Z',
  padded: '  Hello  ',
  markdown: '*bold* _it_ [a](b)',
  quoted: 'a"b"c',
  emoji: 'Hi 👋 there 🇨🇿!',
  $1: '  group one ',
  falseText: 'false',
  zero: 0,
};

export type Row = [iml: string, expected: unknown];

export async function evaluateIml(iml: string, extra: Partial<Scope> = {}): Promise<unknown> {
  const t = translateIml(iml);
  if (!t.ok) throw new Error(`${iml} was not translated: ${t.reason}`);
  const outputs: unknown[] = [];
  outputs[1] = BUNDLE;
  return compileExpression(t.expression).evaluate({
    outputs,
    execution: { id: 'exec-1', cycle: 1, startedAt: 0 },
    ...extra,
  });
}
