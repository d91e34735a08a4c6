import type { Query, Request } from './request';
import type {
  AppConnector,
  AppConnectorInput,
  AppToken,
  AuditPage,
  ConnectionShare,
  Team,
  TeamMember,
  ConnectorRequest,
  CustomConnector,
  DataRecord,
  DataStore,
  DataStoreInput,
  IncompleteEdit,
  IncompleteExecution,
  IncompleteStatus,
  OutboxMail,
  RecordPage,
  SendResult,
  Webhook,
  WebhookInput,
  WebhookQueue,
} from './admin-types';

// The routes the controllers add beyond docs/API.md's tables, one typed function each.

type Id = string | number;
const seg = (value: Id) => encodeURIComponent(String(value));

export function adminResources(request: Request) {
  const get = <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query);
  return {
    teams: {
      list: () => get<Team[]>('/teams'),
      create: (name: string) => request<Team>('POST', '/teams', { name }),
      rename: (id: Id, name: string) => request<Team>('PUT', `/teams/${seg(id)}`, { name }),
      remove: (id: Id) => request<void>('DELETE', `/teams/${seg(id)}`),
      members: (id: Id) => get<TeamMember[]>(`/teams/${seg(id)}/members`),
      setMember: (id: Id, userId: Id, role: Team['role']) =>
        request<void>('PUT', `/teams/${seg(id)}/members/${seg(userId)}`, { role }),
      removeMember: (id: Id, userId: Id) =>
        request<void>('DELETE', `/teams/${seg(id)}/members/${seg(userId)}`),
    },
    shares: {
      list: (connectionId: Id) => get<ConnectionShare[]>(`/connections/${seg(connectionId)}/shares`),
      add: (connectionId: Id, teamId: Id) =>
        request<ConnectionShare[]>('PUT', `/connections/${seg(connectionId)}/shares/${seg(teamId)}`),
      remove: (connectionId: Id, teamId: Id) =>
        request<void>('DELETE', `/connections/${seg(connectionId)}/shares/${seg(teamId)}`),
    },
    audit: {
      list: (
        query: {
          action?: string;
          team?: Id;
          from?: string;
          to?: string;
          page?: number;
          pageSize?: number;
        } = {},
      ) => get<AuditPage>('/audit', query),
    },
    incomplete: {
      list: (query: { scenarioId?: Id; status?: IncompleteStatus } = {}) =>
        get<IncompleteExecution[]>('/incomplete-executions', query),
      get: (id: Id) => get<IncompleteExecution>(`/incomplete-executions/${seg(id)}`),
      edit: (id: Id, state: IncompleteEdit) =>
        request<IncompleteExecution>('PATCH', `/incomplete-executions/${seg(id)}`, state),
      retry: (ids: number[]) =>
        request<Array<{ id: number; executionId: string }>>('POST', '/incomplete-executions/retry', { ids }),
      resolve: (ids: number[]) => request<void>('POST', '/incomplete-executions/resolve', { ids }),
      remove: (ids: number[]) => request<void>('POST', '/incomplete-executions/delete', { ids }),
    },
    webhooks: {
      list: () => get<Webhook[]>('/hooks'),
      create: (input: WebhookInput) => request<Webhook>('POST', '/hooks', input),
      update: (id: Id, input: Partial<Omit<WebhookInput, 'scenarioId'>>) =>
        request<Webhook>('PUT', `/hooks/${seg(id)}`, input),
      remove: (id: Id) => request<void>('DELETE', `/hooks/${seg(id)}`),
      queue: (id: Id) => get<WebhookQueue>(`/hooks/${seg(id)}/queue`),
      get: (id: Id) => get<Webhook>(`/hooks/${seg(id)}`),
      /** "Redetermine data structure": the next request becomes the hook's sample. */
      listen: (id: Id) => request<Webhook>('POST', `/hooks/${seg(id)}/listen`),
      stopListening: (id: Id) => request<Webhook>('DELETE', `/hooks/${seg(id)}/listen`),
    },
    dataStores: {
      list: () => get<DataStore[]>('/datastores'),
      create: (input: DataStoreInput) => request<DataStore>('POST', '/datastores', input),
      update: (id: Id, input: Partial<DataStoreInput>) =>
        request<DataStore>('PUT', `/datastores/${seg(id)}`, input),
      remove: (id: Id) => request<void>('DELETE', `/datastores/${seg(id)}`),
      records: (id: Id, query: { skip?: number; take?: number } = {}) =>
        get<RecordPage>(`/datastores/${seg(id)}/records`, query),
      addRecord: (id: Id, record: { key?: string; data: Record<string, unknown> }) =>
        request<DataRecord>('POST', `/datastores/${seg(id)}/records`, record),
      putRecord: (id: Id, key: string, data: Record<string, unknown>) =>
        request<DataRecord>('PUT', `/datastores/${seg(id)}/records/${seg(key)}`, { data }),
      removeRecord: (id: Id, key: string) =>
        request<void>('DELETE', `/datastores/${seg(id)}/records/${seg(key)}`),
    },
    customConnectors: {
      list: () => get<CustomConnector[]>('/custom-connectors'),
      get: (id: Id) => get<CustomConnector>(`/custom-connectors/${seg(id)}`),
      create: (input: ConnectorRequest & { name: string }) =>
        request<CustomConnector>('POST', '/custom-connectors', input),
      update: (id: Id, input: Partial<ConnectorRequest & { name: string }>) =>
        request<CustomConnector>('PUT', `/custom-connectors/${seg(id)}`, input),
      remove: (id: Id) => request<void>('DELETE', `/custom-connectors/${seg(id)}`),
      /** Send before saving. */
      send: (input: ConnectorRequest) => request<SendResult>('POST', '/custom-connectors/send', input),
      /** Send a saved connector; secrets come from the server. */
      sendSaved: (id: Id, fieldPath?: string) =>
        request<SendResult>(
          'POST',
          `/custom-connectors/${seg(id)}/send`,
          fieldPath === undefined ? {} : { fieldPath },
        ),
    },
    appConnectors: {
      list: () => get<AppConnector[]>('/app-connectors'),
      create: (input: AppConnectorInput) => request<AppConnector>('POST', '/app-connectors', input),
      update: (id: Id, input: Partial<AppConnectorInput>) =>
        request<AppConnector>('PUT', `/app-connectors/${seg(id)}`, input),
      remove: (id: Id) => request<void>('DELETE', `/app-connectors/${seg(id)}`),
      tokens: (id: Id) => get<AppToken[]>(`/app-connectors/${seg(id)}/tokens`),
      revokeToken: (tokenId: Id) => request<void>('DELETE', `/app-tokens/${seg(tokenId)}`),
      outbox: (take = 20) => get<{ items: OutboxMail[] }>('/outbox', { take }),
    },
  };
}
