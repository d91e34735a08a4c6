import { defineModule, field, type Bundle } from '@integrator/sdk';

// Make's "Custom mailhook": mail sent to the hook's address starts the scenario. The API's
// inbound SMTP listener stores each mail in this JSON-safe shape (attachments in base64) before
// it acknowledges it; the trigger turns it into the bundle, attachments as binary data.

export interface MailAddress {
  name: string;
  email: string;
}

export interface StoredAttachment {
  fileName: string;
  contentType: string;
  size: number;
  cid?: string;
  contentBase64: string;
}

export interface StoredMail {
  sender: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: StoredAttachment[];
  /** ISO 8601 (the Date header, else when it arrived). */
  date: string;
}

export const customMailHook = defineModule({
  key: 'gateway:CustomMailHook',
  label: 'Custom mailhook',
  description: 'Starts the scenario when an email arrives at the mailhook address.',
  kind: 'trigger',
  instant: true,
  parameters: {
    hook: field.resource({ label: 'Mailhook', resource: 'webhook' }),
    maxResults: field.number({
      label: 'Maximum number of results',
      help: 'Each mail starts its own run here, so a run holds one mail.',
      integer: true,
      min: 1,
      default: 1,
      advanced: true,
    }),
  },
  output: {
    fields: [
      { name: 'sender', label: 'Sender', type: 'collection' },
      { name: 'to', label: 'To', type: 'array' },
      { name: 'cc', label: 'Cc', type: 'array' },
      { name: 'subject', label: 'Subject', type: 'text' },
      { name: 'text', label: 'Text', type: 'text' },
      { name: 'html', label: 'HTML', type: 'text' },
      { name: 'headers', label: 'Headers', type: 'collection' },
      { name: 'attachments', label: 'Attachments', type: 'array' },
      { name: 'date', label: 'Date', type: 'date' },
    ],
  },
  run: ({ input, parameters }) => {
    if (input === undefined || input === null) return [];
    const items = (Array.isArray(input) ? input : [input]).slice(0, parameters.maxResults ?? 1);
    return items.map((mail) => mailBundle(mail as StoredMail));
  },
});

/** The trigger's bundle: the stored mail with each attachment's data as a Buffer. */
export function mailBundle(mail: StoredMail): Bundle {
  const { attachments, ...rest } = mail;
  return {
    ...rest,
    attachments: (attachments ?? []).map(({ contentBase64, ...a }) => ({
      ...a,
      data: Buffer.from(contentBase64 ?? '', 'base64'),
    })),
  };
}
