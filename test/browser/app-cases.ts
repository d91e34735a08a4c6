import * as airtable from '../../libs/apps/airtable/test/fake-airtable';
import * as discord from '../../libs/apps/discord/test/fake-discord';
import * as notion from '../../libs/apps/notion/test/fake-notion';
import * as openai from '../../libs/apps/openai/test/fake-openai';
import * as telegram from '../../libs/apps/telegram/test/fake-telegram';
import { GOOGLE_CASES } from './app-cases-google';

// One scenario per app for the canvas test (apps.e2e-spec.ts): the app's main action, then a
// search (or, for an API without one, a lookup through "Make an API call"), each filled in the
// module's panel the way a person would, against the app's strict fake.

/** A field filled in the panel: by label, by data-path (array items), a select, or a button. */
export type Step =
  | { label: string; value: string }
  | { path: string; value: string }
  | { select: string; value: string }
  | { click: string };

export interface Fake {
  url: string;
  close(): Promise<void>;
}

export interface AppCase {
  app: string;
  start(): Promise<Fake>;
  connection: {
    type: string;
    name: string;
    /** The connection's credentials for the started fake (its URL, or more it offers). */
    credentials(url: string, fake: Fake): Record<string, unknown>;
  };
  /** The app's name in the module catalog. */
  appLabel: string;
  action: { label: string; steps: Step[] };
  search: { label: string; steps: Step[] };
  /** The webhook response's body. */
  response: string;
  input: Record<string, unknown>;
  /** Text the search module's bundle shows after the run. */
  searchShows: string;
  /** Asserts on what the fake received. */
  check(fake: Fake): void;
  screenshot?: string;
}

const paths = (requests: Array<{ method: string; url?: string; path?: string }>) =>
  requests.map((r) => `${r.method} ${(r.url ?? r.path ?? '').split('?')[0]}`);

