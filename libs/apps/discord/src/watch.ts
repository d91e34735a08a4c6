import { defineModule, field, options, userError, type Bundle } from '@integrator/sdk';
import { makeConvert, triggerState } from '@integrator/apps/app-kit';
import { callDiscord, snowflake, snowflakeAt } from './api';

// Polls GET /channels/{id}/messages?after=<last id>; ids are snowflakes, growing with time, so the
// largest id emitted is the position. Discord pages hold at most 100 messages.

const PAGE = 100;
interface Position {
  channelId: string;
  lastId: string;
}

export const watchMessages = defineModule({
  key: 'discord:watchChannelMessages',
  label: 'Watch channel messages',
  description: 'Emits the new messages of a channel, oldest first, remembering the last one seen.',
  kind: 'trigger',
  connection: { types: ['discord'] },
  make: { keys: ['discord:TriggerNewMessage'], convert: makeConvert('discord') },
  mapper: {
    channelId: field.text({ label: 'Channel ID', required: true }),
    startFrom: field.select({
      label: 'Start from (first run)',
      options: options(['now', 'From now on'], ['all', 'All messages'], ['date', 'Since a date']),
      default: 'now',
    }),
    since: field.date({ label: 'Since', help: 'With Start from “Since a date”.' }),
    limit: field.number({ label: 'Maximum number of messages per run', integer: true, min: 1, default: 100 }),
  },
  output: {
    sample: { id: '1', channel_id: '1', content: 'Hello', author: { id: '1', username: 'someone' } },
  },
  run: async (ctx) => {
    const { http, mapper } = ctx;
    const channel = mapper.channelId.trim();
    if (!/^\d+$/.test(channel)) throw userError('must be a channel ID (digits)', 'channelId');
    const { state, save } = await triggerState<Position>(ctx);
    // A changed channel starts over: the old position belongs to another channel.
    const known = state?.channelId === channel ? state.lastId : undefined;
    const fetchPage = async (after: string | undefined) => {
      const query = { limit: PAGE, ...(after ? { after } : {}) };
      const res = await callDiscord(
        http,
        { method: 'GET', url: `/channels/${channel}/messages`, query },
        { channel_id: 'channelId' },
      );
      if (!Array.isArray(res.body))
        throw userError('Discord answered something other than a list of messages', 'channelId');
      return (res.body as Bundle[]).sort((a, b) => (snowflake(a.id) < snowflake(b.id) ? -1 : 1));
    };
    if (known === undefined && mapper.startFrom === 'now') {
      // From now on: remember the newest message, emit nothing.
      const newest = (await fetchPage(undefined)).at(-1);
      await save({ channelId: channel, lastId: newest ? String(newest.id) : snowflakeAt(ctx.clock.now()) });
      return [];
    }
    let after = known;
    if (after === undefined && mapper.startFrom === 'date') {
      if (!mapper.since) throw userError('is required with Start from “Since a date”', 'since');
      after = snowflakeAt(new Date(mapper.since).getTime());
    }
    after ??= '0';
    const out: Bundle[] = [];
    const limit = mapper.limit ?? 100;
    while (out.length < limit) {
      const page = await fetchPage(after);
      out.push(...page.slice(0, limit - out.length));
      if (page.length < PAGE) break;
      after = String(page.at(-1)!.id);
    }
    if (out.length) await save({ channelId: channel, lastId: String(out.at(-1)!.id) });
    else if (known === undefined) await save({ channelId: channel, lastId: after });
    return out;
  },
});
