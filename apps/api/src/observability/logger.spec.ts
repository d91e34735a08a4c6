import { createPino } from './logger';

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
