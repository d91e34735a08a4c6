import type { OpenAPIObject } from '@nestjs/swagger';
import { dtoSchema, queryParameters, type Schema } from './dto-schema';
import { ANSWERS } from './responses';
import type { RouteInfo } from './routes';
import { ref, REQUEST_EXAMPLES, SCHEMAS } from './schemas';
import { WEBHOOK_PATH, WEBHOOK_SCHEMAS } from './webhook-path';

type Ctor = new (...args: never[]) => unknown;
type Operation = Record<string, unknown> & {
  operationId: string;
  tags?: string[];
  parameters?: Schema[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Record<string, unknown>>;
};

const ERRORS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Bad input: `fields` names each failing field' },
  401: { name: 'Unauthorized', description: 'No valid token' },
  403: { name: 'Forbidden', description: 'Not allowed for this caller' },
  404: { name: 'NotFound', description: 'No such resource' },
  409: { name: 'Conflict', description: 'Conflicts with the current state' },
  413: { name: 'PayloadTooLarge', description: 'The body is over the size limit' },
  429: { name: 'TooManyRequests', description: 'Too many attempts; try again later' },
  502: { name: 'BadGateway', description: 'The outside service could not be reached or failed' },
  503: { name: 'ServiceUnavailable', description: 'A dependency (database, Redis) is not reachable' },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/**
 * Completes the document Nest's explorer builds: request schemas from the DTOs' validation rules,
 * success schemas, the error answers each operation can give, security from @Public() and the
 * guards, summaries and servers. Runs over every operation, so a new route is covered too (the
 * openapi e2e test fails when its success schema is missing).
 */
export function completeDocument(
  doc: OpenAPIObject,
  routes: Map<string, RouteInfo>,
  serverUrl: string,
): OpenAPIObject {
  const schemas = (doc.components!.schemas ??= {}) as Record<string, Schema>;
  Object.assign(schemas, SCHEMAS, WEBHOOK_SCHEMAS);
  const nested = (cls: Ctor): Schema => {
    if (!schemas[cls.name] || isEmpty(schemas[cls.name])) {
      const example = REQUEST_EXAMPLES[cls.name];
      schemas[cls.name] = { ...dtoSchema(cls, nested), ...(example ? { example } : {}) };
    }
    return ref(cls.name);
  };
  doc.components!.responses = Object.fromEntries(
    Object.values(ERRORS).map((e) => [
      e.name,
      { description: e.description, content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
  doc.components!.securitySchemes = {
    bearer: { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/auth/login' },
    appToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'An app token (itgapp_…) from POST /api/app/otp-validation',
    },
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const route = routes.get(op.operationId);
      if (route) completeOperation(op, route, path, nested);
    }
  }
  Object.assign(doc.paths, WEBHOOK_PATH);
  doc.servers = [{ url: serverUrl, description: 'This installation' }];
  doc.info.description =
    'Integrator, an open, self-hostable scenario builder. Errors are JSON `{ statusCode, error, message, fields? }`.';
  doc.info.license = { name: 'MIT', url: 'https://opensource.org/licenses/MIT' };
  return doc;
}

function completeOperation(op: Operation, route: RouteInfo, path: string, nested: (c: Ctor) => Schema) {
  if (route.body) op.requestBody = { content: { 'application/json': { schema: nested(route.body) } } };
  if (route.query) {
    const names = new Set((op.parameters ?? []).map((p) => p.name));
    op.parameters = [
      ...(op.parameters ?? []),
      ...queryParameters(route.query).filter((p) => !names.has(p.name)),
    ];
  }
  // Numeric path ids all go through ParseIntPipe: whole numbers.
  for (const p of op.parameters ?? [])
    if (p.in === 'path' && (p.schema as Schema | undefined)?.type === 'number')
      p.schema = { type: 'integer' };
  op.summary ??= summary(op);
  const answer = ANSWERS[op.operationId] ?? {};
  for (const name of answer.query ?? [])
    if (!op.parameters?.some((p) => p.name === name))
      (op.parameters ??= []).push({ name, in: 'query', required: false, schema: { type: 'string' } });
  for (const [status, schema] of Object.entries(answer.ok ?? {})) {
    const existing = op.responses[status] ?? { description: '' };
    op.responses[status] = {
      ...existing,
      description: (existing.description as string) || (Number(status) < 400 ? 'Success' : 'Refused'),
      ...(schema ? { content: { [answer.contentType ?? 'application/json']: { schema } } } : {}),
    };
  }
  // A declared body-less 200/201 that the table replaces with another status is dropped.
  if (answer.ok)
    for (const status of Object.keys(op.responses))
      if (/^2/.test(status) && !(status in answer.ok)) delete op.responses[status];
  const secured = !route.isPublic || route.appToken;
  op.security = route.appToken ? [{ appToken: [] }] : route.isPublic ? [] : [{ bearer: [] }];
  // A signed-in user acts in one team at a time (issue 13): the header names it.
  if (!route.isPublic && !route.appToken && !op.parameters?.some((p) => p.name === 'X-Team-Id'))
    (op.parameters ??= []).push({
      name: 'X-Team-Id',
      in: 'header',
      required: false,
      description: "the team to act in (default: the user's first team)",
      schema: { type: 'integer' },
    });
  const errors = new Set(answer.errors ?? []);
  if ((op.parameters?.length || op.requestBody) && !op.responses['400']) errors.add(400);
  if (secured) [401, 403].forEach((s) => errors.add(s));
  if (/\{[^}]+\}/.test(path)) errors.add(404);
  if (op.requestBody) errors.add(413);
  for (const status of [...errors].sort())
    op.responses[String(status)] = { $ref: `#/components/responses/${ERRORS[status].name}` };
}

/** "automatedCheckIn" under "okr" reads "Automated check in (okr)". */
function summary(op: Operation): string {
  const method = op.operationId.split('_')[1] ?? op.operationId;
  const words = method.replace(/([A-Z])/g, ' $1').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${op.tags?.[0] ?? 'api'})`;
}

function isEmpty(schema: Schema): boolean {
  const props = schema.properties as Record<string, unknown> | undefined;
  return !schema.$ref && !schema.allOf && (!props || Object.keys(props).length === 0);
}
