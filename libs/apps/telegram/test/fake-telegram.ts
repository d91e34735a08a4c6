import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';

// A strict Bot API (core.telegram.org/bots/api): POST /bot<token>/<method>, parameters as JSON,
// urlencoded or multipart; answers { ok: true, result } or { ok: false, error_code, description }.
// Stricter than Telegram in one way on purpose: a parameter the method does not know is a 400,
// so a misspelt parameter fails a test instead of being ignored.

export const TOKEN = '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11';
export const CHAT = 4242;

const COMMON = [
  'chat_id',
  'message_thread_id',
  'parse_mode',
  'disable_notification',
  'reply_parameters',
  'reply_markup',
];
const METHODS: Record<string, string[]> = {
  getMe: [],
  sendMessage: [...COMMON, 'text', 'link_preview_options', 'entities'],
  sendPhoto: [...COMMON, 'photo', 'caption'],
  sendDocument: [...COMMON, 'document', 'caption'],
  setWebhook: ['url', 'secret_token', 'allowed_updates', 'max_connections', 'drop_pending_updates'],
  deleteWebhook: ['drop_pending_updates'],
  getChat: ['chat_id'],
};

export interface FakeTelegram extends FakeServer {
  sent: Array<{ method: string; params: Record<string, unknown> }>;
  webhook?: { url: string; secret_token?: string };
}

const fail = (code: number, description: string, extra: Record<string, unknown> = {}): FakeReply => ({
  status: code,
  body: { ok: false, error_code: code, description, ...extra },
});

export async function startFakeTelegram(): Promise<FakeTelegram> {
  let nextId = 100;
  // eslint-disable-next-line prefer-const -- the handler reads it once requests arrive
  let state: FakeTelegram;
  const fake = await startFake((req) => {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url.split('?')[0]);
    if (!m) return fail(404, 'Not Found');
    if (m[1] !== TOKEN) return fail(401, 'Unauthorized');
    const method = m[2];
    if (!METHODS[method]) return fail(404, 'Not Found');
    if (req.method !== 'POST' && req.method !== 'GET') return fail(405, 'Method Not Allowed');
    const params = paramsOf(req);
    if (typeof params === 'string') return fail(400, `Bad Request: ${params}`);
    const unknown = Object.keys(params).find((k) => !METHODS[method].includes(k));
    if (unknown) return fail(400, `Bad Request: unknown parameter ${unknown}`);
    state.sent.push({ method, params });
    const result = answer(method, params, state, () => nextId++);
    return 'status' in result ? result : { status: 200, body: { ok: true, result: result.ok } };
  });
  state = Object.assign(fake, { sent: [] }) as FakeTelegram;
  return state;
}

function paramsOf(req: RecordedRequest): Record<string, unknown> | string {
  if (!req.body.length) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    return req.json !== null && typeof req.json === 'object'
      ? (req.json as Record<string, unknown>)
      : "can't parse JSON";
  }
  if (!req.form) return `unsupported content type ${type}`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of req.form.entries()) {
    // Object parameters come JSON-serialised in forms (Bot API "Making requests").
    if (typeof v !== 'string') out[k] = v;
    else if (/^[[{]/.test(v)) out[k] = JSON.parse(v);
    else out[k] = v;
  }
  return out;
}

type Answer = FakeReply | { ok: unknown };

function answer(
  method: string,
  p: Record<string, unknown>,
  state: Partial<FakeTelegram>,
  id: () => number,
): Answer {
  switch (method) {
    case 'getMe':
      return { ok: { id: 123456, is_bot: true, first_name: 'Test bot', username: 'test_bot' } };
    case 'setWebhook':
      if (typeof p.url !== 'string' || !p.url.startsWith('https://'))
        return fail(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
      state.webhook = { url: p.url, secret_token: p.secret_token as string | undefined };
      return { ok: true };
    case 'deleteWebhook':
      state.webhook = undefined;
      return { ok: true };
    case 'getChat':
      return String(p.chat_id) === String(CHAT)
        ? { ok: { id: CHAT, type: 'private' } }
        : fail(400, 'Bad Request: chat not found');
  }
  if (String(p.chat_id) !== String(CHAT)) return fail(400, 'Bad Request: chat not found');
  if (p.parse_mode !== undefined && !['HTML', 'Markdown', 'MarkdownV2'].includes(String(p.parse_mode)))
    return fail(400, `Bad Request: unsupported parse_mode`);
  const reply = p.reply_parameters as { message_id?: number } | undefined;
  if (reply && (typeof reply.message_id !== 'number' || reply.message_id >= 100))
    return fail(400, 'Bad Request: message to be replied not found');
  const message: Record<string, unknown> = {
    message_id: id(),
    chat: { id: CHAT, type: 'private' },
    date: 1767225600,
  };
  if (method === 'sendMessage') {
    if (typeof p.text !== 'string' || !p.text.trim()) return fail(400, 'Bad Request: message text is empty');
    return { ok: { ...message, text: p.text } };
  }
  const key = method === 'sendPhoto' ? 'photo' : 'document';
  const file = p[key];
  if (file === undefined) return fail(400, `Bad Request: there is no ${key} in the request`);
  if (typeof file === 'string' && !/^(https?:\/\/|AgAC|BQAC)/.test(file))
    return fail(400, 'Bad Request: wrong remote file identifier specified: Wrong string length');
  const size = typeof file === 'string' ? 0 : (file as File).size;
  const meta = { file_id: `BQAC${id()}`, file_unique_id: 'u1', file_size: size };
  return {
    ok: { ...message, [key]: key === 'photo' ? [meta] : meta, ...(p.caption ? { caption: p.caption } : {}) },
  };
}
