import { compileBlueprint, runScenario, type ModuleNode } from '../../src';
import { importBlueprint } from '../../src/import';
import { read, registry } from './helpers';

// A Make export with an If-else and a Merge: the structure carries over, IML in the branch
// conditions and in the Merge's mappings is translated like any filter or mapper, and it runs.

describe('importing a Make If-else with its Merge', () => {
  const original = read('make-if-else.blueprint.json');
  const { blueprint, report } = importBlueprint(original, registry);
  const ifElse = blueprint.flow[1];
  const merge = blueprint.flow[2];

  test('keeps branches (type, label, merge, flows) and the outputs', () => {
    expect(report.format).toBe('make');
    expect(report.unknownModules).toEqual([]);
    expect(
      ifElse.branches?.map((b) => ({
        type: b.type,
        label: b.label,
        merge: b.merge,
        ids: b.flow.map((n: ModuleNode) => n.id),
      })),
    ).toEqual([
      { type: 'condition', label: 'High priority', merge: true, ids: [3] },
      { type: 'condition', label: 'Spam', merge: false, ids: [7] },
      { type: 'else', label: 'Else', merge: true, ids: [4] },
    ]);
    expect(merge.outputs?.map((o) => o.name)).toEqual(['message', 'priority']);
  });

  test('translates IML in branch conditions, branch modules and Merge mappings', () => {
    expect(ifElse.branches?.[0].conditions).toEqual([
      [{ a: '{{$lowercase(1.priority)}}', o: 'text:equal', b: 'high' }],
    ]);
    expect(ifElse.branches?.[1].conditions?.[0][0].b).toBe('{{$lowercase("WIN")}}');
    expect(ifElse.branches?.[0].flow[0].mapper?.value).toBe('{{$uppercase(1.title)}}!');
    expect(merge.outputs?.[0].mappings).toEqual([
      '{{3.value}}',
      expect.stringMatching(/^\{\{.*4\.value.*"\(no title\)".*\}\}$/),
    ]);
    expect(merge.outputs?.[0].mappings[1]).not.toContain(';');
    expect(report.untranslatable).toEqual([]);
  });

  test('validates and runs: each bundle takes one branch and the Merge passes its value on', async () => {
    const compiled = compileBlueprint(blueprint, registry);
    expect(compiled.issues).toEqual([]);
    const result = await runScenario(compiled, {
      input: [
        { title: 'Server down', priority: 'HIGH' },
        { title: 'You WIN a prize', priority: 'low' },
        { title: '', priority: 'low' },
      ],
    });
    expect(result.status).toBe('success');
    const out = result.modules.find((m) => m.id === 6)?.ops.flatMap((op) => op.output ?? []);
    expect(out).toEqual([{ out: 'SERVER DOWN! (HIGH)' }, { out: '(no title) (low)' }]);
    const spam = result.modules.find((m) => m.id === 7)?.ops.flatMap((op) => op.output ?? []);
    expect(spam).toEqual([{ spam: 'You WIN a prize' }]);
    // trigger 1 + If-else 3 + branch modules 3 + Merge 2 + module 6 twice
    expect(result.operations).toBe(11);
  });
});
