import { createPino, engineLogger } from './logger';

// `npm start` in a terminal prints readable lines; a pipe or file gets one JSON object a line.
function sink(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, stream: { isTTY, write: (line: string) => void lines.push(line) } };
}

describe('createPino', () => {
  test('writes JSON lines when the destination is not a terminal', () => {
    const { lines, stream } = sink(false);
    createPino('info', stream).info({ scenarioId: 7 }, 'scenario ran');
    const line = JSON.parse(lines.join(''));
    expect(line).toMatchObject({ level: 30, msg: 'scenario ran', scenarioId: 7 });
  });

  test('writes readable lines on a terminal, secrets still redacted', () => {
    const { lines, stream } = sink(true);
    createPino('info', stream).info({ scenarioId: 7, headers: { authorization: 'Bearer s3cret' } }, 'ran');
    const text = lines.join('');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/INFO.*ran/);
    expect(text).toContain('scenarioId: 7');
    expect(text).not.toContain('s3cret');
  });
});

describe('engineLogger', () => {
  test('tags what a module logs with the execution and scenario, on the shared logger', () => {
    const { lines, stream } = sink(false);
    const base = createPino('info', stream);
    const child = jest.spyOn(base, 'child');
    const log = engineLogger(base, 'e-1', 7);
    log.debug('not at this level', { a: 1 });
    log.info('fetched', { a: 1, headers: { authorization: 'hidden' } });
    log.error('failed');
    const written = lines.map((l) => JSON.parse(l));
    expect(written).toEqual([
      expect.objectContaining({ level: 30, msg: 'fetched', a: 1, executionId: 'e-1', scenarioId: 7 }),
      expect.objectContaining({ level: 50, msg: 'failed', executionId: 'e-1', scenarioId: 7 }),
    ]);
    expect(lines.join('')).not.toContain('hidden'); // redaction still applies
    expect(child).not.toHaveBeenCalled(); // no logger object per execution
  });
});
