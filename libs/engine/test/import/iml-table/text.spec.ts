import { evaluateIml, type Row } from './table';

// help.make.com "Text and binary functions": each documented example, and the hash functions
// with their optional encoding and HMAC key.
describe('IML text and binary functions evaluate as Make documents', () => {
  test.each<Row>([
    ['ascii(ěMščařžkýáeíé)', 'Make'],
    ['ascii(ěščřž; true)', 'escrz'],
    ['base64(Make)', 'TWFrZQ=='],
    ['toString(toBinary(TWFrZQ==; base64))', 'Make'],
    ['toString(toBinary(4d616b65; hex))', 'Make'],
    ['toString(toBinary(Make); hex)', '4d616b65'],
    ['length(toBinary(Make))', 4],
    ['base64(toBinary(Make))', 'TWFrZQ=='],
    ['capitalize(make)', 'Make'],
    ['contains(Hello World; Hello)', true],
    ['contains(Hello World; Bye)', false],
    ['decodeURL(Automate%20your%20workflow)', 'Automate your workflow'],
    ['encodeURL(Automate your workflow)', 'Automate%20your%20workflow'],
    ['escapeHTML(<b>Hello</b>)', '&lt;b&gt;Hello&lt;/b&gt;'],
    ['escapeMarkdown(1.markdown)', '\\*bold\\* \\_it\\_ \\[a\\]\\(b\\)'],
    ['indexOf(Make; k)', 2],
    ['indexOf(We love Make; x)', -1],
    ['indexOf(We love Make; e; 7)', 11],
    ['length(hello)', 5],
    ['lower(Hello)', 'hello'],
    ['upper(Hello)', 'HELLO'],
    ['md5(Make)', '529a05ca6c1263aab080ec4f20754411'],
    ['sha1(Make)', 'a94431ee22f05f141107f9355ed3127d0f0c4d5a'],
    ['sha256(Make)', 'ccdd25d4230fb997a7ee1166f8afabd157248eb812ea55ec7c3d1b7c8af7fa11'],
    [
      'sha512(Make; base64)',
      '6AAM0PuPrhjKqNqmdyabADQ4DT7FSeAROgci2LjcBbD3A38z8y+gn5BrLx18Q/JomlXXmq32vwndk/eUB0JNNA==',
    ],
    ['sha256(Make; hex; secret)', '2fc654fb70e16fdf4a626e2d27d224a6d90fe88cdf1331591537b1f8f718de69'],
    ['sha1(Make; base64; 736563726574; hex)', '5gMNWrYEo+0Bk3ZWo2iWSlZHGW4='],
    ['substring(sha512(Make; hex; c2VjcmV0; base64); 0; 20)', 'c760ac6800ce870ba526'],
    ['replace(Hello World; Hello; Hi)', 'Hi World'],
    [
      'replace(all these numbers 187 23 1 9565 will be replaced with x; /\\d+/g; x)',
      'all these numbers x x x x will be replaced with x',
    ],
    ['replace(Phone number is 777111222; /\\d+/g; +420$&)', 'Phone number is +420777111222'],
    ['replace(Phone number is 777111222; / is (\\d+)/; : +420$1)', 'Phone number: +420777111222'],
    ['replace(1.quoted; """"; emptystring)', 'abc'],
    ['replace(1.padded; Hello; )', '    '],
    ['replaceEmojiCharacters(1.emoji)', 'Hi  there !'],
    ['replaceEmojiCharacters(1.emoji; *)', 'Hi * there *!'],
    ['split(John, George, Paul; ,)', ['John', ' George', ' Paul']],
    ['startcase(hello WORLD)', 'Hello World'],
    ['startCase(hello WORLD)', 'Hello World'],
    ['stripHTML(<b>Hello</b>)', 'Hello'],
    ['substring(Hello; 0; 3)', 'Hel'],
    ['substring(Hello; 1; 3)', 'el'],
    ['toString(1.numbers)', '[1,2,3,4,5]'],
    ['toString(42)', '42'],
    ['trim(1.padded)', 'Hello'],
    ['trim(toString(1.$1))', 'group one'],
  ])('%s = %j', async (iml, expected) => {
    expect(await evaluateIml(iml)).toEqual(expected);
  });

  test('toBinary gives binary data (a buffer)', async () => {
    expect(await evaluateIml('toBinary(Make)')).toEqual(Buffer.from('Make'));
  });
});
