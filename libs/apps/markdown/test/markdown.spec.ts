import { harness, hook, outputsOf } from '../../builtin/test/harness';
import { markdownApp } from '../src';

const h = harness([markdownApp]);
const compile = (mapper: Record<string, unknown>, data: string) =>
  h
    .run(
      [hook(), { id: 2, module: 'markdown:Compile', version: 2, mapper: { data: '{{1.md}}', ...mapper } }],
      {
        input: { md: data },
      },
    )
    .then((result) => outputsOf(result, 2));

describe('markdown:Compile', () => {
  it('turns Markdown into HTML', async () => {
    expect(await compile({}, '# Hi\n\nSome **bold** and a [link](https://x.io).')).toEqual([
      { data: '<h1>Hi</h1>\n<p>Some <strong>bold</strong> and a <a href="https://x.io">link</a>.</p>\n' },
    ]);
  });

  it('reads GitHub Flavored Markdown (tables, strike-through) only with gfm', async () => {
    const md = '~~old~~\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    const [gfm] = await compile({ gfm: true }, md);
    expect(gfm.data).toContain('<del>old</del>');
    expect(gfm.data).toContain('<table>');
    expect(gfm.data).toContain('<td>1</td>');
    const [plain] = await compile({ gfm: false }, md);
    expect(plain.data).not.toContain('<del>');
    expect(plain.data).not.toContain('<table>');
  });

  it('removes scripts, event handlers and javascript: links when sanitize is on, keeps them when off', async () => {
    const md =
      'Hi <script>alert(1)</script> <img src="https://x.io/a.png" onerror="steal()"> [x](javascript:alert(1))';
    const [raw] = await compile({ sanitize: false }, md);
    expect(raw.data).toContain('<script>alert(1)</script>');
    expect(raw.data).toContain('onerror');
    const [clean] = await compile({ sanitize: true }, md);
    expect(clean.data).not.toContain('<script>');
    expect(clean.data).not.toContain('onerror');
    expect(clean.data).not.toContain('javascript:');
    expect(clean.data).toContain('<img src="https://x.io/a.png">');
  });
});
