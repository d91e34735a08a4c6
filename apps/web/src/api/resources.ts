import type { Blueprint } from '@integrator/engine/blueprint';
import { TOKEN_KEY, type Query, type Request, type TokenStore } from './request';
import type {
  AppMetadata,
  Connection,
  DayStats,
  Execution,
  ExecutionSummary,
  Group,
  ImportReport,
  LoginResult,
  NewUser,
  Organization,
  Page,
  Scenario,
  ScenarioInput,
  ScenarioSummary,
  ScenarioVersion,
  User,
} from './types';
import type { ConnectionTypeMetadata } from '@integrator/sdk';
import type { UserRow, UserUpdate } from './admin-types';
import { adminResources } from './admin-resources';
import { okrResources } from './okr-resources';

// The routes of docs/API.md, one typed function each, grouped by resource.

export type Id = string | number;

export const seg = (value: Id) => encodeURIComponent(String(value));

export function resources(request: Request, storage: TokenStore | undefined) {
  const get = <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query);
  return {
    auth: {
      async login(email: string, password: string): Promise<LoginResult> {
        const result = await request<LoginResult>('POST', '/auth/login', { email, password });
        storage?.setItem(TOKEN_KEY, result.token);
        return result;
      },
      /** Ends the session on the server (best effort) and forgets the token. */
      async logout() {
        try {
          if (storage?.getItem(TOKEN_KEY)) await request<void>('POST', '/auth/logout');
        } finally {
          storage?.removeItem(TOKEN_KEY);
        }
      },
      hasToken: () => Boolean(storage?.getItem(TOKEN_KEY)),
      /** Forgets a token the server refused (no call: it would be refused too). */
      forget: () => storage?.removeItem(TOKEN_KEY),
      me: () => get<User>('/auth/me'),
    },
    users: {
      ...crud<UserRow, NewUser>(request, '/users'),
      update: (id: Id, input: UserUpdate) => request<UserRow>('PUT', `/users/${seg(id)}`, input),
    },
    groups: crud<Group, Omit<Group, 'id'>>(request, '/groups'),
    organization: {
      get: () => get<Organization>('/organization'),
      update: (organization: Partial<Organization>) =>
        request<Organization>('PUT', '/organization', organization),
    },
    apps: { list: () => get<AppMetadata[]>('/apps') },
    connectionTypes: { list: () => get<ConnectionTypeMetadata[]>('/connection-types') },
    scenarios: scenarios(request),
    executions: {
      list: (
        query: {
          scenarioId?: Id;
          status?: string;
          from?: string;
          to?: string;
          page?: number;
          pageSize?: number;
        } = {},
      ) => get<Page<ExecutionSummary>>('/executions', query),
      stop: (executionId: string) =>
        request<{ stopping: boolean }>('POST', `/executions/${seg(executionId)}/stop`),
      stats: (query: { scenarioId?: Id; status?: string; from?: string; to?: string; days?: number } = {}) =>
        get<DayStats[]>('/executions/stats', query),
      get: (executionId: string) => get<Execution>(`/executions/${seg(executionId)}`),
    },
    connections: {
      ...crud<Connection, { name: string; type: string; credentials: Record<string, unknown> }>(
        request,
        '/connections',
      ),
      get: (id: Id) => request<Connection>('GET', `/connections/${seg(id)}`),
      /** Omitted secret fields keep their stored value. */
      update: (id: Id, input: { name?: string; credentials?: Record<string, unknown> }) =>
        request<Connection>('PUT', `/connections/${seg(id)}`, input),
      verify: (id: Id) =>
        request<{ ok: boolean; message?: string }>('POST', `/connections/${seg(id)}/verify`),
      /** OAuth2 authorization code: where to send the browser to (re)authorise the connection. */
      authorize: (id: Id) => request<{ url: string }>('POST', `/connections/${seg(id)}/authorize`),
    },
    ...adminResources(request),
    ...okrResources(request),
  };
}

export function crud<T, In>(request: Request, path: string) {
  return {
    list: () => request<T[]>('GET', path),
    create: (input: In) => request<T>('POST', path, input),
    update: (id: Id, input: Partial<In>) => request<T>('PUT', `${path}/${seg(id)}`, input),
    remove: (id: Id) => request<void>('DELETE', `${path}/${seg(id)}`),
  };
}

function scenarios(request: Request) {
  const path = (id: Id, rest = '') => `/scenarios/${seg(id)}${rest}`;
  const runBody = (input: unknown, blueprint?: Blueprint) => ({
    ...(input === undefined ? {} : { input }),
    ...(blueprint ? { blueprint } : {}),
  });
  return {
    list: (query: { folder?: string; search?: string } = {}) =>
      request<{ items: ScenarioSummary[] }>('GET', '/scenarios', undefined, query),
    get: (id: Id) => request<Scenario>('GET', path(id)),
    create: (input: ScenarioInput & { name: string }) => request<Scenario>('POST', '/scenarios', input),
    update: (id: Id, input: ScenarioInput) => request<Scenario>('PUT', path(id), input),
    setSchedule: (id: Id, schedule: { type: string } | null) =>
      request<Scenario>('PUT', path(id), { schedule }),
    remove: (id: Id) => request<void>('DELETE', path(id)),
    activate: (id: Id) => request<Scenario>('POST', path(id, '/activate')),
    deactivate: (id: Id) => request<Scenario>('POST', path(id, '/deactivate')),
    versions: (id: Id) => request<ScenarioVersion[]>('GET', path(id, '/versions')),
    restore: (id: Id, version: number) => request<Scenario>('POST', path(id, `/versions/${version}/restore`)),
    exportBlueprint: (id: Id) => request<Blueprint>('GET', path(id, '/blueprint')),
    import: (input: { blueprint: Blueprint; name?: string; folder?: string }) =>
      request<ImportReport>('POST', '/scenarios/import', input),
    /** Runs and waits: the whole execution when it finishes. */
    run: (id: Id, input?: unknown, draft?: Blueprint) =>
      request<Execution>('POST', path(id, '/run'), runBody(input, draft)),
    runAsync: (id: Id, input?: unknown, draft?: Blueprint) =>
      request<{ executionId: string }>('POST', path(id, '/run'), runBody(input, draft), { async: true }),
    schedulePreview: (id: Id, count = 5) =>
      request<{ nextRuns: string[] }>('GET', path(id, '/schedule/preview'), undefined, { count }),
  };
}
