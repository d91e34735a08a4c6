import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';
import { answerConsent, consentError, consentPage } from '../../../../test/support/consent-page';

// A strict Slack Web API (api.slack.com/methods): https://slack.com/api/<method>, the token as
// `Authorization: Bearer`, failures as HTTP 200 `{ ok: false, error }`. Writes must be JSON with
// `charset=utf-8`; reads take a query string. Stricter than Slack on purpose: an argument the
// method does not know is `invalid_arguments`, and JSON without the charset is refused
// (Slack only warns `missing_charset`), so a sloppy request fails a test.

export const TOKEN = 'xoxb-1111-2222-abcDEFghiJKL';
export const CHANNELS = [
  { id: 'C0000000001', name: 'general', is_channel: true, is_private: false, is_archived: false },
  { id: 'C0000000002', name: 'random', is_channel: true, is_private: false, is_archived: false },
  { id: 'C0000000003', name: 'old', is_channel: true, is_private: false, is_archived: true },
  { id: 'G0000000004', name: 'secret', is_channel: true, is_private: true, is_archived: false },
  { id: 'C0000000005', name: 'sales', is_channel: true, is_private: false, is_archived: false },
];
export const OAUTH = { clientId: '1111.2222', clientSecret: 'client-shh', code: 'good-code' };

const METHODS: Record<string, { http: 'POST' | 'GET'; args: string[]; scope?: string }> = {
  'auth.test': { http: 'POST', args: [] },
  'chat.postMessage': {
    http: 'POST',
    scope: 'chat:write',
    args: [
      'channel',
      'text',
      'blocks',
      'thread_ts',
      'reply_broadcast',
      'mrkdwn',
      'parse',
      'link_names',
      'username',
      'icon_url',
      'icon_emoji',
      'unfurl_links',
      'unfurl_media',
    ],
  },
  'chat.update': {
    http: 'POST',
    scope: 'chat:write',
    args: ['channel', 'ts', 'text', 'blocks', 'link_names', 'parse', 'reply_broadcast'],
  },
  'conversations.list': {
    http: 'GET',
    scope: 'channels:read',
    args: ['cursor', 'limit', 'types', 'exclude_archived'],
  },
  'conversations.info': { http: 'GET', scope: 'channels:read', args: ['channel'] },
};

export interface FakeSlack extends FakeServer {
  /** Posted messages by channel and ts. */
  messages: Map<string, Record<string, unknown>>;
  /** The token's scopes. */
  scopes: Set<string>;
  /** Tokens oauth.v2.access issued. */
  issued: string[];
  /** The redirect URI the consent screen sent the browser to: oauth.v2.access must repeat it. */
  consentedRedirect?: string;
}

const fail = (error: string, extra: Record<string, unknown> = {}): FakeReply => ({
  status: 200,
  body: { ok: false, error, ...extra },
});

export async function startFakeSlack(): Promise<FakeSlack> {
  let ts = 1767225600;
  // eslint-disable-next-line prefer-const -- the handler reads it once requests arrive
  let state: FakeSlack;
  const fake = await startFake((req) => {
    const path = req.url.split('?')[0];
    if (path === '/api/oauth.v2.access') return oauthAccess(req, state);
    if (path === '/oauth/v2/authorize') return authorizePage(req);
    if (path === '/oauth/v2/approve' && req.method === 'POST')
      return answerConsent(req, (f) => {
        state.consentedRedirect = f.redirect_uri;
        return OAUTH.code;
      });
    const m = /^\/api\/([a-zA-Z.]+)$/.exec(path);
    const spec = m ? METHODS[m[1]] : undefined;
    if (!m || !spec) return { status: 404, body: { ok: false, error: 'unknown_method' } };
    const auth = String(req.headers.authorization ?? '');
    if (!auth) return fail('not_authed');
    const token = auth.replace(/^Bearer /, '');
    if (!auth.startsWith('Bearer ') || (token !== TOKEN && !state.issued.includes(token)))
      return fail('invalid_auth');
    const args = argsOf(req, spec.http);
    if (typeof args === 'string') return fail(args);
    const unknown = Object.keys(args).find((k) => !spec.args.includes(k));
    if (unknown)
      return fail('invalid_arguments', {
        response_metadata: { messages: [`[ERROR] unknown argument ${unknown}`] },
      });
    if (spec.scope && !state.scopes.has(spec.scope))
      return fail('missing_scope', { needed: spec.scope, provided: [...state.scopes].join(',') });
    return method(m[1], args, state, () => `${ts++}.000100`);
  });
  state = Object.assign(fake, {
    messages: new Map(),
    scopes: new Set(['chat:write', 'channels:read']),
    issued: [],
  }) as FakeSlack;
  return state;
}

function argsOf(req: RecordedRequest, http: 'POST' | 'GET'): Record<string, unknown> | string {
  const query = Object.fromEntries(new URL(req.url, 'http://x').searchParams);
  if (req.method === 'GET') return http === 'GET' ? query : 'invalid_post_type';
  if (req.method !== 'POST') return 'invalid_post_type';
  if (!req.body.length) return query;
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return 'invalid_post_type';
  if (!/;\s*charset=utf-8/i.test(type)) return 'missing_charset';
  if (req.json === null || typeof req.json !== 'object' || Array.isArray(req.json)) return 'invalid_json';
  return req.json as Record<string, unknown>;
}

