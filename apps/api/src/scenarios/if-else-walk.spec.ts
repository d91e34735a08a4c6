import { connectionRefs } from '../connections/used-by';
import { connectorRefs } from '../custom-connectors/connector-usage';
import { blueprintShapeErrors } from './blueprint-shape';

// Modules on an If-else's branches count like any other: their connections are checked against
// the team, and the stored shape is checked down into the branches.

const blueprint = {
  flow: [
    { id: 1, module: 'gateway:CustomWebHook' },
    {
      id: 2,
      module: 'builtin:BasicIfElse',
      branches: [
        {
          type: 'condition',
          merge: true,
          flow: [{ id: 3, module: 'http:MakeRequest', parameters: { connection: 7 } }],
        },
        { type: 'else', flow: [{ id: 4, module: 'custom:getValue', parameters: { connector: 'c1' } }] },
      ],
    },
    { id: 5, module: 'builtin:BasicMerge', outputs: [] },
  ],
};

test('connections and custom connectors used on If-else branches are found', () => {
  expect([...connectionRefs(blueprint)]).toEqual(['7']);
  expect([...connectorRefs(blueprint)]).toEqual(['c1']);
});

test('the shape check walks into branches and names the path', () => {
  expect(blueprintShapeErrors(blueprint)).toEqual([]);
  const bad = {
    flow: [
      {
        id: 2,
        module: 'builtin:BasicIfElse',
        branches: [{ type: 'else', flow: [{ id: 'x', module: 'test:Echo' }] }, { type: 'else' }],
      },
      { id: 3, module: 'builtin:BasicIfElse', branches: {} },
    ],
  };
  expect(blueprintShapeErrors(bad)).toEqual([
    { path: 'blueprint.flow[0].branches[0].flow[0].id', message: 'must be a whole number' },
    { path: 'blueprint.flow[0].branches[1].flow', message: 'must be a list of modules' },
    { path: 'blueprint.flow[1].branches', message: 'must be a list of branches' },
  ]);
});
