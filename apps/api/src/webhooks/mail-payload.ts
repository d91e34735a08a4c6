import { simpleParser, type AddressObject } from 'mailparser';
import type { MailAddress, StoredMail } from '@integrator/apps/email';

/**
 * One inbound mail as the Custom mailhook's stored payload (JSON: it is kept in the database
 * until the run takes it, attachments in base64). The trigger turns it into the bundle.
 */
export async function parseMail(raw: Buffer, receivedAt: number): Promise<StoredMail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  return {
    sender: addresses(mail.from)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    headers: headerRecord(mail.headerLines),
    attachments: mail.attachments.map((a) => ({
      fileName: a.filename ?? 'attachment',
      contentType: a.contentType,
      size: a.size,
      ...(a.cid ? { cid: a.cid } : {}),
      contentBase64: a.content.toString('base64'),
    })),
    date: new Date(mail.date?.getTime() ?? receivedAt).toISOString(),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value).map((v) => ({ name: v.name ?? '', email: v.address ?? '' }));
}

/** Header names in lower case; a repeated header's values joined with a line break. */
function headerRecord(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon >= 0 ? line.slice(colon + 1) : line).replace(/\r?\n[ \t]+/g, ' ').trim();
    out[key] = key in out ? `${out[key]}\n${value}` : value;
  }
  return out;
}
