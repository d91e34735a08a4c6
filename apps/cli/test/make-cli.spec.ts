import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/main';

// The CLI speaks Make (issue 11 §4): Make exports run and validate as they are, `import`
// converts a batch, `modules` lists the catalog, and data stores live in a folder.

const root = join(__dirname, '..', '..', '..');
const fixture = (name: string) => join(__dirname, 'fixtures', name);
const tmp = () => mkdtempSync(join(tmpdir(), 'cli-make-'));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function cli(...args: string[]) {
  const out = new Capture();
  const err = new Capture();
  const code = await main(args, out, err);
  return { code, out: out.text, err: err.text };
}

function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('a Make export as it is', () => {
  test('run converts it on the fly (a byte-order mark is fine) and prints the report on stderr', () => {
    // A real process: the file as a user has it, BOM and all.
    const input = writeJson(tmp(), 'in.json', { name: 'ada', tags: ['first', 'second'] });
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'integrator.js'), 'run', fixture('make-export-bom.json'), '--input', input],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.modules.find((m: { id: number }) => m.id === 2).ops[0].output).toEqual([
      { greeting: 'Hello ADA (first)' },
    ]);
    expect(r.stderr).toContain('make-export-bom.json is a Make export; converted on the fly:');
    expect(r.stderr).toContain(
      "note: Module 1 (gateway:CustomWebHook): parameters.hook was Make's webhook 874512; choose one here.",
    );
  });

  test('validate converts it too; an unconvertible expression is on stderr', async () => {
    const good = await cli('validate', fixture('make-export-bom.json'));
    expect(good).toMatchObject({ code: 0, out: 'The scenario is valid.\n' });
    const file = writeJson(tmp(), 'bad.json', {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'a', value: '{{frobnicate(1.a)}}' } },
      ],
    });
    const r = await cli('validate', file);
    expect(r.err).toContain(
      'untranslatable: flow[1].mapper.value: the function frobnicate has no equivalent here ({{frobnicate(1.a)}})',
    );
  });

  test('our own format is never converted, and is validated strictly', async () => {
    const file = writeJson(tmp(), 'ours.json', {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'a', value: 'x', colour: 'red' } },
      ],
      metadata: { integrator: { format: 1 } },
    });
    const r = await cli('validate', file);
    expect(r).toMatchObject({ code: 2, err: '' });
    expect(r.out.trim()).toBe('flow[1].mapper.colour: not a field of util:SetVariable2');
  });
});

describe('integrator import', () => {
  test('converts a batch, one JSON line per file; a bad file is a line of its own and the rest go on', async () => {
    const dir = tmp();
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"flow": [');
    const wrongShape = writeJson(dir, 'shape.json', { name: 'no flow' });
    const r = await cli(
      'import',
      notJson,
      fixture('make-export-bom.json'),
      join(dir, 'missing.json'),
      wrongShape,
      fixture('greet.json'),
      '--json',
    );
    expect(r.code).toBe(1);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.ok])).toEqual([
      [notJson, false],
      [fixture('make-export-bom.json'), true],
      [join(dir, 'missing.json'), false],
      [wrongShape, false],
      [fixture('greet.json'), true],
    ]);
    expect(lines[0].error).toMatch(/is not valid JSON/);
    expect(lines[2].error).toMatch(/cannot read the scenario file .*missing\.json: ENOENT/);
    expect(lines[3].error).toMatch(/flow: must be a list of modules/);
    const make = lines[1];
    expect(make.blueprint.metadata.integrator).toEqual({ format: 1 });
    expect(make.blueprint.flow[1].mapper.value).toBe('Hello {{$uppercase(1.name)}} ({{1.tags[0]}})');
    expect(make.report).toMatchObject({ format: 'make', unknownModules: [], untranslatable: [] });
    expect(make.report.notes).toContain(
      "Module 1 (gateway:CustomWebHook): parameters.hook was Make's webhook 874512; choose one here.",
    );
    // The hook to choose; Make's maxResults is a setting of ours too, so it carries over.
    expect(make.blueprint.flow[0].metadata.integrator.warnings).toHaveLength(1);
    expect(make.blueprint.flow[0].parameters).toEqual({ hook: '', maxResults: 1 });
    expect(lines[4].report.format).toBe('integrator');
  });

  test('reports unknown modules and untranslatable expressions; all good exits 0', async () => {
    const file = writeJson(tmp(), 'm.json', {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'hubspotcrm:createContact', mapper: { a: '{{frobnicate(1.a)}}' } },
      ],
    });
    const json = await cli('import', file, '--json');
    expect(json.code).toBe(0);
    const line = JSON.parse(json.out);
    expect(line.report.unknownModules).toEqual([
      { id: 2, module: 'hubspotcrm:createContact', path: 'flow[1]' },
    ]);
    expect(line.report.untranslatable).toEqual([
      {
        path: 'flow[1].mapper.a',
        expression: 'frobnicate(1.a)',
        reason: 'the function frobnicate has no equivalent here',
      },
    ]);
    const text = await cli('import', file);
    expect(text.out).toContain(
      `${file}: ok, converted from Make; 1 unknown module(s), 1 untranslatable expression(s), 1 validation issue(s)`,
    );
    expect(text.out).toContain(
      '  unknown module: flow[1] (module 2) hubspotcrm:createContact is kept as a placeholder',
    );
    expect(text.out).toContain('  invalid: flow[1].module: unknown module "hubspotcrm:createContact"');
  });

  test('without files it explains', async () => {
    expect(await cli('import')).toMatchObject({ code: 2, err: expect.stringMatching(/^no file to import/) });
  });
});

