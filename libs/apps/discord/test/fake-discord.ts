import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';

// A strict Discord API v10 (discord.com/developers/docs): `Authorization: Bot <token>`, JSON
// bodies, errors as { code, message, errors }, rate-limit headers on every answer. Stricter than
// Discord on purpose: a body field the endpoint does not take is an Invalid Form Body.

export const TOKEN = 'MTA5.fake-bot-token.xyz';
export const CHANNEL = '1100000000000000001';
export const WEBHOOK_ID = '1200000000000000001';
export const WEBHOOK_TOKEN = 'hook-secret-token';

export interface Message {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  author: { id: string; username: string };
  message_reference?: unknown;
  timestamp: string;
}

export interface FakeDiscord extends FakeServer {
  messages: Message[];
  /** Adds a message to the channel (as if someone wrote it). */
  post(content: string): Message;
}

const RATE = {
  'X-RateLimit-Limit': '5',
  'X-RateLimit-Remaining': '4',
  'X-RateLimit-Reset-After': '1.0',
  'X-RateLimit-Bucket': 'abc',
};
const err = (status: number, code: number, message: string, errors?: unknown): FakeReply => ({
  status,
  body: { code, message, ...(errors ? { errors } : {}) },
  headers: RATE,
});
const formError = (path: string, code: string, message: string) =>
  err(400, 50035, 'Invalid Form Body', { [path]: { _errors: [{ code, message }] } });

const CREATE_FIELDS = [
  'content',
  'embeds',
  'message_reference',
  'tts',
  'allowed_mentions',
  'nonce',
  'flags',
  'components',
];
const WEBHOOK_FIELDS = [
  'content',
  'embeds',
  'username',
  'avatar_url',
  'tts',
  'allowed_mentions',
  'flags',
  'thread_name',
];

export async function startFakeDiscord(): Promise<FakeDiscord> {
  let next = 1300000000000000000n;
  const messages: Message[] = [];
  const post = (content: string, extra: Partial<Message> = {}): Message => {
    const m: Message = {
      id: String(next++),
      channel_id: CHANNEL,
      content,
      embeds: [],
      author: { id: '42', username: 'someone' },
      timestamp: '2026-01-01T00:00:00.000000+00:00',
      ...extra,
    };
    messages.push(m);
    return m;
  };
  const fake = await startFake((req) => route(req, messages, post));
  return Object.assign(fake, { messages, post: (c: string) => post(c) });
}

function route(
  req: RecordedRequest,
  messages: Message[],
  post: (c: string, e?: Partial<Message>) => Message,
): FakeReply {
  const url = new URL(req.url, 'http://x');
  const hook = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(url.pathname);
  if (hook) {
    if (hook[1] !== WEBHOOK_ID) return err(404, 10015, 'Unknown Webhook');
    if (hook[2] !== WEBHOOK_TOKEN) return err(401, 50027, 'Invalid Webhook Token');
    if (req.method === 'GET')
      return { status: 200, body: { id: WEBHOOK_ID, type: 1, channel_id: CHANNEL }, headers: RATE };
    if (req.method !== 'POST') return err(405, 0, '405: Method Not Allowed');
    const body = jsonBody(req, WEBHOOK_FIELDS);
    if (isReply(body)) return body;
    const invalid = checkMessage(body);
    if (invalid) return invalid;
    const m = post(String(body.content ?? ''), {
      embeds: (body.embeds as unknown[]) ?? [],
      author: { id: WEBHOOK_ID, username: String(body.username ?? 'Hook') },
    });
    return url.searchParams.get('wait') === 'true'
      ? { status: 200, body: m, headers: RATE }
      : { status: 204, headers: RATE };
  }
  if (req.headers.authorization !== `Bot ${TOKEN}`) return err(401, 0, '401: Unauthorized');
  if (url.pathname === '/users/@me' && req.method === 'GET')
    return { status: 200, body: { id: '99', username: 'bot', bot: true }, headers: RATE };
  const channel = /^\/channels\/(\d+)\/messages$/.exec(url.pathname);
  if (!channel) return err(404, 0, '404: Not Found');
  if (channel[1] !== CHANNEL) return err(404, 10003, 'Unknown Channel');
  if (req.method === 'GET') return listMessages(url, messages);
  if (req.method !== 'POST') return err(405, 0, '405: Method Not Allowed');
  const body = jsonBody(req, CREATE_FIELDS);
  if (isReply(body)) return body;
  const invalid = checkMessage(body);
  if (invalid) return invalid;
  const ref = body.message_reference as { message_id?: string } | undefined;
  if (ref && !messages.some((m) => m.id === ref.message_id))
    return formError('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
  const m = post(String(body.content ?? ''), {
    embeds: (body.embeds as unknown[]) ?? [],
    author: { id: '99', username: 'bot' },
    ...(ref ? { message_reference: ref } : {}),
  });
  return { status: 200, body: m, headers: RATE };
}

// Error replies always carry the rate-limit headers; request bodies never have these two keys together.
const isReply = (v: Record<string, unknown> | FakeReply): v is FakeReply =>
  typeof v.status === 'number' && v.headers === RATE;

function jsonBody(req: RecordedRequest, allowed: string[]): Record<string, unknown> | FakeReply {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
    return err(400, 50109, 'The request body contains invalid JSON.');
  const body = req.json;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return err(400, 50109, 'The request body contains invalid JSON.');
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown) return formError(unknown, 'UNKNOWN_FIELD', 'This field is not allowed.');
  return body as Record<string, unknown>;
}

function checkMessage(body: Record<string, unknown>): FakeReply | undefined {
  const content = body.content;
  if (content !== undefined && typeof content !== 'string')
    return formError('content', 'BASE_TYPE_STRING', 'Must be a string.');
  if (typeof content === 'string' && content.length > 2000)
    return formError('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  const embeds = body.embeds as unknown[] | undefined;
  if (embeds !== undefined && (!Array.isArray(embeds) || embeds.length > 10))
    return formError('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  if (!content && !embeds?.length) return err(400, 50006, 'Cannot send an empty message');
  return undefined;
}

// Discord answers newest first; with `after`, the `limit` messages just after that id.
function listMessages(url: URL, messages: Message[]): FakeReply {
  for (const k of url.searchParams.keys())
    if (!['limit', 'after', 'before', 'around'].includes(k))
      return formError(k, 'UNKNOWN_FIELD', 'This field is not allowed.');
  const limit = Number(url.searchParams.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return formError('limit', 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 100.');
  const after = url.searchParams.get('after');
  let list = [...messages].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  list =
    after === null ? list.slice(-limit) : list.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
  return { status: 200, body: list.reverse(), headers: RATE };
}
