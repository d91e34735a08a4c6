import { builtinApps } from '@integrator/apps/builtin';
import { compileBlueprint, ModuleRegistry, type Blueprint, type ModuleNode } from '../../src';
import { importBlueprint } from '../../src/import';
import { read, registry } from './helpers';

/** The structure of a flow without its expressions: ids, keys, nesting, filters' operators, feeders. */
function shape(flow: ModuleNode[] | undefined): unknown[] {
  return (flow ?? []).map((n) => ({
    id: n.id,
    module: n.module,
    designer: n.metadata?.designer,
    restore: n.metadata?.restore,
    filter: n.filter && { name: n.filter.name, ops: n.filter.conditions.map((g) => g.map((c) => c.o)) },
    feeder: n.parameters?.feeder,
    stopIfEmpty: n.flags?.stopIfEmpty,
    routes: n.routes?.map((r) => ({ fallback: r.fallback, flow: shape(r.flow) })),
    onerror: n.onerror && shape(n.onerror),
  }));
}

const at = (bp: Blueprint, ...path: number[]): ModuleNode => {
  // path: top-level index, then pairs of (route index, module index)
  let node = bp.flow[path[0]];
  for (let i = 1; i < path.length; i += 2) node = node.routes![path[i]].flow[path[i + 1]];
  return node;
};

