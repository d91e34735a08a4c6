import { errorOf, harness, hook, outputsOf } from './harness';

const h = harness();

// A select in a module's fields may be mapped (Make's "Map" switch): the value is read per
// bundle and checked against the choices then; outside them the bundle fails with the field's
// label and the allowed values.

describe('a mapped select in a module mapper', () => {
  const flow = [
    hook(),
    {
      id: 2,
      module: 'util:SetVariables',
      mapper: { variables: [{ name: 'x', value: '1' }], scope: '{{1.lifetime}}' },
    },
  ];

  it('is accepted by the static check and takes the value of each bundle', async () => {
    expect(h.issues(flow)).toEqual([]);
    const result = await h.run(flow, { input: { lifetime: 'execution' } });
    expect(result.status).toBe('success');
    expect(outputsOf(result, 2)).toEqual([{ x: '1' }]);
  });

  it('fails the bundle with a plain message naming the label and the choices', async () => {
    const result = await h.run(flow, { input: { lifetime: 'forever' } });
    expect(result.status).toBe('error');
    expect(errorOf(result, 2)?.message).toBe(
      'scope: Variable lifetime must be one of "roundtrip", "execution" (got "forever")',
    );
  });
});
