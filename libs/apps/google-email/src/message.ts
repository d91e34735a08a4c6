import { simpleParser, type AddressObject } from 'mailparser';
import type { Bundle } from '@integrator/sdk';

// A Gmail message (users.messages.get, format=raw) as the trigger's bundle: Gmail's own fields
// (id, threadId, labelIds, snippet, internalDate) and the parsed MIME message, attachments as
// file bundles ({ fileName, data }).

export interface RawMessage {
  id: string;
  threadId?: string;
  labelIds?: string[];
  snippet?: string;
  sizeEstimate?: number;
  internalDate?: string;
  raw?: string;
  payload?: { headers?: Array<{ name: string; value: string }> };
}

export async function messageBundle(m: RawMessage): Promise<Bundle> {
  const base = {
    id: m.id,
    threadId: m.threadId,
    labelIds: m.labelIds ?? [],
    snippet: m.snippet ?? '',
    sizeEstimate: m.sizeEstimate,
    internalDate: m.internalDate ? new Date(Number(m.internalDate)).toISOString() : undefined,
  };
  if (m.raw === undefined) {
    // Too large to download (see watch.ts): headers only, and it says so.
    const headers = Object.fromEntries(
      (m.payload?.headers ?? []).map((h) => [h.name.toLowerCase(), h.value]),
    );
    return { ...base, subject: headers.subject ?? '', headers, attachments: [], truncated: true };
  }
  const mail = await simpleParser(Buffer.from(m.raw, 'base64url'), {
    skipImageLinks: true,
    skipTextToHtml: true,
  });
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  return {
    ...base,
    subject: mail.subject ?? '',
    from: addresses(mail.from)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo)[0] ?? null,
    date: mail.date?.toISOString(),
    messageId: mail.messageId,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    headers,
    attachments: mail.attachments.map((a) => ({
      fileName: a.filename ?? 'attachment',
      contentType: a.contentType,
      size: a.size,
      ...(a.cid ? { cid: a.cid } : {}),
      data: a.content,
    })),
  };
}

function addresses(
  value: AddressObject | AddressObject[] | undefined,
): Array<{ name: string; email: string }> {
  return ([] as AddressObject[])
    .concat(value ?? [])
    .flatMap((o) => o.value)
    .map((a) => ({ name: a.name ?? '', email: a.address ?? '' }));
}