describe('integrator modules', () => {
  test('lists our keys and the Make keys that import onto them, with label, app and kind', async () => {
    const r = await cli('modules', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Array<Record<string, string>>;
    expect(rows).toContainEqual({
      key: 'http:MakeRequest',
      label: 'Make a request',
      app: 'http',
      kind: 'action',
    });
    expect(rows).toContainEqual({
      key: 'http:ActionSendData',
      label: 'Make a request',
      app: 'http',
      kind: 'action',
      importsAs: 'http:MakeRequest',
    });
    expect(rows).toContainEqual(
      expect.objectContaining({ key: 'datastore:AddRecord', importsAs: 'datastore:addRecord' }),
    );
    // Issue 12: the most used apps' keys as Make's exports carry them.
    const keys = new Set(rows.map((row) => row.key));
    for (const key of [
      'google-sheets:addRow',
      'google-sheets:updateRow',
      'google-sheets:filterRows',
      'google-sheets:watchRows',
      'google-email:sendAnEmail',
      'google-email:ActionSendEmail',
      'google-drive:uploadAFile',
      'slack:CreateMessage',
      'telegram:SendReplyMessage',
      'discord:createMessage',
      'airtable:ActionCreateRecord',
      'airtable:ActionUpdateRecords',
      'airtable:ActionSearchRecords',
      'openai-gpt-3:CreateCompletion',
      'notion:createDatabaseItem',
    ])
      expect([key, keys.has(key)]).toEqual([key, true]);
    const text = await cli('modules');
    expect(text.out).toMatch(/^gateway:CustomWebHook +trigger +gateway: Custom webhook$/m);
    expect(text.out).toMatch(
      /^http:ActionSendData +action +http: Make a request \(Make's key, imports as http:MakeRequest\)$/m,
    );
    expect(text.out.trim().split('\n')).toHaveLength(rows.length);
  });
});

describe('integrator run --data-dir', () => {
  const stores = [
    {
      id: 7,
      name: 'People',
      fields: [{ name: 'name', type: 'text' }],
      records: { old: { name: 'Old' } },
    },
  ];

  test('committed writes are saved to DIR/datastores.json; a rolled-back cycle leaves it unchanged', async () => {
    const dir = tmp();
    const file = writeJson(dir, 'datastores.json', stores);
    const before = readFileSync(file, 'utf8');
    const bad = writeJson(dir, 'bad.json', {
      people: [
        { id: 'a', name: 'Ada', extra: '{}' },
        { id: 'b', name: 'Bob', extra: '{oops' },
      ],
    });
    const failed = await cli('run', fixture('datastore-flow.json'), '--input', bad, '--data-dir', dir);
    expect(failed.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(before);

    const good = writeJson(dir, 'good.json', {
      people: [
        { id: 'a', name: 'Ada', extra: '{}' },
        { id: 'g', name: 'Grace', extra: '[]' },
      ],
    });
    const ok = await cli('run', fixture('datastore-flow.json'), '--input', good, '--data-dir', dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      { ...stores[0], records: { old: { name: 'Old' }, a: { name: 'Ada' }, g: { name: 'Grace' } } },
    ]);
  });

  test('without the file there are no stores, and a broken file is explained', async () => {
    const dir = tmp();
    const input = writeJson(dir, 'in.json', { people: [{ id: 'a', name: 'Ada', extra: '{}' }] });
    const none = await cli('run', fixture('datastore-flow.json'), '--input', input, '--data-dir', dir);
    expect(none.code).toBe(2);
    expect(JSON.parse(none.out).error.message).toMatch(/data store "People" does not exist/);
    writeFileSync(join(dir, 'datastores.json'), '{"id": 1}');
    const broken = await cli('run', fixture('datastore-flow.json'), '--input', input, '--data-dir', dir);
    expect(broken).toMatchObject({ code: 2, err: expect.stringMatching(/must hold a list of data stores/) });
  });
});
