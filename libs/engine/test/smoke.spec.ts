import { hook, outputsOf, run } from './helpers';

test('a webhook feeds a set-variable module with a plain reference', async () => {
  const result = await run(
    [hook(), { id: 2, module: 'util:SetVariable2', mapper: { name: 'email', value: '{{1.email}}' } }],
    { input: { email: 'a@b.c' } },
  );
  expect(result.status).toBe('success');
  expect(outputsOf(result, 2)).toEqual([{ email: 'a@b.c' }]);
  expect(result.operations).toBe(2);
});
