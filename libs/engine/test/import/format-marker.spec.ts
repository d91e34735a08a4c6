import { allApps } from '@integrator/apps';
import { compileBlueprint, ModuleRegistry, parseJsonText, withFormatMarker } from '../../src';
import { BlueprintImportError, detectFormat, importBlueprint } from '../../src/import';

// One unambiguous format: the marker decides, never the content (issue 11 §1).
const registry = new ModuleRegistry(allApps);
const MARK = { integrator: { format: 1 } };

const webhook = { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: '' } };

describe('the format marker', () => {
  test('a file without it is a Make export even when nothing else says so', () => {
    // Nothing Make-like at all, but 1-based positions in [ ] are Make's: converted to ours.
    const plain = {
      flow: [webhook, { id: 2, module: 'util:SetVariable2', mapper: { name: 'a', value: '{{1.items[1]}}' } }],
    };
    expect(detectFormat(plain)).toEqual({
      format: 'make',
      reason: 'it has no metadata.integrator.format marker',
    });
    const { blueprint, report } = importBlueprint(plain, registry);
    expect(report.format).toBe('make');
    expect(blueprint.flow[1].mapper).toEqual({ name: 'a', value: '{{1.items[0]}}' });
    expect(blueprint.metadata).toEqual(MARK);
  });

  test('a file with it is never converted, whatever Make-like content it has', () => {
    const ours = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', parameters: { __IMTHOOK__: 5 } },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'a', value: '{{lower(1.a)}}', extra: 'x' } },
      ],
      metadata: { zone: 'eu1.make.com', ...MARK },
    };
    const { blueprint, report } = importBlueprint(ours, registry);
    expect(report.format).toBe('integrator');
    expect(blueprint).toEqual(ours);
    expect(report.notes).toEqual([]);
    // …and strict validation names what is not ours.
    expect(compileBlueprint(blueprint, registry).issues).toEqual(
      expect.arrayContaining([
        { path: 'flow[0].parameters.__IMTHOOK__', message: 'not a field of gateway:CustomWebHook' },
        { path: 'flow[1].mapper.extra', message: 'not a field of util:SetVariable2' },
      ]),
    );
  });

  test('a marker this installation cannot read is refused, naming the field', () => {
    for (const format of [2, 'one']) {
      const doc = { flow: [], metadata: { integrator: { format } } };
      expect(() => importBlueprint(doc, registry)).toThrow(BlueprintImportError);
      expect(() => importBlueprint(doc, registry)).toThrow(/^metadata\.integrator\.format: format/);
    }
  });

  test('withFormatMarker stamps a copy and keeps the rest of the metadata', () => {
    const bp = { flow: [], metadata: { scenario: { roundtrips: 2 } } };
    expect(withFormatMarker(bp)).toEqual({ flow: [], metadata: { scenario: { roundtrips: 2 }, ...MARK } });
    expect(bp.metadata).toEqual({ scenario: { roundtrips: 2 } });
  });

  test('JSON text with a UTF-8 byte-order mark is read', () => {
    const text = `\uFEFF${JSON.stringify({ flow: [webhook] })}`;
    expect(parseJsonText(text)).toEqual({ flow: [webhook] });
    expect(importBlueprint(text, registry).blueprint.flow[0].module).toBe('gateway:CustomWebHook');
  });
});

describe('strict validation of our format', () => {
  const http = (id: number, mapper: Record<string, unknown>) => ({
    id,
    module: 'http:MakeRequest',
    version: 4,
    mapper: { url: 'https://example.test', method: 'post', ...mapper },
  });

  test('an undeclared mapper or parameters key is an error naming its path, in routes and handlers too', () => {
    const bp = withFormatMarker({
      flow: [
        webhook,
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'a', value: '1' } },
        { id: 3, module: 'util:SetVariable2', mapper: { name: 'b', value: '2' } },
        http(4, { jsonStringBodyContent: '{"a":1}' }),
        {
          id: 5,
          module: 'builtin:BasicRouter',
          parameters: { colour: 'red' },
          routes: [
            {
              flow: [
                {
                  ...http(6, {}),
                  parameters: { secret: 'x' },
                  onerror: [{ id: 7, module: 'builtin:Resume', mapper: { anything: 1 } }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(compileBlueprint(bp, registry).issues).toEqual([
      { path: 'flow[3].mapper.jsonStringBodyContent', message: 'not a field of http:MakeRequest' },
      { path: 'flow[4].parameters.colour', message: 'not a field of builtin:BasicRouter' },
      { path: 'flow[4].routes[0].flow[0].parameters.secret', message: 'not a field of http:MakeRequest' },
    ]);
  });

  test('declared keys, the connection and aggregator options pass', () => {
    const bp = withFormatMarker({
      flow: [
        webhook,
        { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } },
        {
          id: 3,
          module: 'builtin:BasicAggregator',
          parameters: { feeder: 2 },
          mapper: { value: '{{2.value}}', groupBy: '{{2.kind}}' },
        },
        http(4, {}),
      ],
    });
    expect(compileBlueprint(bp, registry).issues).toEqual([]);
  });
});

describe('a Make import drops nothing silently', () => {
  const makeFile = {
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', parameters: { __IMTHOOK__: 9 } },
      {
        id: 2,
        module: 'util:SetVariable2',
        mapper: { name: 'a', value: '{{frobnicate(1.a)}}', scope: 'roundtrip', colour: 'blue' },
      },
    ],
    metadata: { zone: 'eu1.make.com' },
  };

  test('a setting our module lacks is taken out, reported with its path and value, and put on the module', () => {
    const { blueprint, report } = importBlueprint(makeFile, registry);
    expect(report.dropped).toEqual([
      { id: 2, module: 'util:SetVariable2', path: 'flow[1].mapper.colour', value: 'blue' },
    ]);
    const note =
      'Module 2 (util:SetVariable2): mapper.colour is not a setting of util:SetVariable2; it was not carried over (its value was "blue").';
    expect(report.notes).toContain(note);
    expect(blueprint.flow[1].mapper).not.toHaveProperty('colour');
    expect(blueprint.flow[1].metadata).toEqual({
      integrator: {
        warnings: [
          'flow[1].mapper.value: the function frobnicate has no equivalent here (kept as {{frobnicate(1.a)}})',
          note,
        ],
      },
    });
    expect(blueprint.flow[0].metadata?.integrator).toEqual({
      warnings: [
        'Module 1 (gateway:CustomWebHook): its Make webhook does not carry over; choose or create a webhook here (parameters.hook).',
      ],
    });
    // The module warnings are metadata: strict validation accepts them.
    expect(compileBlueprint(blueprint, registry).issues.filter((i) => /not a field/.test(i.message))).toEqual(
      [],
    );
  });
});

test('strict validation reaches the modules of If-else branches too', () => {
  const bp = withFormatMarker({
    flow: [
      webhook,
      {
        id: 2,
        module: 'builtin:BasicIfElse',
        branches: [
          { flow: [{ id: 3, module: 'util:SetVariable2', mapper: { name: 'a', value: '1', x: 1 } }] },
        ],
      },
    ],
  });
  const issues = compileBlueprint(bp as never, registry).issues;
  expect(issues).toContainEqual({
    path: 'flow[1].branches[0].flow[0].mapper.x',
    message: 'not a field of util:SetVariable2',
  });
});
