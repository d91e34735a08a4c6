import { markdownApp } from '@integrator/apps/markdown';
import { regexpApp } from '@integrator/apps/regexp';
import { harness, outputsOf } from './harness';

// Each of Make's core modules as a Make export carries it (key, version, where its settings
// sit): it imports with the module mapped, validates, and runs with the output Make gives.

const h = harness([regexpApp, markdownApp]);
const designer = (x: number) => ({ designer: { x, y: 0 }, restore: {} });
const webhook = {
  id: 1,
  module: 'gateway:CustomWebHook',
  version: 1,
  parameters: { hook: 4711 },
  mapper: {},
  metadata: designer(0),
};
const feeder = {
  id: 2,
  module: 'builtin:BasicFeeder',
  version: 1,
  parameters: {},
  mapper: { array: '{{1.items}}' },
  metadata: designer(300),
};
const input = {
  name: 'Ada',
  status: 'paid',
  items: [
    { n: 4, w: 'red' },
    { n: 10, w: 'blue' },
  ],
  text: 'Mail ann@x.io, INV-7 and inv-12',
  md: '# Hi',
};

interface Case {
  key: string;
  flow: Array<Record<string, unknown>>;
  outputs: Record<number, unknown[]>;
  note?: RegExp;
}

const mod = (id: number, module: string, parameters: object, mapper: object, version = 1) => ({
  id,
  module,
  version,
  parameters,
  mapper,
  metadata: designer(id * 300),
});

const cases: Case[] = [
  {
    key: 'util:SetVariables',
    flow: [
      webhook,
      mod(
        2,
        'util:SetVariables',
        {},
        {
          variables: [
            { name: 'who', value: '{{1.name}}' },
            { name: 'count', value: '{{length(1.items)}}' },
          ],
          scope: 'roundtrip',
        },
      ),
    ],
    outputs: { 2: [{ who: 'Ada', count: 2 }] },
  },
  {
    key: 'util:GetVariables',
    flow: [
      webhook,
      mod(
        2,
        'util:SetVariables',
        {},
        { variables: [{ name: 'who', value: '{{1.name}}' }], scope: 'execution' },
      ),
      mod(3, 'util:GetVariables', {}, { variables: ['who', 'other'] }),
    ],
    outputs: { 3: [{ who: 'Ada', other: null }] },
  },
  {
    key: 'util:Switcher',
    flow: [
      webhook,
      mod(
        2,
        'util:Switcher',
        {},
        {
          input: '{{1.status}}',
          casesTable: [
            { pattern: 'new', output: 'N' },
            { pattern: 'paid', output: 'P' },
          ],
          elseOutput: '?',
          useRegExpMatch: false,
        },
      ),
    ],
    outputs: { 2: [{ value: 'P' }] },
  },
  {
    key: 'util:ComposeTransformer',
    flow: [webhook, mod(2, 'util:ComposeTransformer', {}, { value: 'Hi {{upper(1.name)}}' })],
    outputs: { 2: [{ value: 'Hi ADA' }] },
  },
  {
    key: 'util:FunctionIncrement',
    flow: [webhook, feeder, mod(3, 'util:FunctionIncrement', { reset: 'run' }, {})],
    outputs: { 3: [{ i: 1 }, { i: 2 }] },
  },
  {
    key: 'util:TextAggregator',
    flow: [
      webhook,
      feeder,
      mod(
        3,
        'util:TextAggregator',
        { feeder: 2, rowSeparator: 'other', otherRowSeparator: ' | ' },
        { value: '{{2.w}}' },
      ),
    ],
    outputs: { 3: [{ text: 'red | blue' }] },
  },
  {
    key: 'util:FunctionAggregator2',
    flow: [
      webhook,
      feeder,
      mod(3, 'util:FunctionAggregator2', { feeder: 2, fn: 'sum' }, { value: '{{2.n}}' }),
    ],
    outputs: { 3: [{ result: 14 }] },
  },
  {
    key: 'json:CreateJSON',
    flow: [
      webhook,
      mod(
        2,
        'json:CreateJSON',
        { type: 165928, space: '' },
        { user: { name: '{{1.name}}' }, total: '{{1.items[1].n}}' },
      ),
    ],
    outputs: { 2: [{ json: '{"user":{"name":"Ada"},"total":4}' }] },
    note: /data structure 165928 is not in the export/,
  },
  {
    key: 'json:TransformToJSON',
    flow: [webhook, mod(2, 'json:TransformToJSON', {}, { object: '{{1.items}}' })],
    outputs: { 2: [{ json: '[{"n":4,"w":"red"},{"n":10,"w":"blue"}]' }] },
  },
  {
    key: 'json:AggregateToJSON',
    flow: [webhook, feeder, mod(3, 'json:AggregateToJSON', { feeder: 2, type: 77 }, { colour: '{{2.w}}' })],
    outputs: { 3: [{ json: '[{"colour":"red"},{"colour":"blue"}]' }] },
  },
  {
    key: 'regexp:Parser',
    flow: [
      webhook,
      mod(
        2,
        'regexp:Parser',
        {
          pattern: 'inv-(\\d+)',
          global: true,
          sensitive: false,
          multiline: false,
          singleline: false,
          continueWhenNoRes: false,
          ignoreInfiniteLoopsWhenGlobal: false,
        },
        { text: '{{1.text}}' },
      ),
    ],
    outputs: {
      2: [
        { i: 1, __IMTMATCH__: 'INV-7', $1: '7' },
        { i: 2, __IMTMATCH__: 'inv-12', $1: '12' },
      ],
    },
  },
  {
    key: 'regexp:AdvancedParser',
    flow: [
      webhook,
      mod(
        2,
        'regexp:AdvancedParser',
        { global: false, sensitive: true, continueWhenNoRes: false },
        { pattern: 'inv-(\\d+)', text: '{{1.text}}' },
      ),
    ],
    outputs: { 2: [{ i: 1, __IMTMATCH__: 'inv-12', $1: '12' }] },
  },
  {
    key: 'regexp:Replace',
    flow: [
      webhook,
      mod(
        2,
        'regexp:Replace',
        {},
        {
          text: '{{1.text}}',
          pattern: 'INV-(\\d+)',
          value: '#$1',
          global: true,
          sensitive: false,
          multiline: false,
          singleline: false,
        },
      ),
    ],
    outputs: { 2: [{ text: 'Mail ann@x.io, #7 and #12' }] },
  },
  {
    key: 'regexp:HTMLToText',
    flow: [
      webhook,
      mod(
        2,
        'regexp:HTMLToText',
        {},
        { html: '<h2>{{1.name}}</h2><p>ok</p>', newline: 'crlf', uppercaseHeadings: true },
      ),
    ],
    outputs: { 2: [{ text: 'ADA\r\n\r\nok' }] },
  },
  {
    key: 'regexp:GetElementsFromText',
    flow: [webhook, mod(2, 'regexp:GetElementsFromText', {}, { pattern: 'email', text: '{{1.text}}' })],
    outputs: { 2: [{ i: 1, match: 'ann@x.io' }] },
  },
  {
    key: 'markdown:Compile',
    flow: [webhook, mod(2, 'markdown:Compile', {}, { data: '{{1.md}}', gfm: true, sanitize: true }, 2)],
    outputs: { 2: [{ data: '<h1>Hi</h1>\n' }] },
  },
];

