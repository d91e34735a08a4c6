import { compile, hook } from './helpers';

const messages = (flow: Parameters<typeof compile>[0], scenario?: Record<string, unknown>) =>
  compile(flow, scenario ? { scenario } : {}).issues.map((i) => `${i.path}: ${i.message}`);

describe('blueprint validation reports every problem with its path', () => {
  test('a valid blueprint has no issues', () => {
    expect(
      messages([hook(), { id: 2, module: 'util:SetVariable2', mapper: { name: 'x', value: '{{1.a}}' } }]),
    ).toEqual([]);
  });

  test('unknown module ids in mappings, deep inside routes', () => {
    const issues = messages([
      hook(),
      {
        id: 2,
        module: 'builtin:BasicRouter',
        routes: [
          { flow: [{ id: 3, module: 'util:SetVariable2', mapper: { name: 'x', value: '{{7.id}}' } }] },
        ],
      },
    ]);
    expect(issues).toEqual(['flow[1].routes[0].flow[0].mapper.value: unknown module id 7 in {{7.id}}']);
  });

  test('references to modules on another route or later on the path', () => {
    const issues = messages([
      hook(),
      {
        id: 2,
        module: 'builtin:BasicRouter',
        routes: [
          { flow: [{ id: 3, module: 'util:SetVariable2', mapper: { name: 'x', value: '{{4.x}}' } }] },
          { flow: [{ id: 4, module: 'util:SetVariable2', mapper: { name: 'x', value: '{{3.x}}' } }] },
        ],
      },
    ]);
    expect(issues).toEqual([
      'flow[1].routes[0].flow[0].mapper.value: module 4 does not run before this module on its path in {{4.x}}',
      'flow[1].routes[1].flow[0].mapper.value: module 3 does not run before this module on its path in {{3.x}}',
    ]);
  });

  test('a module may not read itself, and a filter may not read its own module', () => {
    expect(
      messages([
        hook(),
        {
          id: 2,
          module: 'util:SetVariable2',
          filter: { conditions: [[{ a: '{{2.x}}', o: 'exist' }]] },
          mapper: { name: 'x', value: '{{2.x}}' },
        },
      ]),
    ).toEqual([
      'flow[1].filter.conditions[0][0].a: module 2 does not run before this module on its path in {{2.x}}',
      'flow[1].mapper.value: module 2 does not run before this module on its path in {{2.x}}',
    ]);
  });

  test('duplicate ids, unknown modules and versions, required fields, operators and directives', () => {
    const issues = messages([
      hook(),
      { id: 2, module: 'util:SetVariable2', mapper: { value: 1 } },
      { id: 2, module: 'acme:DoThings' },
      { id: 4, module: 'util:FunctionSleep', version: 9, mapper: { duration: 'soon' } },
      {
        id: 5,
        module: 'json:ParseJSON',
        mapper: { json: '{}' },
        filter: { conditions: [[{ a: 'x', o: 'text:like', b: 'y' }]] },
      },
      { id: 6, module: 'builtin:Ignore' },
      {
        id: 7,
        module: 'util:SetVariable2',
        mapper: { name: 'a', value: 'b' },
        onerror: [
          { id: 8, module: 'builtin:Resume' },
          { id: 9, module: 'util:SetVariable2', mapper: { name: 'a' } },
        ],
      },
    ]);
    expect(issues).toEqual([
      'flow[1].mapper.name: is required',
      'flow[2].id: duplicate module id 2 (also at flow[1])',
      'flow[2].module: unknown module "acme:DoThings"',
      'flow[3].version: version 9 of util:FunctionSleep is not supported (supported: 1)',
      'flow[3].mapper.duration: must be a number (got "soon")',
      'flow[4].filter.conditions[0][0].o: unknown filter operator "text:like"',
      'flow[5].module: builtin:Ignore is an error directive: it may only stand in an error handler route (onerror)',
      'flow[6].onerror[0].module: builtin:Resume must be the last module of its error handler route',
    ]);
  });

  test('aggregator source must be an earlier module on the path; after it the source is out of reach', () => {
    const issues = messages([
      hook(),
      { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } },
      { id: 3, module: 'builtin:BasicAggregator', parameters: { feeder: 2 }, mapper: { v: '{{2.value}}' } },
      { id: 4, module: 'util:SetVariable2', mapper: { name: 'a', value: '{{2.value}} {{3.array}} {{1.x}}' } },
      { id: 5, module: 'util:TextAggregator', parameters: { feeder: 9 }, mapper: { value: 'x' } },
    ]);
    expect(issues).toEqual([
      'flow[3].mapper.value: module 2 does not run before this module on its path in {{2.value}}',
      'flow[4].parameters.feeder: source module 9 does not run before this aggregator on its path',
    ]);
  });

  test('the error route sees the failed module; triggers must come first; nothing follows a router', () => {
    const issues = messages([
      { id: 1, module: 'util:SetVariable2', mapper: { name: 'a', value: 1 } },
      { id: 2, module: 'gateway:CustomWebHook' },
      { id: 3, module: 'builtin:BasicRouter', routes: [{ flow: [] }] },
      {
        id: 4,
        module: 'util:SetVariable2',
        mapper: { name: 'a', value: 1 },
        onerror: [
          { id: 5, module: 'util:SetVariable2', mapper: { name: 'e', value: '{{4.error.message}}' } },
        ],
      },
    ]);
    expect(issues).toEqual([
      'flow[1].module: gateway:CustomWebHook is a trigger: it must be the first module of the scenario',
      'flow[3]: nothing can follow a router in the same flow; put it on one of its routes',
    ]);
  });

  test('scenario settings are checked', () => {
    expect(messages([hook()], { roundtrips: 0 })).toEqual([
      'metadata.scenario.roundtrips: must be a whole number of at least 1',
    ]);
  });

  test('not a blueprint at all', () => {
    expect(compile('nope' as never).issues).toEqual([{ path: 'flow', message: 'must be a list of modules' }]);
  });
});
