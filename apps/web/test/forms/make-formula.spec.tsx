import { act, renderHook } from '@testing-library/react';
import { translateFormulas, useMakeFormulas } from '../../src/forms/make-formula';

// A Make formula typed into a field is translated as the blueprint import translates it;
// one that cannot be is kept as typed and named in a warning, never dropped.

describe('Make formulas typed into a field', () => {
  it('translates Make functions and separators into the expression the engine runs', () => {
    expect(translateFormulas('{{formatDate(1.date; "YYYY-MM-DD")}}').text).toBe(
      '{{$formatDate(1.date, "YYYY-MM-DD")}}',
    );
    expect(translateFormulas('Hi {{ifempty(1.name; "x")}}!').text).toBe('Hi {{$ifempty(1.name, "x")}}!');
    expect(translateFormulas('{{upper(1.a)}} {{if(1.n = 2; "two"; "other")}}').text).toBe(
      '{{$uppercase(1.a)}} {{(1.n = 2 ? "two" : "other")}}',
    );
  });

  it('leaves our own expressions and plain text alone', () => {
    for (const text of [
      '{{1.a + 1}}',
      'Hi {{1.email}}',
      '{{$uppercase(1.name)}}',
      'no mapping',
      '{{1.items[0]}}',
    ])
      expect(translateFormulas(text)).toEqual({ text, problems: [] });
  });

  it('keeps what it cannot translate exactly as typed, with the reason', () => {
    const result = translateFormulas('{{frobnicate(1.a; 2)}} and {{upper(1.b)}}');
    expect(result.text).toBe('{{frobnicate(1.a; 2)}} and {{$uppercase(1.b)}}');
    expect(result.problems).toEqual([
      { expression: 'frobnicate(1.a; 2)', reason: 'the function frobnicate has no equivalent here' },
    ]);
    expect(translateFormulas('{{formatDate(1.date)}}').problems).toEqual([
      { expression: 'formatDate(1.date)', reason: 'formatDate takes 2 to 3 arguments, not 1' },
    ]);
  });

  it('the hook returns the translated text on leaving and a warning naming the field', () => {
    const { result } = renderHook(() => useMakeFormulas());
    let next: string | undefined;
    act(() => void (next = result.current.leave('{{ifempty(1.name; "x")}}', 'Variable value')));
    expect(next).toBe('{{$ifempty(1.name, "x")}}');
    expect(result.current.warning).toBeUndefined();

    act(() => void (next = result.current.leave('{{1.a + 1}}', 'Variable value')));
    expect(next).toBeUndefined();

    act(() => void (next = result.current.leave('{{frobnicate(1.a)}}', 'Variable value')));
    expect(next).toBeUndefined();
    expect(result.current.warning).toBe(
      'Variable value: {{frobnicate(1.a)}} cannot be translated: the function frobnicate has no equivalent here. ' +
        'It was kept as typed and will fail at run time until it is changed.',
    );
    // Fixed: the warning goes.
    act(() => void result.current.leave('{{upper(1.a)}}', 'Variable value'));
    expect(result.current.warning).toBeUndefined();
  });
});
