import {
  ModuleError,
  type Clock,
  type ExecutionInfo,
  type HttpClient,
  type Logger,
  type ResolvedConnection,
  type RunContext,
  type Services,
  type Variables,
} from '@integrator/sdk';
import type { CompiledModule } from '../compile/types';
import type { RunOptions } from './types';
import type { VariableStore } from './variables';
import type { StopSwitch } from './stop-switch';

/** What every module context of one execution shares. */
export interface ContextDeps {
  executionId: string;
  options: RunOptions;
  clock: Clock;
  logger: Logger;
  variables: VariableStore;
  connections: Map<number, ResolvedConnection>;
  stop: StopSwitch;
  /** Replaced at each cycle; every operation of the cycle shares it. */
  info: ExecutionInfo;
  services: Partial<Services>;
  http: Map<number, HttpClient>;
}

const noHttp: HttpClient = {
  request() {
    return Promise.reject(
      new ModuleError('this runtime has no HTTP client', { kind: 'internal', type: 'RuntimeError' }),
    );
  },
};

// A class rather than an object literal: contexts are made once per operation (hot path). It
// holds only what is its own; what every operation of the run shares is read from the run's
// deps through getters (issue 14: a smaller object per operation), and the HTTP client is built
// only when a module asks for it.
export class ModuleContext implements RunContext {
  /** The transaction steps the operation declared (none for most: made on the first). */
  states: unknown[] | undefined;

  constructor(
    private readonly deps: ContextDeps,
    private readonly module: CompiledModule,
    readonly mapper: Record<string, unknown>,
  ) {}

  get moduleId(): number {
    return this.module.id;
  }
  get parameters(): Record<string, unknown> {
    return this.module.parameters;
  }
  get connection(): ResolvedConnection | undefined {
    return this.deps.connections.get(this.module.id);
  }
  get clock(): Clock {
    return this.deps.clock;
  }
  get signal(): AbortSignal {
    return this.deps.stop.signal;
  }
  get log(): Logger {
    return this.deps.logger;
  }
  get execution(): ExecutionInfo {
    return this.deps.info;
  }
  get variables(): Variables {
    return this.deps.variables;
  }
  get services(): Partial<Services> {
    return this.deps.services;
  }
  get input(): unknown {
    return this.deps.options.input;
  }

  get http(): HttpClient {
    return httpFor(this.deps, this.module);
  }

  // Modules destructure it from the context, so it is a function bound to this operation; made
  // on first use (few modules have a transaction step), not for every operation.
  get transaction(): (state: unknown) => void {
    return (state) => void (this.states ??= []).push(state);
  }
}

export function moduleContext(
  deps: ContextDeps,
  m: CompiledModule,
  mapper: Record<string, unknown>,
): ModuleContext {
  return new ModuleContext(deps, m, mapper);
}

// One client per module and execution: it knows the module's connection (auth and redaction).
function httpFor(deps: ContextDeps, m: CompiledModule): HttpClient {
  let client = deps.http.get(m.id);
  if (!client) {
    client = deps.options.http ? deps.options.http(deps.connections.get(m.id), m.id) : noHttp;
    deps.http.set(m.id, client);
  }
  return client;
}
