import { defineModule, field, options } from '@integrator/sdk';
import { makeConvert } from '@integrator/apps/app-kit';
import { callSlack } from './api';

// conversations.list pages with a cursor: `response_metadata.next_cursor` is empty on the last
// page. Slack asks for no more than 200 a page (1,000 at most).
const PAGE = 200;

export const listChannels = defineModule({
  key: 'slack:ListChannels',
  label: 'List channels',
  description: 'The workspace’s channels the bot can see (conversations.list), page after page.',
  kind: 'search',
  connection: { types: ['slack'] },
  make: { keys: ['slack:listChannels'], convert: makeConvert('slack') },
  mapper: {
    types: field.select({
      label: 'Channel types',
      multiple: true,
      options: options(
        ['public_channel', 'Public channels'],
        ['private_channel', 'Private channels'],
        ['mpim', 'Group direct messages'],
        ['im', 'Direct messages'],
      ),
      help: 'Empty: public channels. Private ones need groups:read, direct messages im:read / mpim:read.',
    }),
    exclude_archived: field.boolean({ label: 'Leave out archived channels', default: true }),
    limit: field.number({ label: 'Limit', integer: true, min: 1, max: 10000, default: 100 }),
  },
  output: {
    sample: { id: 'C0123456789', name: 'general', is_channel: true, is_private: false, num_members: 3 },
  },
  run: async function* ({ http, mapper }) {
    const limit = mapper.limit ?? 100;
    const types = ([] as string[]).concat((mapper.types as string[] | string | undefined) ?? []);
    let cursor = '';
    let emitted = 0;
    do {
      const page = await callSlack<{
        channels: Array<Record<string, unknown>>;
        response_metadata?: { next_cursor?: string };
      }>(
        http,
        {
          method: 'conversations.list',
          query: {
            limit: String(Math.min(PAGE, limit - emitted)),
            exclude_archived: mapper.exclude_archived === false ? 'false' : 'true',
            ...(types.length ? { types: types.join(',') } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
        { types: 'types', limit: 'limit' },
      );
      for (const channel of page.channels ?? []) {
        if (emitted >= limit) return;
        emitted++;
        yield channel;
      }
      cursor = page.response_metadata?.next_cursor ?? '';
    } while (cursor && emitted < limit);
  },
});
