import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPino } from './logger';
import { RunSummaries, type RunSummary } from './run-summaries';

function sink(isTTY = false) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (chunk: string) => void writes.push(chunk) } };
}

const summary = {
  executionId: 'e-1',
  scenarioId: 7,
  status: 'error',
  trigger: 'webhook',
  operations: 3,
  durationMs: 12,
  error: 'The "x" field says "no"',
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for `done` (a timer may fire late on a busy machine), at most 5 s. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await wait(10);
}

/** The summary line of `s`, and the line pino writes for it, both with their time set to 0. */
function beside(s: RunSummary) {
  const { writes, stream } = sink();
  const base = createPino('info', stream);
  const summaries = new RunSummaries(base);
  summaries.write(s);
  summaries.flush();
  base.info(s, 'execution finished');
  const [ours, pinos] = writes.map((l) => l.replace(/"time":\d+/, '"time":0'));
  return { writes, summaries, ours, pinos };
}

describe('RunSummaries', () => {
  test('writes the line pino would write, where the logger writes', () => {
    const { writes, summaries, ours, pinos } = beside(summary);
    expect(writes).toHaveLength(2);
    // Byte for byte what pino writes, but for the time.
    expect(ours).toBe(pinos);
    expect(JSON.parse(writes[0])).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      ...summary,
      msg: 'execution finished',
    });
    summaries.write({ ...summary, status: 'success', error: undefined });
    summaries.flush();
    expect(JSON.parse(writes[2])).not.toHaveProperty('error');
  });

  test.each([
    ['a fractional duration and no error', { ...summary, durationMs: 0.1234567, error: undefined }],
    ['an error with quotes, a newline, a tab and non-ASCII', { ...summary, error: 'a "b"\n\tc é \u2028 😀' }],
    ['numbers JSON cannot hold', { ...summary, operations: Number.NaN, durationMs: Infinity }],
    ['a large count and ids that need escaping', { ...summary, executionId: 'e"\\1', operations: 1e21 }],
  ])('its line is the one pino writes, with %s', (_, s) => {
    const { ours, pinos } = beside(s);
    expect(ours).toBe(pinos);
  });

  test('keeps the lines of a few milliseconds back and writes them as one', async () => {
    const { writes, stream } = sink();
    const summaries = new RunSummaries(createPino('info', stream), 20);
    summaries.write(summary);
    summaries.write({ ...summary, executionId: 'e-2' });
    expect(writes).toEqual([]);
    await until(() => writes.length > 0);
    expect(writes).toHaveLength(1);
    const lines = writes[0].split('\n');
    expect(lines.pop()).toBe(''); // every line ends with its newline
    expect(lines.map((l) => JSON.parse(l).executionId)).toEqual(['e-1', 'e-2']);
    summaries.write({ ...summary, executionId: 'e-3' }); // a new batch, a new wait
    expect(writes).toHaveLength(1);
    await until(() => writes.length > 1);
    expect(writes).toHaveLength(2);
    expect(JSON.parse(writes[1]).executionId).toBe('e-3');
  });

  test('writes at once when the lines kept back reach the limit', () => {
    const { writes, stream } = sink();
    const summaries = new RunSummaries(createPino('info', stream), 60_000);
    const long = { ...summary, error: 'x'.repeat(1000) };
    for (let i = 0; i < RunSummaries.maxPending / 1000; i++) summaries.write(long);
    expect(writes).toHaveLength(1);
    expect(writes[0].length).toBeGreaterThanOrEqual(RunSummaries.maxPending);
    summaries.flush();
  });

  test('writes nothing below info level', async () => {
    const { writes, stream } = sink();
    const summaries = new RunSummaries(createPino('warn', stream), 1);
    expect(summaries.enabled).toBe(false);
    summaries.write(summary);
    await wait(20);
    summaries.flush();
    expect(writes).toEqual([]);
  });

  test('on a terminal, one readable line per run', () => {
    const { writes, stream } = sink(true);
    const summaries = new RunSummaries(createPino('info', stream));
    summaries.write(summary);
    summaries.write({ ...summary, executionId: 'e-2' });
    summaries.flush();
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/INFO.*execution finished/);
    expect(writes[0]).toContain('e-1');
    expect(writes[1]).toContain('e-2');
  });

  test('nothing kept back is lost when the process exits at once', () => {
    // A process that logs a run and exits in the same tick, with pino's own stdout writer.
    const dir = mkdtempSync(join(tmpdir(), 'summaries-'));
    const script = join(dir, 'exit.ts');
    writeFileSync(
      script,
      `import { createPino } from ${JSON.stringify(join(__dirname, 'logger'))};
       import { RunSummaries } from ${JSON.stringify(join(__dirname, 'run-summaries'))};
       const summaries = new RunSummaries(createPino('info'));
       summaries.write(${JSON.stringify(summary)});
       process.exit(3);`,
    );
    let out = '';
    try {
      execFileSync(process.execPath, [require.resolve('tsx/cli'), script], { encoding: 'utf8' });
    } catch (err) {
      out = (err as { stdout: string; status: number }).stdout;
      expect((err as { status: number }).status).toBe(3);
    }
    expect(JSON.parse(out)).toMatchObject({ msg: 'execution finished', executionId: 'e-1' });
  }, 30_000);
});
