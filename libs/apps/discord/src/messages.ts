import { defineModule, field, userError } from '@integrator/sdk';
import { compact, isRecord, jsonValue, makeConvert } from '@integrator/apps/app-kit';
import { callDiscord } from './api';

const FIELDS = {
  content: 'content',
  embeds: 'embeds',
  message_reference: 'message_reference',
  channel_id: 'channelId',
};

export const createMessage = defineModule({
  key: 'discord:createMessage',
  label: 'Send a message',
  description: 'Posts a message to a channel with the bot, or through an incoming webhook.',
  kind: 'action',
  versions: [1, 2],
  connection: { types: ['discord', 'discord-webhook'] },
  make: { convert: makeConvert(['discord', 'discord-webhook']) },
  mapper: {
    select: field.text({
      label: 'Channel chosen by',
      advanced: true,
      help: 'How Make’s form picked the channel; the channel itself is Channel ID.',
    }),
    channelId: field.text({
      label: 'Channel ID',
      help: 'Required with a bot connection; a webhook posts to its own channel.',
    }),
    content: field.text({ label: 'Content', multiline: true, maxLength: 2000 }),
    embeds: field.any({ label: 'Embeds', help: 'Up to 10 embed objects (JSON or a list of collections).' }),
    message_reference: field.any({
      label: 'Reply to (message reference)',
      help: 'A message ID, or { message_id, channel_id, fail_if_not_exists }. Bot connections only.',
    }),
    username: field.text({
      label: 'Username',
      help: 'Webhook connections only: overrides the webhook’s name.',
      advanced: true,
    }),
  },
  output: { sample: { id: '1', channel_id: '1', content: 'Hello', author: { id: '1', username: 'bot' } } },
  run: async ({ http, mapper, connection }) => {
    const embeds = jsonValue(mapper.embeds, 'embeds');
    if (embeds !== undefined && (!Array.isArray(embeds) || embeds.length > 10 || !embeds.every(isRecord)))
      throw userError('must be a list of at most 10 embed objects', 'embeds');
    const ref = referenceOf(mapper.message_reference);
    if (!mapper.content && !embeds?.length) throw userError('a message needs content or embeds', 'content');
    const body = compact({ content: mapper.content, embeds });
    if (connection?.type === 'discord-webhook') {
      if (ref)
        throw userError('a webhook cannot reply to a message; use a bot connection', 'message_reference');
      const url = String(connection.credentials.webhookUrl).trim();
      // wait=true makes Discord answer the created message instead of 204.
      const res = await callDiscord(
        http,
        {
          method: 'POST',
          url,
          query: { wait: 'true' },
          json: { ...body, ...compact({ username: mapper.username }) },
        },
        FIELDS,
      );
      return res.body as Record<string, unknown>;
    }
    const channel = mapper.channelId?.trim();
    if (!channel || !/^\d+$/.test(channel)) throw userError('must be a channel ID (digits)', 'channelId');
    if (mapper.username) throw userError('only a webhook connection can set the username', 'username');
    const res = await callDiscord(
      http,
      {
        method: 'POST',
        url: `/channels/${channel}/messages`,
        json: { ...body, ...(ref ? { message_reference: ref } : {}) },
      },
      FIELDS,
    );
    return res.body as Record<string, unknown>;
  },
});

function referenceOf(value: unknown): Record<string, unknown> | undefined {
  const v = jsonValue(value, 'message_reference');
  if (v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return { message_id: String(v) };
  if (isRecord(v) && v.message_id !== undefined && v.message_id !== '')
    return compact({ ...v, message_id: String(v.message_id) });
  if (isRecord(v) && Object.values(v).every((x) => x === undefined || x === '')) return undefined;
  throw userError('must be a message ID or { message_id, … }', 'message_reference');
}