describe('importing a Make blueprint', () => {
  const original = read('make-orders.blueprint.json');
  const { blueprint, report, scheduling } = importBlueprint(original, registry);

  test('keeps the structure: ids, routes, filters, error handlers, feeders, flags, settings, positions', () => {
    expect(report.format).toBe('make');
    expect(shape(blueprint.flow)).toEqual(shape(original.flow));
    expect(blueprint.name).toBe(original.name);
    expect(blueprint.metadata).toEqual({ ...original.metadata, integrator: { format: 1 } });
    expect(at(blueprint, 2, 0, 3).onerror).toEqual([
      expect.objectContaining({
        id: 9,
        module: 'builtin:Break',
        mapper: { retry: true, count: '3', interval: '15' },
      }),
    ]);
    expect(at(blueprint, 2, 0, 1).onerror).toEqual([
      expect.objectContaining({ id: 6, module: 'builtin:Resume' }),
    ]);
    expect(at(blueprint, 2, 1, 1).parameters).toEqual({ feeder: 10, rowSeparator: '\n' });
    expect(scheduling).toBeUndefined();
  });

  test('does not change the document it was given', () => {
    expect(original).toEqual(read('make-orders.blueprint.json'));
  });

  test('translates IML in mappers, filter operands and group-by', () => {
    expect(at(blueprint, 1).mapper?.value).toBe(
      '{{$uppercase(1.shop)}}-{{1.id}}-{{$formatDate(1.created_at, "YYYYMMDD")}}',
    );
    expect(at(blueprint, 2, 0, 0).filter?.conditions).toEqual([
      [
        { a: '{{$lowercase(1.status)}}', o: 'text:equal', b: 'paid' },
        { a: '{{$mlength(1.items)}}', o: 'number:greater', b: '0' },
      ],
    ]);
    expect(at(blueprint, 2, 1, 0).filter?.conditions[1][0].b).toBe('{{$parseNumber("1.000,00", ",")}}');
    expect(at(blueprint, 2, 0, 2).flags).toEqual({
      groupBy: '{{$lowercase(4.category)}}',
      stopIfEmpty: false,
    });
    expect(at(blueprint, 2, 0, 1).mapper?.body).toBe(
      '{"qty": {{4.qty}}, "note": "{{$ifempty(4.note, "")}}", "warehouse": "{{(4.qty > 10 ? "bulk" : "shelf")}}"}',
    );
    expect(at(blueprint, 2, 0, 1).mapper?.headers).toEqual([{ name: 'X-Order', value: '{{2.orderRef}}' }]);
    expect(at(blueprint, 2, 0, 3).mapper?.values).toEqual({
      '0': '{{2.orderRef}}',
      '1': '{{7.key}}',
      '2': '{{$mjoin($mmap(7.array, "sku"), ", ")}}',
      '3': '{{$msum($mmap(7.array, "qty"))}}',
      '4': '{{$formatDate($now(), "YYYY-MM-DD HH:mm", "Europe/Amsterdam")}}',
      '5': '{{7.array[0].sku}}',
    });
    expect(at(blueprint, 2, 1, 1).mapper?.value).toBe(
      '{{10.`__IMTINDEX__`}}. {{$capitalize(10.title)}} x{{10.qty}} ({{$mformatNumber(10.price, 2, ",", ".")}} EUR)',
    );
    expect(at(blueprint, 2, 2, 0).mapper?.value).toBe(
      '{{(1.status = "pending" ? "waiting" : $ifempty(1.status, "unknown"))}}',
    );
  });

  test('reports every translation with its path, and nothing it could not translate', () => {
    expect(report.untranslatable).toEqual([]);
    expect(report.translatedExpressions).toContainEqual({
      path: 'flow[2].routes[0].flow[0].filter.conditions[0][1].a',
      from: 'length(1.items)',
      to: '$mlength(1.items)',
    });
    expect(report.translatedExpressions).toContainEqual({
      path: 'flow[2].routes[0].flow[2].flags.groupBy',
      from: 'lower(4.category)',
      to: '$lowercase(4.category)',
    });
    expect(report.translatedExpressions).toContainEqual({
      path: 'flow[2].routes[0].flow[3].mapper.values.5',
      from: '7.array[1].sku',
      to: '7.array[0].sku',
    });
    expect(report.translatedExpressions).toContainEqual({
      path: 'flow[2].routes[1].flow[2].mapper.body',
      from: 'newline',
      to: '"\\n"',
    });
    expect(report.translatedExpressions.every((t) => t.from !== t.to)).toBe(true);
    expect(report.translatedExpressions.map((t) => t.from)).not.toContain('2.orderRef');
    expect(report.translatedExpressions.map((t) => t.from)).toEqual([
      'upper(1.shop)',
      'formatDate(1.created_at; "YYYYMMDD")',
      'lower(1.status)',
      'length(1.items)',
      'encodeURL(4.sku)',
      'ifempty(4.note; emptystring)',
      'if(4.qty > 10; "bulk"; "shelf")',
      'lower(4.category)',
      'join(map(7.array; "sku"); ", ")',
      'sum(map(7.array; "qty"))',
      'formatDate(now; "YYYY-MM-DD HH:mm"; "Europe/Amsterdam")',
      '7.array[1].sku',
      'parseNumber("1.000,00"; ",")',
      'capitalize(10.title)',
      'formatNumber(10.price; 2; ","; ".")',
      'newline',
      'round(1.total; 2)',
      'if(1.status = "pending"; "waiting"; ifempty(1.status; "unknown"))',
    ]);
  });

  test('keeps the module we do not have and reports it by id', () => {
    expect(report.unknownModules).toEqual([
      { id: 8, module: 'google-sheets:addRow', path: 'flow[2].routes[0].flow[3]' },
    ]);
    expect(at(blueprint, 2, 0, 3).parameters).toEqual({
      mode: 'select',
      spreadsheetId: '/1xCcDKooyPShQx7pYuqzzs4CQ3Xlo6groSLXbQa82ekE',
      sheetId: 'Orders',
      includesHeaders: true,
      insertUnformatted: false,
      valueInputOption: 'USER_ENTERED',
      insertDataOption: 'INSERT_ROWS',
    });
  });

  test('clears Make connection and webhook ids, and says what to choose', () => {
    expect(report.connectionsToChoose).toEqual([
      { id: 5, module: 'http:MakeRequest', path: 'flow[2].routes[0].flow[1]' },
      { id: 8, module: 'google-sheets:addRow', path: 'flow[2].routes[0].flow[3]' },
    ]);
    expect(at(blueprint, 2, 0, 1).parameters).toEqual({});
    // Make's "Maximum number of results" carries over (scheduled runs take that many requests).
    expect(at(blueprint, 0).parameters).toEqual({ hook: '', maxResults: 1 });
    expect(report.notes).toEqual([
      'Imported as a Make blueprint (it has no metadata.integrator.format marker).',
      "Module 1 (gateway:CustomWebHook): parameters.hook was Make's webhook 874512; choose one here.",
      "Module 5 (http:MakeRequest): Make's version 4 imported as our version 1; check its settings.",
      'Module 5 (http:MakeRequest): parameters.handleErrors is not a setting of http:MakeRequest; it was not carried over (its value was true).',
      'formatDate and parseDate without a time zone argument use UTC here; Make used the time zone of your organization.',
    ]);
  });

  test('compiles with only the expected issues: the missing connection and the unknown module', () => {
    const compiled = compileBlueprint(blueprint, registry);
    expect(compiled.issues).toEqual([
      {
        path: 'flow[2].routes[0].flow[1].parameters.connection',
        message: 'is required (choose a connection)',
      },
      { path: 'flow[2].routes[0].flow[3].module', message: 'unknown module "google-sheets:addRow"' },
    ]);
  });

  test('without the HTTP app, the HTTP module is one more unknown module, not a lost one', () => {
    const bare = new ModuleRegistry(builtinApps);
    const imported = importBlueprint(original, bare);
    expect(imported.report.unknownModules.map((m) => m.id)).toEqual([5, 8]);
    expect(compileBlueprint(imported.blueprint, bare).issues.map((i) => i.path)).toEqual([
      'flow[2].routes[0].flow[1].module',
      'flow[2].routes[0].flow[3].module',
    ]);
  });
});

