import { defineModule, field, options, userError } from '@integrator/sdk';
import { compact, jsonValue, makeConvert } from '@integrator/apps/app-kit';
import { callSlack } from './api';

const connection = { types: ['slack'] };

// Slack argument → our field, so an error names what the user filled in.
const FIELDS = { channel: 'channel', text: 'text', blocks: 'blocks', thread_ts: 'thread_ts', ts: 'ts' };

/** Blocks as JSON text or an array (Block Kit); `{ blocks: [...] }` from the Block Kit Builder too. */
function blocksOf(value: unknown): unknown[] | undefined {
  let parsed = jsonValue(value, 'blocks');
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'blocks' in parsed)
    parsed = (parsed as { blocks: unknown }).blocks;
  if (parsed === undefined) return undefined;
  if (!Array.isArray(parsed)) throw userError('must be a JSON array of Block Kit blocks', 'blocks');
  return parsed;
}

// Make's "Parse message text" is a yes/no; Slack's `parse` takes "full" or "none".
function parseMode(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'full' || value === 'true') return 'full';
  if (value === false || value === 'none' || value === 'false') return 'none';
  throw userError('must be yes/no (or "full"/"none")', 'parse');
}

const channelFields = {
  channelWType: field.select({
    label: 'Enter a channel ID or name',
    options: options(['manualy', 'Enter manually'], ['list', 'Select from the list']),
    default: 'manualy',
    help: 'How the channel is picked in the form (Make’s setting); the request sends the channel itself.',
  }),
  channelType: field.select({
    label: 'Channel type',
    options: options(
      ['public', 'Public channel'],
      ['private', 'Private channel'],
      ['im', 'Direct message'],
      ['mpim', 'Group direct message'],
    ),
    help: 'Which channels the list offers (Make’s setting); the request sends the channel itself.',
  }),
  channel: field.text({
    label: 'Channel',
    required: true,
    help: 'A channel ID (C…, G…, D…), a user ID for a direct message, or #name.',
  }),
};

const shared = {
  text: field.text({
    label: 'Text',
    multiline: true,
    help: 'Required unless blocks are given (then the notification text).',
  }),
  blocks: field.any({ label: 'Blocks', help: 'Block Kit JSON: an array of blocks.' }),
  link_names: field.boolean({ label: 'Link names', help: 'Turn @names and #channels into links.' }),
  parse: field.any({ label: 'Parse message text', help: 'Yes: Slack parses the text as "full".' }),
  reply_broadcast: field.boolean({
    label: 'Reply broadcast',
    help: 'A thread reply also shown in the channel.',
  }),
};

function messageArgs(m: { text?: string; blocks?: unknown; link_names?: boolean; parse?: unknown }) {
  const blocks = blocksOf(m.blocks);
  if (!m.text?.trim() && !blocks?.length) throw userError('is required when there are no blocks', 'text');
  return compact({ text: m.text, blocks, link_names: m.link_names, parse: parseMode(m.parse) });
}

export const createMessage = defineModule({
  key: 'slack:CreateMessage',
  label: 'Create a message',
  description: 'Posts a message to a channel, a direct message or a thread (chat.postMessage).',
  kind: 'action',
  versions: [1, 2, 3, 4],
  connection,
  make: { keys: ['slack:ActionCreateMessage', 'slack:createMessage'], convert: makeConvert('slack') },
  mapper: {
    ...channelFields,
    ...shared,
    thread_ts: field.text({
      label: 'Thread message ID (time stamp)',
      help: 'Reply in this message’s thread.',
    }),
    mrkdwn: field.boolean({ label: 'Use markdown' }),
    unfurl_links: field.boolean({ label: 'Unfurl primarily text-based content' }),
    unfurl_media: field.boolean({ label: 'Unfurl media content' }),
    username: field.text({ label: 'User name', help: 'Needs the chat:write.customize scope.' }),
    icon_url: field.text({ label: 'Icon URL' }),
    icon_emoji: field.text({ label: 'Icon emoji', placeholder: ':robot_face:' }),
  },
  output: {
    sample: {
      channel: 'C0123456789',
      ts: '1767225600.000100',
      message: { text: 'Hello', ts: '1767225600.000100' },
    },
  },
  run: async ({ http, mapper: m }) => {
    if (m.reply_broadcast && !m.thread_ts?.trim())
      throw userError('needs a thread message ID: only thread replies are broadcast', 'reply_broadcast');
    const json = {
      channel: m.channel.trim(),
      ...messageArgs(m),
      ...compact({
        thread_ts: m.thread_ts?.trim(),
        reply_broadcast: m.thread_ts?.trim() ? m.reply_broadcast : undefined,
        mrkdwn: m.mrkdwn,
        unfurl_links: m.unfurl_links,
        unfurl_media: m.unfurl_media,
        username: m.username,
        icon_url: m.icon_url,
        icon_emoji: m.icon_emoji,
      }),
    };
    const res = await callSlack(http, { method: 'chat.postMessage', json }, FIELDS);
    const { ok: _ok, ...rest } = res;
    return rest;
  },
});

export const editMessage = defineModule({
  key: 'slack:EditMessage',
  label: 'Update a message',
  description: 'Changes the text or blocks of a message the bot posted (chat.update).',
  kind: 'action',
  versions: [1, 2, 3, 4],
  connection,
  make: { keys: ['slack:UpdateMessage', 'slack:ActionUpdateMessage'], convert: makeConvert('slack') },
  mapper: {
    ...channelFields,
    ts: field.text({ label: 'Message ID (time stamp)', required: true }),
    ...shared,
  },
  output: { sample: { channel: 'C0123456789', ts: '1767225600.000100', text: 'Updated' } },
  run: async ({ http, mapper: m }) => {
    const json = {
      channel: m.channel.trim(),
      ts: m.ts.trim(),
      ...messageArgs(m),
      ...compact({ reply_broadcast: m.reply_broadcast }),
    };
    const res = await callSlack(http, { method: 'chat.update', json }, FIELDS);
    const { ok: _ok, ...rest } = res;
    return rest;
  },
});
