import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';
import {
  bearerScopes,
  type ExtraTokens,
  googleFail,
  insufficientScopes,
  isReply,
  queryOf,
} from '../../google-kit/test/fake-google-common';
import { gmailSearch } from './fake-gmail-search';

// A strict Gmail API v1 (developers.google.com/gmail/api/reference/rest): Bearer tokens with the
// scopes each method needs, users.messages.send (JSON `raw` in base64url, or a message/rfc822
// media upload), users.messages.list (q, labelIds, maxResults, pageToken; newest first),
// users.messages.get (format minimal | metadata | raw), users.messages.modify,
// users.settings.sendAs.get. The sent MIME is parsed (mailparser) so tests read what Gmail would.

const G = 'https://www.googleapis.com/auth/gmail.';
export const SEND_TOKEN = 'ya29.gmail-send';
export const FULL_TOKEN = 'ya29.gmail-full';
const TOKENS: Record<string, string[]> = {
  [SEND_TOKEN]: [`${G}send`],
  [FULL_TOKEN]: [`${G}send`, `${G}modify`],
};
const READ = [`${G}readonly`, `${G}modify`];
const SEND = [`${G}send`, `${G}modify`, `${G}compose`];
const JSON_BODY_MAX = 5 * 1024 * 1024;

export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  internalDate: number;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface FakeGmail extends FakeServer {
  messages: StoredMessage[];
  /** Mail arriving in the mailbox (INBOX, UNREAD) at this time. */
  receive(mail: Mail.Options, internalDate: number, labels?: string[]): Promise<StoredMessage>;
  sendAs: Record<string, string>;
  pageCap: number;
}

