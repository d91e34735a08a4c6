import type { Attachment } from 'nodemailer/lib/mailer';
import { defineModule, field, options, toText, userError, type MakeNode } from '@integrator/sdk';
import { smtpError, smtpTransport, type SmtpCredentials } from './smtp';

// Make's "Send an email" (email:ActionSendEmail, version 7) over a real SMTP account.

const addresses = (label: string, help?: string) =>
  field.array({ label, items: field.text({ label: 'Address' }), ...(help ? { help } : {}) });

export const sendEmail = defineModule({
  key: 'email:ActionSendEmail',
  label: 'Send an email',
  description: 'Sends an email through an SMTP server: recipients, text or HTML, attachments, headers.',
  kind: 'action',
  versions: [7],
  parameters: {
    connection: field.connection({ label: 'Connection', connectionTypes: ['smtp'], required: true }),
  },
  connection: { types: ['smtp'], required: true },
  make: { convert: fromMakeSendEmail },
  mapper: {
    to: addresses('To', 'One address per item; "Name <address>" works too.'),
    cc: addresses('Copy (cc)'),
    bcc: addresses('Blind copy (bcc)'),
    subject: field.text({ label: 'Subject' }),
    contentType: field.select({
      label: 'Content type',
      options: options(['html', 'HTML'], ['text', 'Plain text']),
      default: 'html',
    }),
    html: field.text({ label: 'Content (HTML)', multiline: true }),
    text: field.text({ label: 'Content (text)', multiline: true }),
    attachments: field.array({
      label: 'Attachments',
      items: {
        fileName: field.text({ label: 'File name', required: true }),
        data: field.any({ label: 'Data', help: 'Binary data (a file from another module) or text.' }),
        cid: field.text({ label: 'Content ID', help: 'To show the file inline: <img src="cid:…">.' }),
      },
    }),
    from: field.text({ label: 'From', help: "Default: the connection's sender." }),
    sender: field.text({ label: 'Sender', advanced: true }),
    replyTo: field.text({ label: 'Reply to', advanced: true }),
    inReplyTo: field.text({ label: 'In reply to (message ID)', advanced: true }),
    references: field.array({ label: 'References (message IDs)', items: field.text(), advanced: true }),
    priority: field.select({
      label: 'Priority',
      options: options(['normal', 'Normal'], ['high', 'High'], ['low', 'Low']),
      default: 'normal',
      advanced: true,
    }),
    headers: field.array({
      label: 'Custom headers',
      items: { name: field.text({ label: 'Name', required: true }), value: field.text({ label: 'Value' }) },
      advanced: true,
    }),
  },
  output: {
    fields: [
      { name: 'messageId', label: 'Message ID', type: 'text' },
      { name: 'accepted', label: 'Accepted recipients', type: 'array' },
      { name: 'rejected', label: 'Rejected recipients', type: 'array' },
    ],
    sample: { messageId: '<1@example.com>', accepted: ['ada@example.com'], rejected: [] },
  },
  run: async ({ mapper: m, connection, signal }) => {
    if (!connection) throw userError('is required (choose an SMTP connection)', 'connection');
    const c = connection.credentials as Partial<SmtpCredentials>;
    const to = list(m.to);
    const cc = list(m.cc);
    const bcc = list(m.bcc);
    if (!to.length && !cc.length && !bcc.length) throw userError('needs at least one recipient', 'to');
    const from = m.from || c.from || (c.user && c.user.includes('@') ? c.user : undefined);
    if (!from) throw userError('is required: the connection has no default sender either', 'from');
    const transport = smtpTransport(c);
    const abort = () => transport.close();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const info = await transport.sendMail({
        from,
        to,
        cc,
        bcc,
        subject: m.subject ?? '',
        ...(m.contentType === 'text'
          ? { text: m.text ?? '' }
          : { html: m.html ?? '', ...(m.text ? { text: m.text } : {}) }),
        attachments: (m.attachments ?? []).map(attachment),
        ...(m.sender ? { sender: m.sender } : {}),
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
        ...(m.references?.length ? { references: m.references } : {}),
        priority: m.priority as 'normal' | 'high' | 'low',
        headers: headerList(m.headers ?? []),
      });
      return {
        messageId: info.messageId,
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
      };
    } catch (err) {
      throw smtpError(err, c.password);
    } finally {
      signal.removeEventListener('abort', abort);
      transport.close();
    }
  },
});

function list(values: string[] | undefined): string[] {
  return (values ?? []).map((v) => v.trim()).filter((v) => v !== '');
}

function attachment(a: { fileName: string; data?: unknown; cid?: string }, i: number): Attachment {
  if (a.data === undefined || a.data === null) throw userError('has no data', `attachments[${i}].data`);
  const content = a.data instanceof Uint8Array ? Buffer.from(a.data) : toText(a.data);
  return { filename: a.fileName, content, ...(a.cid ? { cid: a.cid } : {}) };
}

// Header names are checked here: nodemailer would otherwise fold a bad one into the message.
function headerList(headers: Array<{ name: string; value?: string }>): Array<{ key: string; value: string }> {
  return headers.map(({ name, value }, i) => {
    if (!/^[!-9;-~]+$/.test(name))
      throw userError(`${JSON.stringify(name)} is not a header name`, `headers[${i}].name`);
    const text = value ?? '';
    if (/[\r\n]/.test(text)) throw userError('has a line break', `headers[${i}].value`);
    return { key: name, value: text };
  });
}

/** Make's settings: the account becomes our connection (listed in the report); saving to IMAP cannot carry over. */
function fromMakeSendEmail(node: MakeNode) {
  const { saveAfterSent, folder, ...rest } = node.parameters;
  delete rest.account;
  const notes: string[] = [];
  if (saveAfterSent === true || saveAfterSent === 'true')
    notes.push(
      `parameters.saveAfterSent: Make saved a copy of the sent email to an IMAP folder${folder ? ` (${JSON.stringify(folder)})` : ''}; here mail is sent over SMTP only and no copy is saved`,
    );
  for (const [k, v] of Object.entries(rest))
    if (v !== undefined && v !== null && v !== '' && v !== false && !/^__IMT/.test(k))
      notes.push(`parameters.${k} has no counterpart here and was not imported`);
  const mapper: Record<string, unknown> = { ...node.mapper };
  // Recipients are addresses; some exports list them as { address } or { email } items.
  for (const key of ['to', 'cc', 'bcc'])
    if (Array.isArray(mapper[key]))
      mapper[key] = (mapper[key] as unknown[]).map((r) =>
        r !== null && typeof r === 'object'
          ? ((r as Record<string, unknown>).address ?? (r as Record<string, unknown>).email ?? r)
          : r,
      );
  return {
    parameters: { connection: '' },
    mapper,
    notes,
    connection: { types: ['smtp'], makeParameter: 'parameters.account' },
  };
}
