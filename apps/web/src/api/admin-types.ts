// Shapes of the routes beyond docs/API.md's tables (read from the controllers in apps/api):
// incomplete executions, webhooks, data stores, custom connectors, app connectors, users.

type Id = string | number;
type When = string | number;

export interface UserRow {
  id: Id;
  email: string;
  name: string;
  role: 'superuser' | 'admin' | 'user';
  timezone?: string | null;
  groupIds: Id[];
  disabled?: boolean;
  createdAt?: When;
  lastLoginAt?: When | null;
}

export interface UserUpdate {
  name?: string;
  password?: string;
  role?: 'superuser' | 'admin' | 'user';
  /** null: follow the organisation's zone. */
  timezone?: string | null;
  disabled?: boolean;
}

export type IncompleteStatus = 'unresolved' | 'pending' | 'in_progress' | 'resolved';

export interface IncompleteExecution {
  id: number;
  scenarioId: Id;
  scenarioVersion?: number;
  executionId: string;
  moduleId: number;
  status: IncompleteStatus;
  attempts: number;
  nextAttemptAt?: When | null;
  /** The message of the error that stopped it ('' when none). */
  lastError?: string | null;
  size?: number;
  retry?: unknown;
  createdAt: When;
  updatedAt?: When;
}

export interface Webhook {
  id: Id;
  name: string;
  /** 'mail': a mailhook, whose address receives mail instead of HTTP requests. */
  kind?: 'web' | 'mail';
  url: string;
  /** A mailhook's email address. */
  address?: string;
  /** Why the hook cannot receive anything yet (the mail listener is off). */
  notice?: string;
  scenarioId: Id | null;
  requiredFields: string[];
  maxQueue: number;
  maxBodyBytes: number;
  responseTimeoutSeconds?: number;
  queued?: number;
  createdAt?: When;
}

export interface WebhookInput {
  name: string;
  kind?: 'web' | 'mail';
  scenarioId?: number | null;
  requiredFields?: string[];
  maxQueue?: number;
  maxBodyBytes?: number;
  responseTimeoutSeconds?: number;
}

export interface WebhookQueue {
  total: number;
  items: Array<{ id: Id; receivedAt: When; payload: unknown }>;
}

export type DataFieldType = 'text' | 'number' | 'boolean' | 'date' | 'array' | 'collection' | 'any';

export interface DataStructureField {
  name: string;
  label?: string;
  type: DataFieldType;
  required?: boolean;
}

export interface DataStore {
  id: Id;
  name: string;
  fields: DataStructureField[];
  strict: boolean;
  maxSizeBytes: number;
  records: number;
  usedBytes: number;
  createdAt?: When;
}

export interface DataStoreInput {
  name: string;
  fields?: DataStructureField[];
  strict?: boolean;
  maxSizeBytes?: number;
}

export interface DataRecord {
  key: string;
  data: Record<string, unknown>;
  updatedAt?: When;
}

export interface RecordPage {
  items: DataRecord[];
  total: number;
  skip: number;
  take: number;
}

export type AuthType = 'none' | 'apiKey' | 'bearer' | 'basic' | 'oauth2ClientCredentials';

export interface CustomConnector {
  id: Id;
  name: string;
  method: 'GET' | 'POST';
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  fieldPath: string;
  /** The authorization type and its non-secret fields. */
  auth: { type: AuthType } & Record<string, unknown>;
  secretsSet: string[];
  ownerId?: Id;
  usedBy: Array<{ id: Id; name: string }>;
  createdAt?: When;
  updatedAt?: When;
}

export interface ConnectorRequest {
  method?: 'GET' | 'POST';
  url: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | null;
  auth?: { type: AuthType } & Record<string, unknown>;
  fieldPath?: string;
}

export interface SendResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  bodyType: 'json' | 'text' | 'binary' | 'empty';
  fieldPath: string;
  value?: unknown;
  valueError?: string;
}

export type IpRules = { allow: string[] } | { deny: string[] } | null;

export interface AppConnector {
  id: Id;
  key: string;
  description: string;
  groupId: Id;
  blocked: boolean;
  scenarioIds: Id[];
  dataStoreIds: Id[];
  ipRules: IpRules;
  createdAt?: When;
  updatedAt?: When;
}

export interface AppConnectorInput {
  description: string;
  groupId: number;
  blocked?: boolean;
  scenarioIds?: number[];
  dataStoreIds?: number[];
  ipRules?: IpRules;
}

export interface AppToken {
  id: Id;
  userId: Id;
  userEmail: string;
  createdAt: When;
  lastUsedAt: When | null;
  revokedAt: When | null;
  active: boolean;
}

export interface OutboxMail {
  id: Id;
  to: string;
  subject: string;
  text: string;
  createdAt: When;
}

export interface Team {
  id: number;
  name: string;
  role: 'admin' | 'member' | 'operator' | 'monitoring';
}

export interface TeamMember {
  userId: number;
  email: string;
  name: string;
  role: Team['role'];
  createdAt: When;
}

export interface ConnectionShare {
  teamId: number;
  teamName: string;
  createdAt: When;
}

export interface AuditEvent {
  id: number;
  at: When;
  actorId: number | null;
  actorEmail: string;
  action: string;
  teamId: number | null;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export interface AuditPage {
  items: AuditEvent[];
  total: number;
  page: number;
  pageSize: number;
}
