import MailComposer from 'nodemailer/lib/mail-composer';
import type { Attachment } from 'nodemailer/lib/mailer';
import {
  defineModule,
  field,
  options,
  toText,
  userError,
  type HttpClient,
  type ResolvedConnection,
} from '@integrator/sdk';
import { fileBundle, isRecord, makeConvert } from '@integrator/apps/app-kit';
import { callGoogle, GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import { gmailUploadUrl, gmailUrl } from './api';

// Make's "Send an email" (google-email:sendAnEmail, version 4): the message is composed as MIME
// with nodemailer's MailComposer and sent with users.messages.send as `raw` (base64url), or as a
// media upload (message/rfc822) when it is larger than Gmail takes in a JSON body.

/** Gmail takes attachments up to 25 MB in all; the whole message up to 35 MB. */
export const ATTACHMENTS_MAX = 25 * 1024 * 1024;
const JSON_MAX = 5 * 1024 * 1024;

const addresses = (label: string, help?: string) =>
  field.array({ label, items: field.text({ label: 'Address' }), ...(help ? { help } : {}) });

export const sendAnEmail = defineModule({
  key: 'google-email:sendAnEmail',
  label: 'Send an email',
  description: 'Sends an email from the Gmail account: text or HTML, cc/bcc, attachments, a signature.',
  kind: 'action',
  versions: [1, 2, 3, 4],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: {
    // Make's older Gmail "Send an email" (v2) keeps the body in `html`, always HTML.
    keys: ['google-email:ActionSendEmail'],
    convert: makeConvert(GOOGLE_CONNECTION_TYPES, undefined, (m) => {
      if (m.html !== undefined && m.content === undefined) {
        m.content = m.html;
        m.bodyType ??= 'rawHtml';
        delete m.html;
      }
      return m;
    }),
  },
  mapper: {
    to: addresses('To', 'One address per item; "Name <address>" works too.'),
    cc: addresses('Copy (cc)'),
    bcc: addresses('Blind copy (bcc)'),
    from: field.text({
      label: 'From',
      help: 'Empty: the account. Otherwise one of its “Send mail as” addresses.',
    }),
    replyTo: field.text({ label: 'Reply to', advanced: true }),
    subject: field.text({ label: 'Subject' }),
    bodyType: field.select({
      label: 'Body type',
      options: options(['rawHtml', 'Raw HTML'], ['text', 'Plain text'], ['collection', 'Several contents']),
      default: 'rawHtml',
    }),
    content: field.text({ label: 'Content', multiline: true }),
    contents: field.array({
      label: 'Contents',
      help: 'With “Several contents”: HTML texts or { content, type: html | text }, joined in order.',
    }),
    signature: field.text({
      label: 'Signature',
      help: 'A “Send mail as” address (its Gmail signature is added), or the signature’s own HTML.',
    }),
    attachments: field.array({
      label: 'Attachments',
      items: {
        fileName: field.text({ label: 'File name', required: true }),
        data: field.any({ label: 'Data', help: 'Binary data (a file from another module) or text.' }),
        cid: field.text({ label: 'Content ID', help: 'To show the file inline: <img src="cid:…">.' }),
      },
    }),
  },
  output: { sample: { id: '18c2f0', threadId: '18c2f0', labelIds: ['SENT'] } },
  run: async ({ http, mapper: m, connection }) => {
    const to = list(m.to);
    const cc = list(m.cc);
    const bcc = list(m.bcc);
    if (!to.length && !cc.length && !bcc.length) throw userError('needs at least one recipient', 'to');
    let total = 0;
    const attachments = (m.attachments ?? []).map((a, i): Attachment => {
      const file = fileBundle(a.fileName, a.data, `attachments[${i}]`, ATTACHMENTS_MAX);
      total += file.data.byteLength;
      if (total > ATTACHMENTS_MAX)
        throw userError(
          `bring the attachments over Gmail’s ${ATTACHMENTS_MAX} bytes`,
          `attachments[${i}]`,
          'MaxFileSizeExceededError',
        );
      return { filename: file.fileName, content: Buffer.from(file.data), ...(a.cid ? { cid: a.cid } : {}) };
    });
    const signature = await signatureOf(http, connection, m.signature);
    const body = bodyOf(String(m.bodyType), m.content, m.contents, signature);
    const mail = new MailComposer({
      ...(m.from?.trim() ? { from: m.from.trim() } : {}),
      to,
      cc,
      bcc,
      ...(m.replyTo?.trim() ? { replyTo: m.replyTo.trim() } : {}),
      subject: m.subject ?? '',
      ...body,
      attachments,
    }).compile();
    // Gmail reads the Bcc header to deliver, then removes it from what recipients see.
    mail.keepBcc = true;
    const raw = await mail.build();
    const fields = { raw: 'to' };
    const res =
      raw.length <= JSON_MAX
        ? await callGoogle(
            http,
            {
              method: 'POST',
              url: gmailUrl(connection, '/messages/send'),
              json: { raw: raw.toString('base64url') },
            },
            fields,
          )
        : await callGoogle(
            http,
            {
              method: 'POST',
              url: gmailUploadUrl(connection, '/messages/send'),
              query: { uploadType: 'media' },
              raw: { data: raw, contentType: 'message/rfc822' },
            },
            fields,
          );
    return res.body as Record<string, unknown>;
  },
});

function list(values: unknown): string[] {
  const items = Array.isArray(values) ? values : values === undefined || values === null ? [] : [values];
  return items
    .map((v) => (isRecord(v) ? String(v.address ?? v.email ?? '') : toText(v)).trim())
    .filter((v) => v !== '');
}

function bodyOf(
  type: string | undefined,
  content: string | undefined,
  contents: unknown[] | undefined,
  signature: string | undefined,
): { html: string } | { text: string } {
  if (type === 'text')
    return {
      text: [content ?? '', signature ? htmlToText(signature) : ''].filter(Boolean).join('\n\n-- \n'),
    };
  let html = content ?? '';
  if (type === 'collection') {
    html = (contents ?? [])
      .map((item, i) => {
        // A bare item is HTML, like the rest of the body; { type: 'text' } is escaped.
        if (!isRecord(item)) return toText(item);
        const text = toText(item.content ?? item.text ?? item.html ?? '');
        if (item.type !== undefined && item.type !== 'html' && item.type !== 'text')
          throw userError(
            `has type ${JSON.stringify(item.type)}; html or text are taken`,
            `contents[${i}].type`,
          );
        return item.type === 'text' ? `<p>${escapeHtml(text)}</p>` : text;
      })
      .join('\n');
  }
  return { html: signature ? `${html}<br><br>${signature}` : html };
}

// An address is one of the account's "Send mail as" identities: its signature is Gmail's.
async function signatureOf(
  http: HttpClient,
  connection: ResolvedConnection | undefined,
  value: string | undefined,
) {
  const text = value?.trim();
  if (!text) return undefined;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(text)) return text;
  const res = await callGoogle<{ signature?: string }>(
    http,
    { method: 'GET', url: gmailUrl(connection, `/settings/sendAs/${encodeURIComponent(text)}`) },
    { '*': 'signature' },
  );
  return res.body.signature || undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .trim();
}