describe('Make details', () => {
  const make = (flow: unknown[], metadata: Record<string, unknown> = {}) => ({ name: 'm', flow, metadata });

  test('an expression that cannot be translated stays as it was, is reported, and the compiler flags it', () => {
    const { blueprint, report } = importBlueprint(
      make(
        [
          {
            id: 1,
            module: 'util:SetVariable2',
            mapper: { name: 'h', value: 'x {{nosuch(1.email)}} {{upper(1.a)}}' },
          },
        ],
        { zone: 'us1.make.com' },
      ),
      registry,
    );
    expect(blueprint.flow[0].mapper?.value).toBe('x {{nosuch(1.email)}} {{$uppercase(1.a)}}');
    expect(report.untranslatable).toEqual([
      {
        path: 'flow[0].mapper.value',
        expression: 'nosuch(1.email)',
        reason: 'the function nosuch has no equivalent here',
      },
    ]);
    const issues = compileBlueprint(blueprint, registry).issues;
    expect(issues.map((i) => i.path)).toContain('flow[0].mapper.value');
  });

  test('is recognised by the missing marker, whatever its content', () => {
    const byIml = importBlueprint(
      make([
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'a', value: '{{lower(1.a)}}' } },
      ]),
      registry,
    );
    expect(byIml.report.format).toBe('make');
    expect(byIml.report.notes[0]).toBe(
      'Imported as a Make blueprint (it has no metadata.integrator.format marker).',
    );
    const byHook = importBlueprint(
      make([
        { id: 1, module: 'telegram:WatchUpdates', parameters: { __IMTHOOK__: 2832280, __IMTDATASTORE__: 5 } },
      ]),
      registry,
    );
    expect(byHook.report.format).toBe('make');
    expect(byHook.blueprint.flow[0].parameters).toEqual({ hook: '', __IMTDATASTORE__: 5 });
    expect(byHook.report.notes).toEqual([
      'Imported as a Make blueprint (it has no metadata.integrator.format marker).',
      'Module 1 (telegram:WatchUpdates): its Make webhook does not carry over; choose or create a webhook here (parameters.hook).',
      'Module 1 (telegram:WatchUpdates): parameters.__IMTDATASTORE__ refers to something in the Make account; it was kept as it is.',
    ]);
  });

  test('translates the modules inside If-else branches too, and their conditions', () => {
    const { blueprint, report } = importBlueprint(
      make(
        [
          { id: 1, module: 'gateway:CustomWebHook' },
          {
            id: 2,
            module: 'builtin:BasicIfElse',
            branches: [
              {
                type: 'condition',
                conditions: [[{ a: '{{length(1.a)}}', o: 'number:greater', b: '1' }]],
                flow: [
                  { id: 3, module: 'util:SetVariable2', mapper: { name: 'x', value: '{{upper(1.a)}}' } },
                ],
              },
            ],
          },
        ],
        { zone: 'eu2.make.com' },
      ),
      registry,
    );
    const branch = (
      blueprint.flow[1] as unknown as { branches: Array<{ conditions: unknown; flow: ModuleNode[] }> }
    ).branches[0];
    expect(branch.conditions).toEqual([[{ a: '{{$mlength(1.a)}}', o: 'number:greater', b: '1' }]]);
    expect(branch.flow[0].mapper?.value).toBe('{{$uppercase(1.a)}}');
    // If-else is one of ours now.
    expect(report.unknownModules).toEqual([]);
  });
});
