import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI as a user runs it: a real process, its stdout and its exit code.
const root = join(__dirname, '..', '..', '..');
const fixture = (name: string) => join(__dirname, 'fixtures', name);
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'integrator.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('npx integrator', () => {
  test('run prints the result as JSON and exits 0 on success', () => {
    const r = cli('run', fixture('greet.json'), '--input', fixture('people.json'));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({ status: 'success', operations: 5 });
    expect(result.modules.find((m: { id: number }) => m.id === 4).ops[0].output).toEqual([
      { text: 'Hello Ada\nHello Grace' },
    ]);
  });

  test('--pretty prints a table per module', () => {
    const r = cli('run', fixture('greet.json'), '--input', fixture('people.json'), '--pretty');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Status: success {3}operations: 5/);
    expect(r.out).toMatch(/3\s+util:SetVariable2\s+Set variable\s+2\s+2/);
  });

  test('a failing run exits 2; a warning exits 1', () => {
    const input = join(mkdtempSync(join(tmpdir(), 'cli-')), 'in.json');
    writeFileSync(input, JSON.stringify({ text: '{not json' }));
    const r = cli('run', fixture('failing.json'), '--input', input);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toMatchObject({ moduleId: 2, field: 'json' });

    const warn = join(mkdtempSync(join(tmpdir(), 'cli-')), 'warn.json');
    writeFileSync(
      warn,
      JSON.stringify({
        flow: [
          { id: 1, module: 'gateway:CustomWebHook' },
          {
            id: 2,
            module: 'json:ParseJSON',
            mapper: { json: '{{1.text}}' },
            onerror: [{ id: 3, module: 'builtin:Break' }],
          },
        ],
      }),
    );
    expect(cli('run', warn, '--input', input).code).toBe(1);
  });

  test('validate prints the report and exits 2 for an invalid scenario', () => {
    const bad = cli('validate', fixture('invalid.json'));
    expect(bad.code).toBe(2);
    expect(bad.out.trim()).toBe('flow[1].mapper.value: unknown module id 9 in {{9.x}}');
    const good = cli('validate', fixture('greet.json'));
    expect(good.code).toBe(0);
    expect(good.out.trim()).toBe('The scenario is valid.');
    expect(cli('run', fixture('invalid.json')).code).toBe(2);
  });

  test('usage errors are explained', () => {
    const r = cli('run');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the scenario file is missing/);
    expect(cli('run', '/nope/x.json').err).toMatch(/cannot read the scenario file \/nope\/x.json: ENOENT/);
    expect(cli('frobnicate').err).toMatch(/unknown command "frobnicate"/);
  });
});