/** `extraTokens`: tokens a token server issued (the browser test's service account). */
export async function startFakeGmail(extraTokens?: ExtraTokens): Promise<FakeGmail> {
  const messages: StoredMessage[] = [];
  const sendAs: Record<string, string> = { 'ann@example.com': '<b>Ann</b> · Example Ltd' };
  let n = 0;
  const store = async (raw: Buffer, labelIds: string[], internalDate: number) => {
    const id = (0x18c000000 + ++n).toString(16);
    const m: StoredMessage = {
      id,
      threadId: id,
      labelIds,
      internalDate,
      raw,
      parsed: await simpleParser(raw),
    };
    messages.push(m);
    return m;
  };
  const find = (id: string) => messages.find((m) => m.id === id);
  const notFound = () => googleFail(404, 'Requested entity was not found.', 'notFound');
  const needs = (scopes: string[], wanted: string[]) => scopes.some((s) => wanted.includes(s));

  const send = async (raw: Buffer): Promise<FakeReply> => {
    const parsed = await simpleParser(raw);
    const recipients = [parsed.to, parsed.cc, parsed.bcc].flat().filter(Boolean);
    if (!recipients.length) return googleFail(400, 'Invalid To header', 'invalidArgument');
    const m = await store(raw, ['SENT'], Date.UTC(2026, 0, 1));
    return { status: 200, body: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } };
  };

  const server = await startFake(async (req) => {
    const scopes = bearerScopes(req, TOKENS, extraTokens);
    if (isReply(scopes)) return scopes;
    const path = new URL(req.url, 'http://x').pathname;
    if (req.method === 'POST' && path === '/gmail/v1/users/me/messages/send') {
      if (!needs(scopes, SEND)) return insufficientScopes();
      const q = queryOf(req, []);
      if (isReply(q)) return q;
      const body = req.json as Record<string, unknown> | undefined;
      if (!String(req.headers['content-type']).startsWith('application/json') || !body)
        return googleFail(400, 'Invalid JSON payload', 'parseError');
      const unknown = Object.keys(body).find((k) => !['raw', 'threadId'].includes(k));
      if (unknown)
        return googleFail(
          400,
          `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`,
        );
      if (typeof body.raw !== 'string' || !/^[A-Za-z0-9_-]+={0,2}$/.test(body.raw))
        return googleFail(400, 'Invalid value for ByteString: raw must be base64url', 'invalidArgument');
      if (req.body.length > JSON_BODY_MAX * 1.4)
        return googleFail(413, 'Request payload size exceeds the limit', 'uploadTooLarge');
      return send(Buffer.from(body.raw, 'base64url'));
    }
    if (req.method === 'POST' && path === '/upload/gmail/v1/users/me/messages/send') {
      if (!needs(scopes, SEND)) return insufficientScopes();
      const q = queryOf(req, ['uploadType']);
      if (isReply(q)) return q;
      if (q.get('uploadType') !== 'media')
        return googleFail(400, 'uploadType must be media here', 'invalid', 'uploadType');
      if (req.headers['content-type'] !== 'message/rfc822')
        return googleFail(400, 'Media type must be message/rfc822', 'badContent');
      return send(req.body);
    }
    if (!needs(scopes, READ)) return insufficientScopes();
    if (req.method === 'GET' && path === '/gmail/v1/users/me/profile')
      return { status: 200, body: { emailAddress: 'ann@example.com', messagesTotal: messages.length } };
    const alias = /^\/gmail\/v1\/users\/me\/settings\/sendAs\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && alias) {
      const email = decodeURIComponent(alias[1]);
      return email in sendAs
        ? { status: 200, body: { sendAsEmail: email, signature: sendAs[email], isDefault: true } }
        : notFound();
    }
    if (req.method === 'GET' && path === '/gmail/v1/users/me/messages') {
      const q = queryOf(req, ['q', 'maxResults', 'pageToken', 'labelIds', 'includeSpamTrash']);
      if (isReply(q)) return q;
      const max = Number(q.get('maxResults') ?? 100);
      if (!Number.isInteger(max) || max < 1 || max > 500)
        return googleFail(400, 'Invalid maxResults', 'invalid', 'maxResults');
      const match = gmailSearch(q.get('q') ?? '');
      if (typeof match === 'string')
        return googleFail(400, `Invalid query: ${match}`, 'invalidArgument', 'q');
      const labels = q.getAll('labelIds');
      const all = messages
        .filter((m) => labels.every((l) => m.labelIds.includes(l)) && match(m))
        .sort((a, b) => b.internalDate - a.internalDate);
      const offset = Number(q.get('pageToken') ?? 0);
      const take = Math.min(max, fake.pageCap);
      const page = all.slice(offset, offset + take);
      return {
        status: 200,
        body: {
          ...(page.length ? { messages: page.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}),
          ...(offset + take < all.length ? { nextPageToken: String(offset + take) } : {}),
          resultSizeEstimate: all.length,
        },
      };
    }
    const one = /^\/gmail\/v1\/users\/me\/messages\/(\w+)(\/modify)?$/.exec(path);
    if (one) {
      const m = find(one[1]);
      if (!m) return notFound();
      if (one[2] && req.method === 'POST') return modify(req, m, scopes);
      if (one[2] || req.method !== 'GET') return notFound();
      const q = queryOf(req, ['format', 'metadataHeaders']);
      if (isReply(q)) return q;
      const format = q.get('format') ?? 'full';
      const base = {
        id: m.id,
        threadId: m.threadId,
        labelIds: m.labelIds,
        snippet: (m.parsed.text ?? '').slice(0, 100),
        sizeEstimate: m.raw.length,
        internalDate: String(m.internalDate),
        historyId: '1',
      };
      if (format === 'minimal') return { status: 200, body: base };
      if (format === 'raw') return { status: 200, body: { ...base, raw: m.raw.toString('base64url') } };
      if (format === 'metadata')
        return {
          status: 200,
          body: {
            ...base,
            payload: {
              headers: m.parsed.headerLines.map((h) => ({
                name: h.key,
                value: h.line.slice(h.line.indexOf(':') + 1).trim(),
              })),
            },
          },
        };
      return googleFail(400, `Invalid value for format: ${format}`, 'invalid', 'format');
    }
    return googleFail(404, `Not Found: ${req.method} ${path}`, 'notFound');
  });

  function modify(req: RecordedRequest, m: StoredMessage, scopes: string[]): FakeReply {
    if (!scopes.includes(`${G}modify`)) return insufficientScopes();
    const body = (req.json ?? {}) as { addLabelIds?: string[]; removeLabelIds?: string[] };
    m.labelIds = m.labelIds
      .filter((l) => !(body.removeLabelIds ?? []).includes(l))
      .concat(body.addLabelIds ?? []);
    return { status: 200, body: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } };
  }

  const fake: FakeGmail = {
    ...server,
    messages,
    sendAs,
    pageCap: 500,
    receive: async (mail, internalDate, labels = ['INBOX', 'UNREAD']) =>
      store(await new MailComposer(mail).compile().build(), labels, internalDate),
  };
  return fake;
}
