import { ModuleError, type Clock, type ExecutionInfo, type HttpClient, type Logger, type ResolvedConnection, type RunContext } from '@integrator/sdk';
import type { CompiledModule } from '../compile/types';
import type { RunOptions } from './types';
import type { VariableStore } from './variables';

/** What every module context of one execution shares. */
export interface ContextDeps {
  executionId: string;
  options: RunOptions;
  clock: Clock;
  logger: Logger;
  variables: VariableStore;
  connections: Map<number, ResolvedConnection>;
  signal: AbortSignal;
  /** Updated in place each cycle. */
  info: ExecutionInfo;
  http: Map<number, HttpClient>;
}

const noHttp: HttpClient = {
  request() {
    return Promise.reject(new ModuleError('this runtime has no HTTP client', { kind: 'internal', type: 'RuntimeError' }));
  },
};

export function moduleContext(deps: ContextDeps, m: CompiledModule, mapper: Record<string, unknown>, states: unknown[]): RunContext {
  return {
    moduleId: m.id,
    parameters: m.parameters,
    mapper,
    connection: deps.connections.get(m.id),
    get http() {
      return httpFor(deps, m);
    },
    clock: deps.clock,
    signal: deps.signal,
    log: deps.logger,
    execution: { ...deps.info },
    variables: deps.variables,
    services: deps.options.services ?? {},
    input: deps.options.input,
    transaction: (state) => void states.push(state),
  };
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
