import { errorOf, harness, hook, outputsOf } from '../../builtin/test/harness';
import { regexpApp } from '../src';

const h = harness([regexpApp]);
const flags = {
  global: false,
  sensitive: true,
  multiline: false,
  singleline: false,
  continueWhenNoRes: false,
};
const parse = (parameters: Record<string, unknown>, text: string) =>
  h.run(
    [
      hook(),
      {
        id: 2,
        module: 'regexp:Parser',
        parameters: { ...flags, ...parameters },
        mapper: { text: '{{1.text}}' },
      },
    ],
    {
      input: { text },
    },
  );

describe('regexp:Parser (Match pattern)', () => {
  const orders = 'Order #12 by ann@x.io; order #7 by BOB@y.io';

  it('gives the first match with its groups as $1, $2 and named groups', async () => {
    const result = await parse({ pattern: 'order #(\\d+) by (?<who>\\w+)' }, orders);
    expect(outputsOf(result, 2)).toEqual([
      { i: 1, __IMTMATCH__: 'order #7 by BOB', $1: '7', $2: 'BOB', who: 'BOB' },
    ]);
  });

  it('gives one bundle per match when global, case-insensitive when not sensitive', async () => {
    const result = await parse({ pattern: 'order #(\\d+)', global: true, sensitive: false }, orders);
    expect(outputsOf(result, 2)).toEqual([
      { i: 1, __IMTMATCH__: 'Order #12', $1: '12' },
      { i: 2, __IMTMATCH__: 'order #7', $1: '7' },
    ]);
  });

  it('reads multiline and singleline as ^/$ per line and a dot across lines', async () => {
    const text = 'a: 1\nb: 2';
    expect(outputsOf(await parse({ pattern: '^b: (\\d)$', multiline: true }, text), 2)).toEqual([
      { i: 1, __IMTMATCH__: 'b: 2', $1: '2' },
    ]);
    expect(outputsOf(await parse({ pattern: '1.b' }, text), 2)).toEqual([]);
    expect(outputsOf(await parse({ pattern: '1.b', singleline: true }, text), 2)).toEqual([
      { i: 1, __IMTMATCH__: '1\nb' },
    ]);
  });

  it('stops the route without a match, or outputs an empty bundle when asked to continue', async () => {
    const flow = (continueWhenNoRes: boolean) => [
      hook(),
      {
        id: 2,
        module: 'regexp:Parser',
        parameters: { ...flags, pattern: 'x(\\d)', continueWhenNoRes },
        mapper: { text: 'none' },
      },
      { id: 3, module: 'util:ComposeTransformer', mapper: { value: 'after [{{2.`$1`}}]' } },
    ];
    const stopped = await h.run(flow(false), { input: {} });
    expect(stopped.status).toBe('success');
    expect(outputsOf(stopped, 3)).toEqual([]);
    expect(outputsOf(await h.run(flow(true), { input: {} }), 3)).toEqual([{ value: 'after []' }]);
  });

  it('fails on an invalid pattern, naming it', async () => {
    const result = await parse({ pattern: '(' }, 'x');
    expect(result.status).toBe('error');
    expect(errorOf(result, 2)?.message).toMatch(/^parameters\.pattern: is not a valid regular expression/);
  });
});

describe('regexp:AdvancedParser', () => {
  it('matches a mapped pattern', async () => {
    const result = await h.run(
      [
        hook(),
        {
          id: 2,
          module: 'regexp:AdvancedParser',
          parameters: { global: true },
          mapper: { pattern: '{{1.prefix}}-(\\d+)', text: '{{1.text}}' },
        },
      ],
      { input: { prefix: 'INV', text: 'INV-1, PO-2, INV-30' } },
    );
    expect(outputsOf(result, 2)).toEqual([
      { i: 1, __IMTMATCH__: 'INV-1', $1: '1' },
      { i: 2, __IMTMATCH__: 'INV-30', $1: '30' },
    ]);
  });
});

