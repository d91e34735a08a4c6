import type { Schema } from './dto-schema';

// The response shapes of docs/API.md as JSON Schemas (components of the document). The services
// return plain objects (no response classes), so these are written once here, next to the
// table in responses.ts that says which operation answers which.

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const bool: Schema = { type: 'boolean' };
const any: Schema = {};
const when: Schema = { type: 'number', description: 'epoch milliseconds' };
// OpenAPI 3.0 has no null type: `nullable` needs a `type` beside it and a $ref takes no
// siblings, so a nullable reference is "the referenced schema or null" (3.0.3's form of null).
const NULL: Schema = { type: 'object', nullable: true, enum: [null] };
const nullable = (s: Schema): Schema => (s.$ref ? { anyOf: [s, NULL] } : { ...s, nullable: true });
const arr = (items: Schema): Schema => ({ type: 'array', items });
const map = (values: Schema): Schema => ({ type: 'object', additionalProperties: values });
const openObject: Schema = { type: 'object', additionalProperties: true };

/** An object whose listed keys are required unless their name ends with `?`. */
export function obj(fields: Record<string, Schema>, extra: Schema = {}): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [key, schema] of Object.entries(fields)) {
    const name = key.endsWith('?') ? key.slice(0, -1) : key;
    properties[name] = schema;
    if (!key.endsWith('?')) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), ...extra };
}

const idName = obj({ id: int, name: str });
const runStatus: Schema = { type: 'string', enum: ['queued', 'running', 'success', 'warning', 'error'] };

