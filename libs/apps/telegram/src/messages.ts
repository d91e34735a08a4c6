import { defineModule, field, options, userError, type HttpBody } from '@integrator/sdk';
import { compact, fileBundle, jsonValue, makeConvert } from '@integrator/apps/app-kit';
import { callTelegram } from './api';

const connection = { types: ['telegram'] };
const PARSE_MODES = options(
  ['HTML', 'HTML'],
  ['Markdown', 'Markdown (legacy)'],
  ['MarkdownV2', 'MarkdownV2'],
);
// Bot API limits: photos up to 10 MB, other files up to 50 MB when uploaded with multipart.
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const common = {
  chatId: field.text({ label: 'Chat ID', required: true, help: 'A numeric chat id or @channelusername.' }),
  messageThreadId: field.number({ label: 'Message thread ID', integer: true, advanced: true }),
  parseMode: field.select({ label: 'Parse mode', options: PARSE_MODES }),
  disableNotification: field.boolean({ label: 'Send silently', default: false }),
  replyToMessageId: field.number({ label: 'Reply to message ID', integer: true }),
  replyMarkup: field.any({
    label: 'Reply markup',
    help: 'JSON: an inline keyboard, a custom keyboard…',
    advanced: true,
  }),
};

// Bot API parameter → our field, so errors name the field the user filled in.
const FIELDS = {
  chat_id: 'chatId',
  text: 'text',
  reply_to_message_id: 'replyToMessageId',
  parse_mode: 'parseMode',
  reply_markup: 'replyMarkup',
  message_thread_id: 'messageThreadId',
  caption: 'caption',
};

type Common = {
  chatId: string;
  messageThreadId?: number;
  parseMode?: string | number | boolean;
  disableNotification?: boolean;
  replyToMessageId?: number;
  replyMarkup?: unknown;
};

function commonParams(m: Common): Record<string, unknown> {
  const markup = jsonValue(m.replyMarkup, 'replyMarkup');
  if (markup !== undefined && (markup === null || typeof markup !== 'object' || Array.isArray(markup)))
    throw userError('must be a JSON object such as {"inline_keyboard": [[…]]}', 'replyMarkup');
  return compact({
    chat_id: m.chatId.trim(),
    message_thread_id: m.messageThreadId,
    parse_mode: m.parseMode === undefined ? undefined : String(m.parseMode),
    disable_notification: m.disableNotification || undefined,
    // reply_to_message_id is deprecated in the Bot API; reply_parameters replaces it.
    reply_parameters: m.replyToMessageId === undefined ? undefined : { message_id: m.replyToMessageId },
    reply_markup: markup,
  });
}

// Make's "Reply markup assemble type" picks how Make builds the keyboard; ours takes the JSON.
const fromMake = makeConvert('telegram', undefined, (mapper, notes) => {
  const assemble = mapper.replyMarkupAssembleType;
  delete mapper.replyMarkupAssembleType;
  if (assemble && !/json/i.test(String(assemble)) && mapper.replyMarkup === undefined)
    notes.push(
      `mapper.replyMarkupAssembleType ${JSON.stringify(assemble)}: build the keyboard as JSON in replyMarkup`,
    );
  return mapper;
});

export const sendReplyMessage = defineModule({
  key: 'telegram:SendReplyMessage',
  label: 'Send a text message or a reply',
  description: 'Sends a text message to a chat, optionally as a reply (Bot API sendMessage).',
  kind: 'action',
  connection,
  make: { convert: fromMake },
  mapper: {
    ...common,
    text: field.text({ label: 'Text', required: true, multiline: true, maxLength: 4096 }),
    disableWebPagePreview: field.boolean({ label: 'Disable link previews', default: false }),
  },
  output: { sample: { message_id: 1, chat: { id: 1, type: 'private' }, date: 0, text: 'Hello' } },
  run: async ({ http, mapper }) => {
    const body = {
      ...commonParams(mapper),
      text: mapper.text,
      // disable_web_page_preview is deprecated; link_preview_options replaces it.
      ...(mapper.disableWebPagePreview ? { link_preview_options: { is_disabled: true } } : {}),
    };
    return (await callTelegram(http, 'sendMessage', { type: 'json', data: body }, FIELDS)) as Record<
      string,
      unknown
    >;
  },
});

function fileModule(kind: 'photo' | 'document', key: string, label: string, maxBytes: number) {
  const method = kind === 'photo' ? 'sendPhoto' : 'sendDocument';
  return defineModule({
    key,
    label,
    description: `Sends a ${kind} from a URL or a file of another module (Bot API ${method}).`,
    kind: 'action',
    connection,
    make: { convert: fromMake },
    mapper: {
      ...common,
      sendType: field.select({
        label: 'Source',
        options: options(
          ['send_byurl', 'From a URL'],
          ['send_bydata', 'A file'],
          ['send_byid', 'A Telegram file ID'],
        ),
        default: 'send_bydata',
      }),
      httpUrl: field.text({ label: 'URL', help: 'With Source “From a URL”.' }),
      fileId: field.text({ label: 'File ID', help: 'With Source “A Telegram file ID”.' }),
      fileName: field.text({ label: 'File name', help: 'With Source “A file”.' }),
      data: field.any({ label: 'Data', help: 'With Source “A file”: the binary data of another module.' }),
      caption: field.text({ label: 'Caption', multiline: true, maxLength: 1024 }),
    },
    output: { sample: { message_id: 1, chat: { id: 1, type: 'private' }, date: 0 } },
    run: async ({ http, mapper }) => {
      const params = { ...commonParams(mapper), ...compact({ caption: mapper.caption }) };
      const fields = {
        ...FIELDS,
        [kind]:
          mapper.sendType === 'send_bydata' ? 'data' : mapper.sendType === 'send_byid' ? 'fileId' : 'httpUrl',
      };
      let body: HttpBody;
      if (mapper.sendType === 'send_bydata') {
        const file = fileBundle(mapper.fileName, mapper.data, kind, maxBytes);
        // Multipart: scalar parameters as text parts, objects as JSON text (Bot API "Making requests").
        const parts = Object.entries(params).map(([name, v]) => ({
          name,
          value: typeof v === 'object' ? JSON.stringify(v) : String(v),
        }));
        parts.push({ name: kind, value: file.data, filename: file.fileName } as never);
        body = { type: 'multipart', parts };
      } else {
        const source = mapper.sendType === 'send_byid' ? mapper.fileId : mapper.httpUrl;
        const fieldName = mapper.sendType === 'send_byid' ? 'fileId' : 'httpUrl';
        if (!source?.trim())
          throw userError('is required for this source', fieldName, 'BundleValidationError');
        body = { type: 'json', data: { ...params, [kind]: source.trim() } };
      }
      return (await callTelegram(http, method, body, fields)) as Record<string, unknown>;
    },
  });
}

export const sendPhoto = fileModule('photo', 'telegram:SendPhoto', 'Send a photo', MAX_PHOTO_BYTES);
export const sendDocument = fileModule(
  'document',
  'telegram:SendDocument',
  'Send a document',
  MAX_DOCUMENT_BYTES,
);
