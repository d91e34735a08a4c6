import { pillAt } from '../../src/forms/pill-editor';
import { inkOn, joinPieces, pieces, pillLook } from '../../src/forms/pill-text';
import { fieldsOfValue, type MappingSource } from '../../src/forms/mapping-sources';

// The text behind the pills: cut and joined back exactly; each reference labelled with its
// module number and field name in the module's colour.

const sources: MappingSource[] = [
  {
    id: 1,
    label: 'Watch rows',
    color: '#ffd400',
    origin: 'run',
    fields: [
      { path: 'email', label: 'email', depth: 0 },
      { path: '__IMTINDEX__', label: 'Bundle order position', friendly: 'Bundle order position', depth: 0 },
    ],
  },
];

describe('pills of a mapped value', () => {
  it('makes a whole {{reference}} one pill and only the references of a formula pills', () => {
    const text = 'Hi {{1.email}}, {{$uppercase(1.`first name`) & 2.x}} {{"1.no"}} {{1.a';
    const list = pieces(text);
    expect(list).toEqual([
      { text: 'Hi ' },
      { pill: '{{1.email}}', reference: '1.email' },
      { text: ', {{$uppercase(' },
      { pill: '1.`first name`', reference: '1.`first name`' },
      { text: ') & ' },
      { pill: '2.x', reference: '2.x' },
      { text: '}} {{"1.no"}} {{1.a' },
    ]);
    expect(joinPieces(list)).toBe(text);
  });

  it('labels a pill "1. email" in the app colour, internal keys by their friendly name', () => {
    expect(pillLook('1.email', sources)).toMatchObject({
      label: '1. email',
      color: '#ffd400',
      ink: '#000000',
    });
    expect(pillLook('1.__IMTINDEX__', sources).label).toBe('1. Bundle order position');
    expect(pillLook('3.name', sources)).toMatchObject({ label: '3. name', ink: '#ffffff' });
    expect(inkOn('#1f2433')).toBe('#ffffff');
  });

  it('Backspace after a pill and Delete before it remove the whole pill', () => {
    const list = pieces('a{{1.email}}b');
    expect(pillAt(list, 12, 'before')).toEqual({ text: 'ab', start: 1 });
    expect(pillAt(list, 1, 'after')).toEqual({ text: 'ab', start: 1 });
    expect(pillAt(list, 2, 'before')).toBeUndefined();
  });
});

describe("Make's internal keys in the picker", () => {
  it('are listed under the names Make gives them, the reference still the key', () => {
    const fields = fieldsOfValue({
      __IMTINDEX__: 1,
      __IMTLENGTH__: 2,
      __IMTAGGLENGTH__: 3,
      __IMTFOO__: 0,
      x: 1,
    });
    expect(fields.map((f) => [f.label, f.path])).toEqual([
      ['Bundle order position', '__IMTINDEX__'],
      ['Total number of bundles', '__IMTLENGTH__'],
      ['Total number of bundles', '__IMTAGGLENGTH__'],
      ['Make internal value (foo)', '__IMTFOO__'],
      ['x', 'x'],
    ]);
  });
});
