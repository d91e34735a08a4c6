import { parseState, stateText } from '../../src/pages/executions/incomplete-state';

// The stored data of an incomplete execution, edited as JSON before a retry: each mistake is
// named by its path before anything is sent.

describe('editing the data an incomplete execution retries from', () => {
  const record = { outputs: { 1: { json: '{oops' } }, variables: { n: 1 }, input: { json: '{oops' } };

  test('opens with the outputs and variables only, and reads them back', () => {
    const text = stateText(record);
    expect(JSON.parse(text)).toEqual({ outputs: { 1: { json: '{oops' } }, variables: { n: 1 } });
    expect(parseState(text, ['1'], 2)).toEqual({
      state: { outputs: { 1: { json: '{oops' } }, variables: { n: 1 } },
    });
  });

  test.each([
    ['{"outputs": {', /^The text is not valid JSON: /],
    ['[]', /^The text must be a JSON object/],
    ['{"input": {}}', /^input: is not allowed/],
    ['{"outputs": []}', /^outputs: must be an object of bundles by module id$/],
    ['{"variables": 3}', /^variables: must be an object$/],
    [
      '{"outputs": {"7": {}}}',
      /^outputs\.7: module 7 is not one the failed module 2 reads \(these are: 1\)$/,
    ],
  ])('%s is refused, naming where', (text, problem) => {
    expect(parseState(text, ['1'], 2).problem).toMatch(problem);
  });

  test('a failed first module reads nothing earlier', () => {
    expect(parseState('{"outputs": {"1": {}}}', [], 1).problem).toBe(
      'outputs.1: the failed module 1 reads no earlier module',
    );
  });
});
