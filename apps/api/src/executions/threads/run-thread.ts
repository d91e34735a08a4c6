import { parentPort, workerData } from 'node:worker_threads';
import {
  compileBlueprint,
  createHttpClientFactory,
  ModuleRegistry,
  RateLimiterRegistry,
  runScenario,
  RunStop,
  systemClock,
  type Blueprint,
  type CompiledScenario,
  type RunEvent,
  type RunOptions,
} from '@integrator/engine';
import type { Logger } from '@integrator/sdk';
import { encodeStoredLog } from '../stored-log';
import { errorIn, type FromThread, type LogLevel, type ToThread } from './messages';
import { threadApps } from './thread-apps';

// A run thread (run-threads.ts starts them): runs the scenarios the main thread hands it with
// the engine, as ExecutionRunner does on the main thread, and sends back what the main thread
// stores. Services, logs and the events others follow go through messages.

const port = parentPort!;
const { services: serviceNames, levels } = workerData as { services: string[]; levels: LogLevel[] };
const registry = new ModuleRegistry(threadApps);
const labels = new Map<string, string | undefined>();
const labelOf = (key: string) => {
  if (!labels.has(key)) labels.set(key, registry.get(key)?.label);
  return labels.get(key);
};
const compiled = new Map<string, CompiledScenario>();
const stops = new Map<string, RunStop>();
const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let callCount = 0;
// The thread's own limiters serve only requests without a connection (none use one): runs with
// connections stay on the main thread, whose limiters every run there shares.
const limiters = new RateLimiterRegistry();
const clock = { now: () => Date.now(), sleep: systemClock.sleep };
const logged = new Set(levels);
const EVENTS = new Set<RunEvent['type']>(['webhook.response', 'module.error', 'execution.finished']);

// What goes back is sent once per turn of the event loop (a run's events and its result, and
// every other run finished in the same turn, in one message).
let outbox: FromThread[] = [];
const flush = () => {
  const out = outbox;
  outbox = [];
  try {
    port.postMessage(out);
  } catch {
    for (const message of out) sendAlone(message);
  }
};

// A value that cannot be copied to another thread (structured clone) fails only its own run,
// call or log line, each said plainly.
function sendAlone(message: FromThread): void {
  try {
    port.postMessage([message]);
  } catch (err) {
    const why = `cannot be passed between threads: ${(err as Error).message}`;
    if (message.t === 'call')
      calls.get(message.n)?.reject(new Error(`the arguments of ${message.service}.${message.method} ${why}`));
    else if (message.t === 'done' || message.t === 'event')
      port.postMessage([{ t: 'failed', id: message.id, message: `the run's result ${why}` }]);
    else if (message.t === 'log')
      port.postMessage([Object.assign({}, message, { data: { dataNotPassed: why } })]);
  }
}
const send = (message: FromThread) => {
  if (outbox.push(message) === 1) setImmediate(flush);
};

function call(service: string, method: string, args: unknown[]): Promise<unknown> {
  const n = ++callCount;
  return new Promise((resolve, reject) => {
    calls.set(n, { resolve, reject });
    send({ t: 'call', n, service, method, args });
  });
}

// The main thread's services, each method a message to it (only those the main thread has, so
// a module that checks for a missing service still finds it missing).
const services: Record<string, unknown> = {};
for (const name of serviceNames)
  services[name] = new Proxy(
    {},
    {
      get: (_, method) =>
        typeof method === 'string' && method !== 'then'
          ? (...args: unknown[]) => call(name, method, args)
          : undefined,
    },
  );

class ThreadLogger implements Logger {
  constructor(
    private readonly id: string,
    private readonly scenarioId: number,
  ) {}
  debug(message: string, data?: Record<string, unknown>) {
    this.out('debug', message, data);
  }
  info(message: string, data?: Record<string, unknown>) {
    this.out('info', message, data);
  }
  warn(message: string, data?: Record<string, unknown>) {
    this.out('warn', message, data);
  }
  error(message: string, data?: Record<string, unknown>) {
    this.out('error', message, data);
  }
  private out(level: LogLevel, message: string, data?: Record<string, unknown>) {
    if (logged.has(level)) send({ t: 'log', id: this.id, scenarioId: this.scenarioId, level, message, data });
  }
}

async function run(message: Extract<ToThread, { t: 'run' }>): Promise<void> {
  const o = message.options;
  const stop = new RunStop();
  stops.set(o.executionId, stop);
  try {
    let scenario = compiled.get(message.key);
    if (!scenario) {
      scenario = compileBlueprint(message.blueprint as Blueprint, registry);
      compiled.set(message.key, scenario);
    }
    let finished: RunEvent | undefined;
    const options: RunOptions = {
      executionId: o.executionId,
      scenarioId: o.scenarioId,
      scenarioName: o.scenarioName,
      scenarioUrl: o.scenarioUrl,
      organization: o.organization,
      trigger: o.trigger,
      input: o.input,
      runOnce: false,
      stop,
      clock,
      timeLimitMs: o.timeLimitMs,
      services,
      logger: new ThreadLogger(o.executionId, o.scenarioId),
      connections: () => Promise.reject(new Error('a run thread resolves no connections')),
      http: createHttpClientFactory({
        registry,
        limiters,
        blockPrivateNetworks: o.blockPrivateNetworks,
        stop,
      }),
      onEvent: (event) => {
        if (event.type === 'execution.finished') finished = event;
        else send({ t: 'event', id: o.executionId, event });
      },
      eventTypes: EVENTS,
    };
    const result = await runScenario(scenario, options);
    const stored = encodeStoredLog(result, o.input, labelOf);
    send({
      t: 'done',
      id: o.executionId,
      result: Object.assign({}, result, { modules: [] }),
      stored,
      finished,
    });
  } catch (err) {
    send({ t: 'failed', id: o.executionId, message: (err as Error).message });
  } finally {
    stops.delete(o.executionId);
  }
}

port.on('message', (messages: ToThread[]) => {
  for (const message of messages) receive(message);
});

function receive(message: ToThread): void {
  switch (message.t) {
    case 'run':
      return void run(message);
    case 'stop':
      return stops.get(message.id)?.stop();
    case 'forget':
      return void compiled.delete(message.key);
    case 'reply': {
      const pending = calls.get(message.n);
      calls.delete(message.n);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(errorIn(message.error));
      return;
    }
  }
}
send({ t: 'ready' });