describe('regexp:Replace', () => {
  const replace = (mapper: Record<string, unknown>) =>
    h.run([hook(), { id: 2, module: 'regexp:Replace', mapper: { text: '{{1.text}}', ...mapper } }], {
      input: { text: 'Ann Lee, Bob Ray' },
    });

  it('replaces the first match, or every match when global, with $1 groups', async () => {
    const first = await replace({ pattern: '(\\w+) (\\w+)', value: '$2 $1' });
    expect(outputsOf(first, 2)).toEqual([{ text: 'Lee Ann, Bob Ray' }]);
    const all = await replace({ pattern: '(\\w+) (\\w+)', value: '$2 $1', global: true });
    expect(outputsOf(all, 2)).toEqual([{ text: 'Lee Ann, Ray Bob' }]);
  });

  it('ignores case when not sensitive, and an empty value removes the match', async () => {
    const result = await replace({ pattern: 'bob ', value: '', sensitive: false });
    expect(outputsOf(result, 2)).toEqual([{ text: 'Ann Lee, Ray' }]);
  });
});

describe('regexp:HTMLToText', () => {
  const html =
    '<h1>Order</h1><p>Thanks <b>Ann</b>, see <a href="https://x.io/o/1">your order</a>.</p><ul><li>one</li><li>two</li></ul>';
  const convert = (mapper: Record<string, unknown>) =>
    h.run([hook(), { id: 2, module: 'regexp:HTMLToText', mapper: { html: '{{1.html}}', ...mapper } }], {
      input: { html },
    });

  it('turns HTML into text with upper-case headings and LF line breaks by default', async () => {
    expect(outputsOf(await convert({}), 2)).toEqual([
      { text: 'ORDER\n\nThanks Ann, see your order [https://x.io/o/1].\n\n * one\n * two' },
    ]);
  });

  it('keeps headings as written and uses CRLF when asked', async () => {
    expect(outputsOf(await convert({ newline: 'crlf', uppercaseHeadings: false }), 2)).toEqual([
      { text: 'Order\r\n\r\nThanks Ann, see your order [https://x.io/o/1].\r\n\r\n * one\r\n * two' },
    ]);
  });

  it('rejects a line break outside its options', () => {
    expect(
      h.issues([{ id: 1, module: 'regexp:HTMLToText', mapper: { html: '<p/>', newline: 'nl' } }]),
    ).toEqual(['flow[0].mapper.newline: must be one of lf, crlf, cr (got "nl")']);
  });
});

describe('regexp:GetElementsFromText', () => {
  const text =
    'Write to ann@x.io or Bob.Ray@mail.example.com. See https://x.io/a?b=1, www.y.org. Call +31 20 123 4567 ' +
    'or (020) 555-0199. Hosts 10.0.0.1 and 2001:db8::1, not 999.1.1.1. <a href="/docs">The <i>docs</i></a>';
  const elements = async (pattern: string) =>
    outputsOf(
      await h.run(
        [hook(), { id: 2, module: 'regexp:GetElementsFromText', mapper: { pattern, text: '{{1.text}}' } }],
        {
          input: { text },
        },
      ),
      2,
    );

  it('finds e-mail addresses, one bundle each', async () => {
    expect(await elements('email')).toEqual([
      { i: 1, match: 'ann@x.io' },
      { i: 2, match: 'Bob.Ray@mail.example.com' },
    ]);
  });

  it('finds URLs without the closing punctuation', async () => {
    expect(await elements('url')).toEqual([
      { i: 1, match: 'https://x.io/a?b=1' },
      { i: 2, match: 'www.y.org' },
    ]);
  });

  it('finds phone numbers', async () => {
    expect(await elements('phone')).toEqual([
      { i: 1, match: '+31 20 123 4567' },
      { i: 2, match: '(020) 555-0199' },
    ]);
  });

  it('finds IP addresses, v4 and v6, and skips what is not one', async () => {
    expect(await elements('ip')).toEqual([
      { i: 1, match: '10.0.0.1' },
      { i: 2, match: '2001:db8::1' },
    ]);
  });

  it('finds HTML links with their text', async () => {
    expect(await elements('html')).toEqual([{ i: 1, match: '/docs', text: 'The docs' }]);
  });
});
