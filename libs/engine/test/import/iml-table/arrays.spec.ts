import { evaluateIml, type Row } from './table';

// help.make.com "Array functions": each documented example, on module 1's arrays.
describe('IML array functions evaluate as Make documents', () => {
  test.each<Row>([
    ['add(1.numbers; 6; 7)', [1, 2, 3, 4, 5, 6, 7]],
    ['arrayDiff(1.first; 1.second)', [1, 2]],
    ['arrayDiff(1.letters; split(b,d; ,))', ['a', 'c']],
    ['arrayIntersect(1.first; 1.second)', [3, 4]],
    ['contains(1.tags; vip)', true],
    ['contains(1.tags; retail)', false],
    ['contains(1.numbers; 3)', true],
    ['deduplicate(1.tags)', ['vip', 'wholesale']],
    ['map(distinct(1.contacts; name); age)', [22, 33, 40]],
    ['distinct(1.tags)', ['vip', 'wholesale']],
    ['first(1.numbers)', 1],
    ['first(1.contacts)', { name: 'Bob', age: 22 }],
    ['flatten(1.nested)', ['item1', 'sub1', ['deep']]],
    ['flatten(1.nested; 2)', ['item1', 'sub1', 'deep']],
    ['join(1.tags; ", ")', 'vip, wholesale, vip'],
    ['keys(1.user)', ['name', 'email', 'password', 'address', 'Straße']],
    ['last(1.numbers)', 5],
    ['length(1.numbers)', 5],
    ['length(emptyarray)', 0],
    ['map(1.emails; email)', ['a@x.io', 'b@x.io', 'c@x.io']],
    ['map(1.emails; email; label; work,home)', ['a@x.io', 'b@x.io']],
    ['merge(1.first; 1.second)', [1, 2, 3, 4, 3, 4, 5, 6]],
    ['remove(1.numbers; 2; 4)', [1, 3, 5]],
    ['remove(1.tags; vip)', ['wholesale']],
    ['reverse(1.numbers)', [5, 4, 3, 2, 1]],
    ['slice(1.numbers; 1; 3)', [2, 3]],
    ['slice(1.numbers; 2)', [3, 4, 5]],
    ['map(sort(1.contacts; name); name)', ['Bob', 'Tim', 'Tim', 'bob']],
    ['map(sort(1.contacts; desc; name); name)', ['bob', 'Tim', 'Tim', 'Bob']],
    ['map(sort(1.contacts; asc ci; name); age)', [22, 40, 33, 50]],
    ['map(sort(1.contacts; desc ci; age); age)', [50, 40, 33, 22]],
    ['map(sort(1.emails; sender.name); email)', ['b@x.io', 'c@x.io', 'a@x.io']],
    ['sort(1.numbers; desc)', [5, 4, 3, 2, 1]],
    [
      'toArray(1.user)',
      [
        { key: 'name', value: 'Ada' },
        { key: 'email', value: 'ada@example.com' },
        { key: 'password', value: 'secret' },
        { key: 'address', value: { city: 'London' } },
        { key: 'Straße', value: 'Bakerstraße' },
      ],
    ],
    ['toCollection(slice(1.contacts; 0; 2); name; age)', { Bob: 22, Tim: 33 }],
  ])('%s = %j', async (iml, expected) => {
    expect(await evaluateIml(iml)).toEqual(expected);
  });

  test('shuffle keeps every item', async () => {
    const shuffled = (await evaluateIml('shuffle(1.numbers)')) as number[];
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