export const SCHEMAS: Record<string, Schema> = {
  TeamRole: { type: 'string', enum: ['admin', 'member', 'operator', 'monitoring'] },
  TeamRef: obj({ id: int, name: str, role: ref('TeamRole') }),
  Team: obj({ id: int, name: str, 'createdAt?': when }, { additionalProperties: true }),
  TeamMember: obj({ userId: int, email: str, name: str, role: ref('TeamRole'), createdAt: when }),
  TeamMembership: obj({ teamId: int, userId: int, role: ref('TeamRole') }),
  ConnectionShare: obj({ teamId: int, teamName: str, createdAt: when }),
  ConnectionMoved: obj({ id: int, teamId: int }),
  AuditEvent: obj({
    id: int,
    at: when,
    actorId: nullable(int),
    actorEmail: str,
    action: str,
    teamId: nullable(int),
    targetType: str,
    targetId: nullable(str),
    details: map(any),
    ip: nullable(str),
  }),
  AuditPage: obj({ items: arr(ref('AuditEvent')), total: int, page: int, pageSize: int }),
  FieldError: obj({ path: str, message: str }),
  Error: obj(
    {
      statusCode: int,
      error: str,
      message: str,
      'fields?': arr(ref('FieldError')),
    },
    {
      description: 'Every error: 4xx names the problem (a 400 lists the failing fields), never a stack.',
      example: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'name: must be a string',
        fields: [{ path: 'name', message: 'must be a string' }],
      },
    },
  ),
  Status: obj({ status: str, 'database?': str, 'redis?': str }, { example: { status: 'ok' } }),
  User: obj({
    id: int,
    email: str,
    name: str,
    role: {
      type: 'string',
      enum: ['superuser', 'admin', 'user'],
      description: 'organisation role: superuser is the Owner, admin an Admin, user a Member',
    },
    'orgRole?': { type: 'string', enum: ['owner', 'admin', 'member'] },
    'teams?': arr(ref('TeamRef')),
    'timezone?': nullable(str),
    groupIds: arr(int),
    'disabled?': bool,
    'createdAt?': when,
    'lastLoginAt?': nullable(when),
  }),
  LoginResult: obj(
    { token: str, user: ref('User') },
    {
      example: {
        token: 'itg_4c1f…',
        user: { id: 1, email: 'admin@example.com', name: 'Admin', role: 'superuser', groupIds: [] },
      },
    },
  ),
  Group: obj({ id: int, name: str, 'description?': str, userIds: arr(int), 'createdAt?': when }),
  Organization: obj({
    name: str,
    timezone: str,
    // Integrations never switched on are absent (off).
    integrations: obj({ 'customConnector?': bool }),
    privateNetworkGuard: bool,
    executionRetentionDays: int,
    executionRetentionCount: { type: 'integer', description: 'runs kept per scenario (0: no limit)' },
    executionRetentionBytes: { type: 'integer', description: 'bytes of history kept in all (0: no limit)' },
  }),
  // libs/sdk/src/metadata.ts; field metadata stays open (what the canvas renders forms from).
  ConnectionTypeMetadata: obj({
    key: str,
    label: str,
    'description?': str,
    fields: arr(openObject),
    'oauth2?': obj({ grant: str }),
  }),
  ModuleMetadata: obj(
    {
      key: str,
      label: str,
      'description?': str,
      kind: str,
      versions: arr(int),
      parameters: arr(openObject),
      mapper: arr(openObject),
      extraMapperFields: bool,
      'connection?': obj({ types: arr(str), required: bool }),
      instant: bool,
      'directive?': str,
      'icon?': str,
      'output?': any,
      'aliases?': arr(str),
    },
    { additionalProperties: true },
  ),
  AppMetadata: obj({
    key: str,
    label: str,
    'description?': str,
    'icon?': str,
    'color?': str,
    'integration?': str,
    modules: arr(ref('ModuleMetadata')),
    connectionTypes: arr(ref('ConnectionTypeMetadata')),
  }),
  Connection: obj({
    id: int,
    name: str,
    type: str,
    'typeLabel?': {
      type: 'string',
      description: "the app's name (with the kind of credentials when it has several)",
    },
    values: map(any),
    secretsSet: arr(str),
    status: str,
    'statusMessage?': str,
    'verifiedAt?': nullable({
      ...when,
      description: 'when the credentials last worked (a check, or a run that used them)',
    }),
    usedBy: arr(idName),
    'teamId?': int,
    'shared?': {
      type: 'boolean',
      description: "another team's connection shared with this one: usable, never readable",
    },
    'createdAt?': when,
    'updatedAt?': when,
  }),
  VerifyResult: obj({ ok: bool, 'message?': str }),
  Url: obj({ url: str }),
  Schedule: obj({ type: str, 'timezone?': str }, { additionalProperties: true }),
  LastRun: obj({
    executionId: str,
    status: runStatus,
    at: nullable(when),
  }),
  ScenarioSummary: obj({
    id: int,
    name: str,
    'folder?': nullable(str),
    active: bool,
    'invalid?': bool,
    'schedule?': nullable(ref('Schedule')),
    'scheduleText?': str,
    'instant?': { type: 'boolean', description: 'the first module is an instant trigger (a webhook)' },
    'queueText?': {
      type: 'string',
      description:
        'an instant trigger on a time schedule or "On demand": when its waiting requests are processed',
    },
    'version?': int,
    'lastRun?': nullable(ref('LastRun')),
    'deactivation?': nullable(obj({ reason: nullable(str), at: when })),
    'consecutiveErrors?': int,
    'updatedAt?': when,
  }),
  ScenarioList: obj({ items: arr(ref('ScenarioSummary')) }),
  Blueprint: obj(
    { name: str, flow: arr(openObject), 'metadata?': openObject },
    {
      additionalProperties: true,
      description: 'libs/engine/src/blueprint.ts (format: metadata.integrator.format 1)',
    },
  ),
  Scenario: {
    allOf: [
      ref('ScenarioSummary'),
      obj({
        blueprint: ref('Blueprint'),
        version: int,
        issues: arr(ref('FieldError')),
        'nextRuns?': arr(str),
      }),
    ],
  },
  ScenarioVersion: obj({ version: int, createdAt: when, 'createdBy?': nullable(int) }),
  ImportReport: obj({
    scenario: ref('Scenario'),
    report: obj({
      format: { type: 'string', enum: ['integrator', 'make'] },
      unknownModules: arr(obj({ id: int, module: str, path: str })),
      connectionsToChoose: arr(obj({ id: int, module: str, path: str })),
      translatedExpressions: arr(obj({ path: str, from: str, to: str })),
      untranslatable: arr(obj({ path: str, expression: str, reason: str })),
      'dropped?': arr(obj({ id: int, module: str, path: str, value: any })),
      notes: arr(str),
    }),
  }),
  NextRuns: obj({ nextRuns: arr(str) }),
  ExecutionStarted: obj({ executionId: str }),
  ExecutionSummary: obj({
    id: str,
    scenarioId: int,
    'scenarioVersion?': int,
    status: runStatus,
    'trigger?': str,
    'createdAt?': when,
    'startedAt?': nullable(when),
    'finishedAt?': nullable(when),
    'durationMs?': nullable(num),
    operations: int,
    'dataSize?': nullable(num),
    'cycles?': nullable(int),
    'error?': nullable(openObject),
    'warnings?': arr(openObject),
  }),
  Execution: {
    allOf: [
      ref('ExecutionSummary'),
      obj({
        modules: arr(openObject),
        'input?': any,
        'confidential?': bool,
        'draft?': bool,
        'incomplete?': arr(obj({ id: int, moduleId: int, status: str })),
      }),
    ],
  },
  ExecutionPage: obj({ items: arr(ref('ExecutionSummary')), total: int, page: int, pageSize: int }),
  DayStats: obj({ date: str, runs: int, operations: int, errors: int }),
  Stopping: obj({ stopping: bool }),
  DataStructureField: obj({
    name: str,
    'label?': str,
    type: { type: 'string', enum: ['text', 'number', 'boolean', 'date', 'array', 'collection', 'any'] },
    'required?': bool,
  }),
  DataStore: obj({
    id: int,
    name: str,
    fields: arr(ref('DataStructureField')),
    strict: bool,
    maxSizeBytes: int,
    records: int,
    usedBytes: int,
    'createdAt?': when,
  }),
  DataRecord: obj({ key: str, data: map(any), 'updatedAt?': when }),
  RecordPage: obj({ items: arr(ref('DataRecord')), total: int, skip: int, take: int }),
  Deleted: obj({ deleted: int }, { additionalProperties: true }),
  IncompleteExecution: obj({
    id: int,
    scenarioId: int,
    'scenarioVersion?': int,
    executionId: str,
    moduleId: int,
    status: { type: 'string', enum: ['unresolved', 'pending', 'in_progress', 'resolved'] },
    attempts: int,
    'nextAttemptAt?': nullable(when),
    'lastError?': nullable(str),
    'size?': int,
    'retry?': any,
    'record?': {
      type: 'object',
      description:
        'the stored state a retry starts from (outputs by module id, variables, input, error); only on one',
    },
    createdAt: when,
    'updatedAt?': when,
  }),
  Webhook: obj({
    id: int,
    name: str,
    'kind?': { type: 'string', enum: ['web', 'mail'] },
    url: str,
    'address?': { type: 'string', description: "a mailhook's email address" },
    'notice?': { type: 'string', description: 'why the hook cannot receive anything yet' },
    'teamId?': int,
    scenarioId: nullable(int),
    requiredFields: arr(str),
    maxQueue: int,
    maxBodyBytes: int,
    'responseTimeoutSeconds?': int,
    'idempotencyField?': nullable(str),
    'idempotencyWindowHours?': num,
    'queued?': int,
    'listening?': { type: 'boolean', description: 'waiting for a request to determine the data structure' },
    'sample?': nullable({
      type: 'object',
      additionalProperties: true,
      description: 'the determined data structure (a bundle)',
    }),
    'sampleAt?': nullable(when),
    'createdAt?': when,
  }),
  WebhookQueue: obj({ total: int, items: arr(obj({ id: int, receivedAt: when, payload: any })) }),
  CustomConnector: obj({
    id: int,
    name: str,
    method: { type: 'string', enum: ['GET', 'POST'] },
    url: str,
    params: map(str),
    headers: map(str),
    body: nullable(str),
    fieldPath: str,
    auth: obj(
      { type: { type: 'string', enum: ['none', 'apiKey', 'bearer', 'basic', 'oauth2ClientCredentials'] } },
      { additionalProperties: true },
    ),
    secretsSet: arr(str),
    'ownerId?': nullable(int),
    usedBy: arr(idName),
    'createdAt?': when,
    'updatedAt?': when,
  }),
  SendResult: obj({
    status: int,
    headers: map(str),
    body: any,
    bodyType: { type: 'string', enum: ['json', 'text', 'binary', 'empty'] },
    fieldPath: str,
    'value?': any,
    'valueError?': str,
  }),
  IpRules: {
    oneOf: [
      obj({ allow: arr(str) }, { additionalProperties: false }),
      obj({ deny: arr(str) }, { additionalProperties: false }),
      NULL,
    ],
  },
  AppConnector: obj({
    id: int,
    key: str,
    description: str,
    groupId: int,
    blocked: bool,
    scenarioIds: arr(int),
    dataStoreIds: arr(int),
    ipRules: ref('IpRules'),
    'createdAt?': when,
    'updatedAt?': when,
  }),
  AppToken: obj({
    id: int,
    userId: int,
    userEmail: str,
    createdAt: when,
    lastUsedAt: nullable(when),
    revokedAt: nullable(when),
    active: bool,
  }),
  Outbox: obj({ items: arr(obj({ id: int, to: str, subject: str, text: str, createdAt: when })) }),
  Token: obj({ token: str }),
  JsonSchema: { type: 'object', additionalProperties: true, description: 'a JSON Schema (`{}` when none)' },
  CheckInFrequency: {
    oneOf: [
      obj({ type: { type: 'string', enum: ['daily'] } }),
      obj({
        type: { type: 'string', enum: ['weekly', 'biweekly'] },
        weekday: { type: 'integer', minimum: 0, maximum: 6, description: '0 = Sunday' },
      }),
      obj({ type: { type: 'string', enum: ['monthly'] }, day: { type: 'integer', minimum: 1, maximum: 31 } }),
    ],
    example: { type: 'weekly', weekday: 5 },
  },
  KeyResult: obj({
    id: int,
    objectiveId: int,
    name: str,
    ownerId: int,
    periodStart: str,
    periodEnd: str,
    type: { type: 'string', enum: ['increase', 'decrease', 'control'] },
    controlType: nullable({ type: 'string', enum: ['atLeast', 'atMost', 'between'] }),
    progressMethod: nullable({ type: 'string', enum: ['successRate', 'distance', 'average', 'sum'] }),
    checkInFrequency: ref('CheckInFrequency'),
    startValue: nullable(num),
    targetValue: nullable(num),
    lowerLimit: nullable(num),
    upperLimit: nullable(num),
    unit: str,
    currentValue: nullable(num),
    progress: nullable(num),
    plannedCheckIns: int,
    connectorId: nullable(int),
    autoConfirm: bool,
    'nextAutomatedCheckIn?': nullable(when),
    createdAt: when,
    updatedAt: when,
  }),
  Objective: obj({
    id: int,
    name: str,
    description: str,
    ownerId: int,
    periodStart: str,
    periodEnd: str,
    progress: nullable(num),
    keyResults: arr(ref('KeyResult')),
  }),
  CheckIn: obj({
    id: int,
    keyResultId: int,
    value: nullable(num),
    takenAt: when,
    source: { type: 'string', enum: ['manual', 'automated', 'scenario'] },
    status: { type: 'string', enum: ['pending', 'confirmed', 'discarded', 'failed'] },
    progress: nullable(num),
    createdBy: nullable(int),
    confirmedBy: nullable(int),
    confirmedAt: nullable(when),
    discardedBy: nullable(int),
    discardedAt: nullable(when),
    note: nullable(str),
    failureReason: nullable(str),
    scenarioId: nullable(int),
    createdAt: when,
  }),
  CheckInResult: obj({ checkIn: ref('CheckIn'), keyResult: ref('KeyResult') }),
  ConnectorValue: obj({
    connectorId: int,
    status: nullable(int),
    fieldPath: str,
    value: nullable(num),
    'valueError?': str,
  }),
};

/** Examples of the main request bodies (Redocly's lint checks each against its schema). */
export const REQUEST_EXAMPLES: Record<string, unknown> = {
  LoginDto: { email: 'admin@example.com', password: 'correct horse battery staple' },
  CreateScenarioDto: {
    name: 'Greeter',
    folder: 'Examples',
    blueprint: {
      name: 'Greeter',
      flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'greeting', value: 'Hello' } }],
      metadata: { integrator: { format: 1 }, scenario: { roundtrips: 1 } },
    },
  },
  CreateConnectionDto: { name: 'CRM token', type: 'bearer', credentials: { token: 's3cr3t' } },
  CreateObjectiveDto: { name: 'Grow revenue', periodStart: '2026-01-01', periodEnd: '2026-03-31' },
  CreateKeyResultDto: {
    objectiveId: 1,
    name: 'Monthly recurring revenue',
    type: 'increase',
    startValue: 10000,
    targetValue: 15000,
    unit: 'EUR',
  },
};