function method(name: string, a: Record<string, unknown>, s: FakeSlack, nextTs: () => string): FakeReply {
  const ok = (body: Record<string, unknown>): FakeReply => ({ status: 200, body: { ok: true, ...body } });
  const channel = CHANNELS.find((c) => c.id === a.channel || `#${c.name}` === a.channel);
  switch (name) {
    case 'auth.test':
      return ok({
        url: 'https://acme.slack.com/',
        team: 'Acme',
        user: 'bot',
        team_id: 'T1',
        user_id: 'U1',
        bot_id: 'B1',
      });
    case 'conversations.list': {
      const limit = Number(a.limit ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return fail('invalid_limit');
      const types = String(a.types ?? 'public_channel').split(',');
      if (types.some((t) => !['public_channel', 'private_channel', 'mpim', 'im'].includes(t)))
        return fail('invalid_types');
      if (types.includes('private_channel') && !s.scopes.has('groups:read'))
        return fail('missing_scope', { needed: 'groups:read' });
      const all = CHANNELS.filter(
        (c) =>
          (c.is_private ? types.includes('private_channel') : types.includes('public_channel')) &&
          !(a.exclude_archived === 'true' && c.is_archived),
      );
      const start =
        a.cursor === undefined
          ? 0
          : Number(
              Buffer.from(String(a.cursor), 'base64')
                .toString()
                .replace(/^offset:/, ''),
            );
      if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
      // Slack may return fewer than `limit` while more remain; this fake pages by two to show it.
      const size = Math.min(limit, 2);
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? Buffer.from(`offset:${start + size}`).toString('base64') : '';
      return ok({ channels: page, response_metadata: { next_cursor: next } });
    }
    case 'conversations.info':
      return channel ? ok({ channel }) : fail('channel_not_found');
  }
  if (!channel) return fail('channel_not_found');
  if (channel.is_archived) return fail('is_archived');
  if (
    a.blocks !== undefined &&
    (!Array.isArray(a.blocks) || a.blocks.some((b) => !b || typeof b !== 'object' || !('type' in b)))
  )
    return fail('invalid_blocks');
  if (!(typeof a.text === 'string' && a.text) && !Array.isArray(a.blocks)) return fail('no_text');
  if (a.parse !== undefined && !['full', 'none'].includes(String(a.parse))) return fail('invalid_arguments');
  if (name === 'chat.postMessage') {
    if (a.thread_ts !== undefined && !s.messages.has(`${channel.id}/${String(a.thread_ts)}`))
      return fail('thread_not_found');
    if (
      (a.username !== undefined || a.icon_url !== undefined || a.icon_emoji !== undefined) &&
      !s.scopes.has('chat:write.customize')
    )
      return fail('missing_scope', { needed: 'chat:write.customize' });
    const ts = nextTs();
    const message = {
      type: 'message',
      text: a.text ?? '',
      ts,
      bot_id: 'B1',
      ...(a.blocks ? { blocks: a.blocks } : {}),
      ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}),
    };
    s.messages.set(`${channel.id}/${ts}`, message);
    return ok({ channel: channel.id, ts, message });
  }
  const key = `${channel.id}/${String(a.ts)}`;
  const old = s.messages.get(key);
  if (!old) return fail('message_not_found');
  const message = { ...old, text: a.text ?? old.text, ...(a.blocks ? { blocks: a.blocks } : {}) };
  s.messages.set(key, message);
  return ok({ channel: channel.id, ts: a.ts, text: message.text, message });
}

// oauth.v2.access (api.slack.com/methods/oauth.v2.access): a form post with the code, the
// redirect URI and the client's id and secret (in the body or as HTTP Basic). Failures are
// HTTP 200 { ok: false, error } like every Slack method.
function oauthAccess(req: RecordedRequest, s: FakeSlack): FakeReply {
  if (req.method !== 'POST') return fail('invalid_post_type');
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || !req.form)
    return fail('invalid_post_type');
  const form = Object.fromEntries([...req.form.entries()].map(([k, v]) => [k, String(v)]));
  let { client_id: id, client_secret: secret } = form;
  const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''));
  if (basic) [id, secret] = Buffer.from(basic[1], 'base64').toString().split(':');
  if (id !== OAUTH.clientId) return fail('invalid_client_id');
  if (secret !== OAUTH.clientSecret) return fail('bad_client_secret');
  if (form.code !== OAUTH.code) return fail('invalid_code');
  if (!form.redirect_uri) return fail('bad_redirect_uri');
  if (s.consentedRedirect && form.redirect_uri !== s.consentedRedirect) return fail('bad_redirect_uri');
  const token = `xoxb-issued-${s.issued.length + 1}`;
  s.issued.push(token);
  return {
    status: 200,
    body: {
      ok: true,
      access_token: token,
      token_type: 'bot',
      scope: 'chat:write,channels:read',
      bot_user_id: 'U1',
      app_id: 'A1',
      team: { id: 'T1', name: 'Acme' },
      authed_user: { id: 'U2' },
    },
  };
}

// slack.com/oauth/v2/authorize (api.slack.com/authentication/oauth-v2): client_id, the bot
// `scope` (comma-separated), redirect_uri and state; Slack shows an error page for a bad one.
function authorizePage(req: RecordedRequest): FakeReply {
  const q = Object.fromEntries(new URL(req.url, 'http://x').searchParams);
  if (q.client_id !== OAUTH.clientId) return consentError('Invalid client_id parameter');
  if (!q.redirect_uri) return consentError('Missing redirect_uri');
  if (!q.state) return consentError('Missing state');
  const scopes = (q.scope ?? '').split(',').filter(Boolean);
  if (!scopes.length || scopes.some((x) => !/^[a-z.]+:[a-z.]+$/.test(x)))
    return consentError(`Invalid scope: ${q.scope ?? ''}`);
  return consentPage({
    provider: 'Slack',
    client: 'Integrator',
    scopes,
    approveUrl: '/oauth/v2/approve',
    hidden: { redirect_uri: q.redirect_uri, state: q.state },
  });
}
