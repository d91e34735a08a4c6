import { createHash } from 'node:crypto';
import {
  defineModule,
  field,
  options,
  userError,
  type Bundle,
  type HttpClient,
  type ResolvedConnection,
} from '@integrator/sdk';
import { makeConvert, triggerState } from '@integrator/apps/app-kit';
import { callGoogle, GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import { gmailUrl } from './api';
import { messageBundle, type RawMessage } from './message';

// Polls users.messages.list with a search query. The position is the internalDate (ms) of the
// last message emitted and the ids emitted at that instant; each run asks only for mail after it
// (`after:` in seconds, one second wider, then exact by internalDate), oldest first. Gmail lists
// newest first, so the ids are reversed.

interface Position {
  /** Which search the position belongs to: a changed search starts over. */
  key: string;
  after: number;
  ids: string[];
}

/** A message larger than this is emitted with its headers only: its raw text would pass the 10 MB answer cap. */
export const RAW_MAX = 7 * 1024 * 1024;

export const watchEmails = defineModule({
  key: 'google-email:watchEmails',
  label: 'Watch emails',
  description: 'Emits the new emails matching a search, oldest first, remembering the last one seen.',
  kind: 'trigger',
  versions: [1, 2, 3, 4],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: {
    // Make keeps the trigger's settings in parameters (carried into the mapper) and names the
    // criteria as IMAP does.
    convert: makeConvert(GOOGLE_CONNECTION_TYPES, undefined, (m, notes) => {
      const criteria = { ALL: 'all', SEEN: 'read', UNSEEN: 'unread', FLAGGED: 'starred' }[String(m.criteria)];
      if (criteria) m.criteria = criteria;
      else if (
        m.criteria !== undefined &&
        !['all', 'read', 'unread', 'starred'].includes(String(m.criteria))
      ) {
        notes.push(
          `criteria: Make's ${JSON.stringify(m.criteria)} has no equivalent here; all emails are watched`,
        );
        delete m.criteria;
      }
      return m;
    }),
  },
  mapper: {
    searchType: field.select({
      label: 'Filter type',
      options: options(['simple', 'Simple filter'], ['gmail', 'Gmail filter']),
      default: 'simple',
    }),
    folder: field.text({
      label: 'Label (folder)',
      default: 'INBOX',
      help: 'A label id: INBOX, SENT, a label of yours… Empty: all mail.',
    }),
    criteria: field.select({
      label: 'Criteria',
      options: options(
        ['all', 'All emails'],
        ['unread', 'Unread only'],
        ['read', 'Read only'],
        ['starred', 'Starred only'],
      ),
      default: 'all',
    }),
    from: field.text({ label: 'Sender email address' }),
    to: field.text({ label: 'Recipient email address' }),
    subject: field.text({ label: 'Subject' }),
    text: field.text({ label: 'Phrase' }),
    query: field.text({
      label: 'Query',
      help: 'With Gmail filter: Gmail’s search syntax, e.g. from:ann has:attachment.',
    }),
    markSeen: field.boolean({ label: 'Mark as read when fetched', default: false }),
    maxResults: field.number({
      label: 'Maximum number of emails per run',
      integer: true,
      min: 1,
      default: 10,
    }),
    startFrom: field.select({
      label: 'Start from (first run)',
      options: options(['now', 'From now on'], ['all', 'All emails'], ['date', 'Since a date']),
      default: 'now',
    }),
    since: field.date({ label: 'Since', help: 'With Start from “Since a date”.' }),
  },
  output: {
    sample: {
      id: '18c2f0',
      threadId: '18c2f0',
      subject: 'Hello',
      from: { name: 'Ann', email: 'ann@example.com' },
      text: 'Hi',
      attachments: [],
    },
  },
  run: async (ctx) => {
    const { http, mapper: m, connection } = ctx;
    const query = searchOf(m);
    const label = m.folder?.trim() || undefined;
    const key = createHash('sha256')
      .update(JSON.stringify([query, label]))
      .digest('hex')
      .slice(0, 16);
    const { state, save } = await triggerState<Position>(ctx);
    let position = state?.key === key ? state : undefined;
    const list = listing(http, connection, query, label);
    if (!position) {
      if (m.startFrom === 'now') {
        // From now on: the newest matching message is the position; nothing is emitted.
        const newest = (await list(0, 1))[0];
        const at = newest ? (await get(http, connection, newest, 'minimal')).internalDate : undefined;
        await save({ key, after: at ? Number(at) : ctx.clock.now(), ids: newest ? [newest] : [] });
        return [];
      }
      if (m.startFrom === 'date' && !m.since)
        throw userError('is required with Start from “Since a date”', 'since');
      position = { key, after: m.startFrom === 'date' ? new Date(m.since!).getTime() - 1 : 0, ids: [] };
    }
    const limit = m.maxResults ?? 10;
    const out: Bundle[] = [];
    const emitted: Array<{ id: string; at: number }> = [];
    for (const id of (await list(position.after)).reverse()) {
      if (out.length >= limit) break;
      if (position.ids.includes(id)) continue;
      const small = await get(http, connection, id, 'minimal');
      const at = Number(small.internalDate);
      // The query's after: is by second: the exact instant decides.
      if (at < position.after || (at === position.after && position.ids.includes(id))) continue;
      const full =
        (small.sizeEstimate ?? 0) > RAW_MAX
          ? await get(http, connection, id, 'metadata')
          : await get(http, connection, id, 'raw');
      out.push(await messageBundle(full));
      emitted.push({ id, at });
    }
    if (emitted.length) {
      const last = Math.max(...emitted.map((e) => e.at));
      const same = emitted.filter((e) => e.at === last).map((e) => e.id);
      await save({ key, after: last, ids: last === position.after ? [...position.ids, ...same] : same });
    } else if (!state || state.key !== key) await save(position);
    if (m.markSeen && emitted.length)
      for (const { id } of emitted)
        await callGoogle(http, {
          method: 'POST',
          url: gmailUrl(connection, `/messages/${id}/modify`),
          json: { removeLabelIds: ['UNREAD'] },
        });
    return out;
  },
});

/** Gmail's search text from the settings. */
function searchOf(m: {
  searchType?: unknown;
  criteria?: unknown;
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  query?: string;
}) {
  const parts: string[] = [];
  if (m.criteria === 'unread') parts.push('is:unread');
  if (m.criteria === 'read') parts.push('is:read');
  if (m.criteria === 'starred') parts.push('is:starred');
  if (m.searchType === 'gmail') {
    if (m.query?.trim()) parts.push(`(${m.query.trim()})`);
  } else {
    const phrase = (v: string) => `"${v.replace(/"/g, '')}"`;
    if (m.from?.trim()) parts.push(`from:${phrase(m.from.trim())}`);
    if (m.to?.trim()) parts.push(`to:${phrase(m.to.trim())}`);
    if (m.subject?.trim()) parts.push(`subject:${phrase(m.subject.trim())}`);
    if (m.text?.trim()) parts.push(phrase(m.text.trim()));
  }
  return parts.join(' ');
}

/** The ids matching the search after a time (newest first, every page), or the first `max`. */
function listing(
  http: HttpClient,
  connection: ResolvedConnection | undefined,
  query: string,
  label: string | undefined,
) {
  return async (after: number, max?: number): Promise<string[]> => {
    const q = [query, after > 0 ? `after:${Math.floor(after / 1000) - 1}` : ''].filter(Boolean).join(' ');
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const res = await callGoogle<{ messages?: Array<{ id: string }>; nextPageToken?: string }>(
        http,
        {
          method: 'GET',
          url: gmailUrl(connection, '/messages'),
          query: {
            q,
            maxResults: max ?? 500,
            ...(label ? { labelIds: label } : {}),
            ...(pageToken ? { pageToken } : {}),
          },
        },
        { q: 'query', labelIds: 'folder' },
      );
      ids.push(...(res.body.messages ?? []).map((x) => x.id));
      pageToken = max ? undefined : res.body.nextPageToken;
    } while (pageToken);
    return ids;
  };
}

async function get(
  http: HttpClient,
  connection: ResolvedConnection | undefined,
  id: string,
  format: 'minimal' | 'raw' | 'metadata',
) {
  const res = await callGoogle<RawMessage>(http, {
    method: 'GET',
    url: gmailUrl(connection, `/messages/${id}`),
    query: { format },
  });
  return res.body;
}
