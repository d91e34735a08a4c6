import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ModuleRegistry } from '@integrator/engine';
import { allApps } from '@integrator/apps';
import {
  countModules,
  findBlueprints,
  isCoreModule,
  measureDir,
  measureText,
  summarize,
  type FileResult,
} from '../../scripts/compat/measure';

// The counting behind `npm run compat` on a small folder whose figures are worked out by hand.
// The sample's unknown keys and IML function are made up, so the figures hold when apps are added.

const root = join(__dirname, '..', '..');
const sample = join(root, 'test', 'fixtures', 'compat-sample');
const registry = new ModuleRegistry(allApps);

test('finds every *.json file recursively and nothing else', () => {
  const files = findBlueprints(sample).map((p) => p.slice(sample.length + 1));
  expect(files).toEqual([
    'make-a.json',
    'nested/bad.json',
    'nested/make-b.json',
    'not-a-blueprint.json',
    'ours.json',
  ]);
});

test('per file: modules counted through routes and error handlers, unknown keys, untranslated IML, a BOM accepted', () => {
  const byFile = new Map(measureDir(sample, registry).map((r) => [r.file, r]));
  expect(byFile.get('make-a.json')).toMatchObject({
    ok: true,
    format: 'make',
    modules: 5,
    unknown: ['util:NoSuchTool', 'acme:DoThing'],
  });
  expect(byFile.get('make-a.json')?.untranslatable.map((u) => u.expression)).toEqual([
    'nosuchfn(1.x)',
    'nosuchfn(1.y)',
    '1.z; 2',
  ]);
  expect(byFile.get('nested/make-b.json')).toMatchObject({
    ok: true,
    format: 'make',
    modules: 3,
    unknown: ['acme:DoThing'],
    untranslatable: [],
  });
  expect(byFile.get('nested/bad.json')).toMatchObject({
    ok: false,
    error: expect.stringMatching(/^bad JSON/),
  });
  expect(byFile.get('not-a-blueprint.json')).toMatchObject({
    ok: false,
    error: expect.stringMatching(/^flow/),
  });
  expect(byFile.get('ours.json')).toMatchObject({ ok: true, format: 'integrator', modules: 1, unknown: [] });
});

test('the figures of the sample folder', () => {
  const f = summarize(measureDir(sample, registry));
  expect(f).toMatchObject({
    files: 5,
    imported: 3,
    readAsOurs: 1,
    modules: 9,
    mappedModules: 6,
    mappedPct: 66.7,
    withUnsupportedCore: 1,
    withUntranslatedIml: 1,
    // Only make-b: make-a lacks a core module, ours.json was not converted, two files failed.
    clean: 1,
    cleanPct: 20,
  });
  expect(f.failed.map((x) => x.file)).toEqual(['nested/bad.json', 'not-a-blueprint.json']);
  expect(f.topUnknown).toEqual([
    { key: 'acme:DoThing', count: 2, files: 2, core: false },
    { key: 'util:NoSuchTool', count: 1, files: 1, core: true },
  ]);
  expect(f.untranslatedFunctions).toEqual([{ key: 'nosuchfn', count: 2, files: 1 }]);
  expect(f.otherUntranslatable).toEqual([{ key: 'unexpected "…" at position N', count: 1, files: 1 }]);
});

test('ranking: most frequent first, top N only, ties by key', () => {
  const file = (name: string, unknown: string[]): FileResult => ({
    file: name,
    ok: true,
    format: 'make',
    modules: unknown.length + 1,
    unknown,
    untranslatable: [],
  });
  const f = summarize([file('a', ['x:B', 'x:A', 'x:A']), file('b', ['x:B', 'x:C'])], 2);
  expect(f.topUnknown.map((u) => [u.key, u.count, u.files])).toEqual([
    ['x:A', 2, 1],
    ['x:B', 2, 2],
  ]);
  expect(f.mappedPct).toBe(28.6); // 2 of 7 modules known
});

test('an empty folder and an empty flow give zeros, not NaN', () => {
  expect(summarize([])).toMatchObject({ files: 0, modules: 0, mappedPct: 0, cleanPct: 0 });
  expect(countModules([])).toBe(0);
  expect(measureText('e.json', '{"flow": [], "metadata": {"zone": "eu1.make.com"}}', registry)).toMatchObject(
    {
      ok: true,
      modules: 0,
    },
  );
});

test('core apps are named by prefix', () => {
  expect(
    ['builtin:BasicIfElse', 'regexp:Parser', 'email:ActionSendEmail', 'datastore:X'].every(isCoreModule),
  ).toBe(true);
  expect(['slack:CreateMessage', 'utility:X', 'google-email:sendAnEmail'].some(isCoreModule)).toBe(false);
});

test('npm run compat -- DIR --json prints the figures as JSON; a missing folder is a usage error', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'compat.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
    });
  const ok = run(sample, '--json', '--top', '1');
  expect(ok.status).toBe(0);
  const figures = JSON.parse(ok.stdout);
  expect(figures).toMatchObject({ files: 5, imported: 3, clean: 1, modules: 9 });
  expect(figures.topUnknown).toEqual([{ key: 'acme:DoThing', count: 2, files: 2, core: false }]);

  const text = run(sample);
  expect(text.stdout).toMatch(/modules mapped\s+6 \(66\.7 %\)/);
  expect(text.stdout).toMatch(/1 \/ 1\s+util:NoSuchTool \*/);

  const missing = run(join(sample, 'nope'));
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/is not a folder/);
});
