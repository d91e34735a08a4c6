import pino from 'pino';
import { compileBlueprint, ModuleRegistry, type Blueprint } from '@integrator/engine';
import type { AppConfig } from '../../config/app-config';
import { RunThreads } from './run-threads';
import { threadApps } from './thread-apps';

// Which runs go to a run thread: scenarios whose modules can run there, once their runs are
// heavier than the hand-over (INTEGRATOR_THREAD_MIN_MS), never with a pinned clock.
const registry = new ModuleRegistry(threadApps);
const compiled = compileBlueprint(
  {
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: 1 } },
      { id: 2, module: 'util:SetVariable2', mapper: { name: 'x', value: '{{1.a}}' } },
    ],
  } as Blueprint,
  registry,
);
const config = (over: Partial<AppConfig>) => ({ runThreads: 1, runThreadMinMs: 1, ...over }) as AppConfig;
const pools: RunThreads[] = [];
const pool = (over: Partial<AppConfig> = {}) => {
  const p = new RunThreads(config(over), {}, pino({ level: 'silent' }));
  pools.push(p);
  return p;
};
const threadsOf = (p: RunThreads) => (p as unknown as { threads: unknown[] }).threads.length;
afterAll(() => Promise.all(pools.map((p) => p.close())));

test('a scenario goes to a thread once its runs take at least the minimum, and comes back when they get short', async () => {
  const p = pool();
  expect(compiled.issues).toEqual([]);
  expect(p.takes(compiled)).toBe(false); // not measured yet: the main thread runs it
  expect(threadsOf(p)).toBe(0); // and no thread was started for it
  p.observe(compiled, 5);
  let taken = p.takes(compiled); // starts the thread; runs stay on the main thread until it is ready
  expect(threadsOf(p)).toBe(1);
  for (let i = 0; !taken && i < 500; i++) {
    await new Promise((r) => setTimeout(r, 20));
    taken = p.takes(compiled);
  }
  expect(taken).toBe(true);
  for (let i = 0; i < 10; i++) p.observe(compiled, 0); // the moving average falls under 1 ms
  expect(p.takes(compiled)).toBe(false);
});

test('no thread with INTEGRATOR_WORKERS=0 or a pinned clock; a minimum of 0 sends every run that can go', () => {
  const none = pool({ runThreads: 0, runThreadMinMs: 0 });
  expect(none.takes(compiled)).toBe(false);
  const pinned = pool({ runThreadMinMs: 0, now: () => 0 });
  expect(pinned.takes(compiled)).toBe(false);
  expect(threadsOf(none) + threadsOf(pinned)).toBe(0);
  const all = pool({ runThreadMinMs: 0 });
  all.takes(compiled);
  expect(threadsOf(all)).toBe(1);
});

test('a module that is not one of the thread apps keeps the run on the main thread', () => {
  const p = pool({ runThreadMinMs: 0 });
  const other = { ...compiled, modules: new Map(compiled.modules) };
  other.modules.set(3, { ...compiled.modules.get(2)!, key: 'datastore:AddRecord' });
  expect(p.takes(other)).toBe(false);
  expect(threadsOf(p)).toBe(0);
});