export const APP_CASES: AppCase[] = [
  {
    app: 'Telegram',
    appLabel: 'Telegram Bot',
    start: telegram.startFakeTelegram,
    connection: {
      type: 'telegram',
      name: 'Test bot',
      credentials: (url) => ({ token: telegram.TOKEN, baseUrl: url }),
    },
    action: {
      label: 'Send a text message or a reply',
      steps: [
        { label: 'Chat ID', value: '{{1.chat}}' },
        { label: 'Text', value: 'Hello {{1.name}}' },
      ],
    },
    search: {
      label: 'Make an API call',
      steps: [
        { label: 'URL', value: '/getChat' },
        { select: 'Method', value: 'POST' },
        { label: 'Body', value: '{"chat_id": {{1.chat}}}' },
      ],
    },
    response: '{"sent": "{{2.message_id}}"}',
    input: { chat: telegram.CHAT, name: 'Ada' },
    searchShows: '"private"',
    check: (fake) => {
      const sent = (fake as telegram.FakeTelegram).sent;
      // getMe: the connection is checked when it is saved.
      expect(sent.map((s) => s.method)).toEqual(['getMe', 'sendMessage', 'getChat']);
      expect(sent[1].params).toMatchObject({ chat_id: String(telegram.CHAT), text: 'Hello Ada' });
    },
  },
  {
    app: 'Discord',
    appLabel: 'Discord',
    start: discord.startFakeDiscord,
    connection: {
      type: 'discord',
      name: 'Discord bot',
      credentials: (url) => ({ token: discord.TOKEN, baseUrl: url }),
    },
    action: {
      label: 'Send a message',
      steps: [
        { label: 'Channel ID', value: discord.CHANNEL },
        { label: 'Content', value: 'Order from {{1.name}}' },
      ],
    },
    search: {
      label: 'Make an API call',
      steps: [{ label: 'URL', value: `/channels/${discord.CHANNEL}/messages` }],
    },
    response: '{"message": "{{2.id}}"}',
    input: { name: 'Ada' },
    searchShows: 'Order from Ada',
    check: (fake) => {
      expect(paths((fake as discord.FakeDiscord).requests)).toEqual([
        'GET /users/@me',
        `POST /channels/${discord.CHANNEL}/messages`,
        `GET /channels/${discord.CHANNEL}/messages`,
      ]);
    },
  },
  {
    app: 'Airtable',
    appLabel: 'Airtable',
    start: airtable.startFakeAirtable,
    connection: {
      type: 'airtable',
      name: 'Airtable base',
      credentials: (url) => ({ token: airtable.TOKEN, baseUrl: url }),
    },
    action: {
      label: 'Create a record',
      steps: [
        { label: 'Base ID', value: airtable.BASE },
        { label: 'Table (name or ID)', value: 'Tasks' },
        { label: 'Fields', value: '{"Name": "{{1.name}}", "Status": "Todo"}' },
      ],
    },
    search: {
      label: 'Search records',
      steps: [
        { label: 'Base ID', value: airtable.BASE },
        { label: 'Table (name or ID)', value: 'Tasks' },
        { label: 'Formula', value: "{Name}='{{1.name}}'" },
      ],
    },
    response: '{"record": "{{2.id}}"}',
    input: { name: 'Ada' },
    searchShows: 'Ada',
    check: (fake) => {
      const f = fake as airtable.FakeAirtable;
      expect(f.records.map((r) => r.fields.Name)).toEqual(['Ada']);
      expect(paths(f.requests)).toEqual([
        'GET /v0/meta/whoami',
        `POST /v0/${airtable.BASE}/Tasks`,
        `GET /v0/${airtable.BASE}/Tasks`,
      ]);
    },
    screenshot: 'app-airtable-scenario.png',
  },
  {
    app: 'OpenAI',
    appLabel: 'OpenAI',
    start: openai.startFakeOpenAi,
    connection: {
      type: 'openai',
      name: 'OpenAI key',
      credentials: (url) => ({ apiKey: openai.KEY, organization: openai.ORG, baseUrl: url }),
    },
    action: {
      label: 'Create a chat completion',
      steps: [
        { label: 'Model', value: 'gpt-4o-mini' },
        { click: 'Add messages' },
        { path: 'messages[0].content', value: 'Greet {{1.name}}' },
      ],
    },
    search: {
      label: 'Make an API call',
      steps: [{ label: 'URL', value: '/v1/models' }],
    },
    response: '{"answer": "{{2.result}}"}',
    input: { name: 'Ada' },
    searchShows: 'gpt-4o-mini',
    check: (fake) => {
      const f = fake as Awaited<ReturnType<typeof openai.startFakeOpenAi>>;
      expect(paths(f.requests)).toEqual(['GET /v1/models', 'POST /v1/chat/completions', 'GET /v1/models']);
      expect(f.requests[1].json).toMatchObject({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Greet Ada' }],
      });
    },
  },
  {
    app: 'Notion',
    appLabel: 'Notion',
    start: notion.startFakeNotion,
    connection: {
      type: 'notion',
      name: 'Notion workspace',
      credentials: (url) => ({ token: notion.TOKEN, baseUrl: url }),
    },
    action: {
      label: 'Create a database item',
      steps: [
        { label: 'Database ID', value: notion.DATABASE_ID },
        { label: 'Properties', value: '{"Name": "{{1.name}}"}' },
      ],
    },
    search: {
      label: 'Search database items',
      steps: [{ label: 'Database ID', value: notion.DATABASE_ID }],
    },
    response: '{"page": "{{2.id}}"}',
    input: { name: 'Ada' },
    searchShows: 'Ada',
    check: (fake) => {
      const f = fake as notion.FakeNotion;
      expect(paths(f.requests)).toContain('POST /v1/pages');
      expect(paths(f.requests)).toContain(`POST /v1/databases/${notion.DATABASE_ID}/query`);
    },
  },
  ...GOOGLE_CASES,
];