describe.each(cases)("Make's $key", ({ key, flow, outputs, note }) => {
  it('imports with the module mapped and runs with the output Make gives', async () => {
    const { report, issues, result } = await h.importAndRun(flow, { input });
    expect(report.format).toBe('make');
    expect(report.unknownModules).toEqual([]);
    expect(report.untranslatable).toEqual([]);
    expect(issues).toEqual([]);
    expect(result?.status).toBe('success');
    for (const [id, bundles] of Object.entries(outputs))
      expect(outputsOf(result, Number(id))).toEqual(bundles);
    if (note) expect(report.notes.some((n) => note.test(n) && n.includes(key))).toBe(true);
  });
});

it('the advanced parser takes its flags from the mapper and its pattern from the parameters, as some exports have them', async () => {
  const flow = [
    webhook,
    mod(
      2,
      'regexp:AdvancedParser',
      { pattern: 'INV-(\\d+)' },
      { text: '{{1.text}}', global: true, sensitive: true },
    ),
  ];
  const { issues, result, blueprint } = await h.importAndRun(flow, { input });
  expect(issues).toEqual([]);
  expect(blueprint.flow[1]).toMatchObject({
    parameters: { global: true, sensitive: true },
    mapper: { pattern: 'INV-(\\d+)' },
  });
  expect(outputsOf(result, 2)).toEqual([{ i: 1, __IMTMATCH__: 'INV-7', $1: '7' }]);
});

it('get elements from text reads other spellings of the element kind', async () => {
  const flow = [
    webhook,
    mod(2, 'regexp:GetElementsFromText', { type: 'Email addresses' }, { text: '{{1.text}}' }),
  ];
  const { issues, result } = await h.importAndRun(flow, { input });
  expect(issues).toEqual([]);
  expect(outputsOf(result, 2)).toEqual([{ i: 1, match: 'ann@x.io' }]);
});

it('replace reads settings an export keeps in its parameters', async () => {
  const flow = [
    webhook,
    mod(
      2,
      'regexp:Replace',
      { pattern: 'inv-(\\d+)', global: true, sensitive: false },
      { text: '{{1.text}}', value: '#$1' },
    ),
  ];
  const { issues, result, blueprint } = await h.importAndRun(flow, { input });
  expect(issues).toEqual([]);
  expect(blueprint.flow[1].parameters).toEqual({});
  expect(outputsOf(result, 2)).toEqual([{ text: 'Mail ann@x.io, #7 and #12' }]);
});

it("Make's parse JSON keeps its data structure setting and parses the same", async () => {
  const flow = [webhook, mod(2, 'json:ParseJSON', { type: 1234 }, { json: '{"a":{"b":[1,2]}}' })];
  const { issues, result } = await h.importAndRun(flow, { input });
  expect(issues).toEqual([]);
  expect(outputsOf(result, 2)).toEqual([{ a: { b: [1, 2] } }]);
});
