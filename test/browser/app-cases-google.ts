import { generateKeyPairSync } from 'node:crypto';
import { SERVICE_EMAIL, startFakeGoogleAuth } from '../../libs/apps/google-kit/test/fake-google-auth';
import { startFakeDrive, type FakeDrive } from '../../libs/apps/google-drive/test/fake-google-drive';
import { startFakeGmail, type FakeGmail } from '../../libs/apps/google-email/test/fake-gmail';
import {
  sheetsRoute,
  SPREADSHEET_ID,
  type FakeSheet,
} from '../../libs/apps/google-sheets/test/fake-google-sheets';
import * as slack from '../../libs/apps/slack/test/fake-slack';
import type { AppCase } from './app-cases';

// The canvas cases of Google Sheets, Google Drive, Gmail and Slack (see app-cases.ts). Google's
// connection is a service account: its key is generated here, the fake token server checks the
// signed assertion and issues tokens the API fakes honour (by the scopes granted).

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

const paths = (requests: Array<{ method: string; url: string }>) =>
  requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);

/** A fake API server with the token server beside it; `url` is the API's. */
interface WithAuth {
  url: string;
  tokenUrl: string;
  close(): Promise<void>;
}

const serviceAccount = (tokenUrl: string, apps: string[], baseUrl: string) => ({
  serviceAccountKey: JSON.stringify({
    type: 'service_account',
    client_email: SERVICE_EMAIL,
    private_key: privateKey,
    private_key_id: 'k1',
    token_uri: tokenUrl,
  }),
  apps,
  baseUrl,
});

/** An API fake that honours the tokens the token server issued, with their scopes. */
async function besideAuth<F extends { url: string; close(): Promise<void> }>(
  start: (scopes: (token: string) => string[] | undefined) => Promise<F>,
): Promise<F & WithAuth> {
  const auth = await startFakeGoogleAuth(publicKey);
  const api = await start((t) => auth.accessTokens.get(t)?.scope.split(' '));
  const closeApi = api.close.bind(api);
  return Object.assign(api, {
    tokenUrl: `${auth.url}/token`,
    close: async () => {
      await closeApi();
      await auth.close();
    },
  });
}

/** Sheets answers on the token server's own host (one Base URL serves both there). */
async function startSheetsBesideAuth() {
  const sheets: FakeSheet[] = [{ sheetId: 0, title: 'Leads', rows: [['Name', 'Email']] }];
  const auth = await startFakeGoogleAuth(publicKey);
  auth.api = (req, scope) =>
    req.url.startsWith('/v4/')
      ? sheetsRoute(req, sheets, () => (/auth\/spreadsheets( |$)/.test(scope) ? 'write' : undefined))
      : undefined;
  return Object.assign(auth, { sheets, tokenUrl: `${auth.url}/token` });
}

export const GOOGLE_SHEETS_CASE: AppCase = {
  app: 'Google Sheets',
  appLabel: 'Google Sheets',
  start: startSheetsBesideAuth,
  connection: {
    type: 'google-service-account',
    name: 'Sheets robot',
    credentials: (url) => serviceAccount(`${url}/token`, ['sheets'], url),
  },
  action: {
    label: 'Add a row',
    steps: [
      { label: 'Spreadsheet ID', value: SPREADSHEET_ID },
      { label: 'Sheet name', value: 'Leads' },
      { label: 'Values', value: '{"0": "{{1.name}}", "1": "{{1.email}}"}' },
    ],
  },
  search: {
    label: 'Search rows',
    steps: [
      { label: 'Spreadsheet ID', value: SPREADSHEET_ID },
      { label: 'Sheet name', value: 'Leads' },
      { label: 'Maximum number of returned rows', value: '1' },
    ],
  },
  response: '{"row": "{{2.rowNumber}}"}',
  input: { name: 'Ada', email: 'ada@example.com' },
  searchShows: 'ada@example.com',
  check: (fake) => {
    const f = fake as Awaited<ReturnType<typeof startSheetsBesideAuth>>;
    expect(f.sheets[0].rows).toEqual([
      ['Name', 'Email'],
      ['Ada', 'ada@example.com'],
    ]);
    expect(f.assertions).toHaveLength(1);
  },
};

const startDrive = () => besideAuth<FakeDrive>((scopes) => startFakeDrive(scopes));
const startGmail = () => besideAuth<FakeGmail>((scopes) => startFakeGmail(scopes));

export const SLACK_CASE: AppCase = {
  app: 'Slack',
  appLabel: 'Slack',
  start: slack.startFakeSlack,
  connection: {
    type: 'slack',
    name: 'Slack bot',
    credentials: (url) => ({ token: slack.TOKEN, baseUrl: `${url}/api` }),
  },
  action: {
    label: 'Create a message',
    steps: [
      { label: 'Channel', value: 'C0000000001' },
      { label: 'Text', value: 'Hello {{1.name}}' },
    ],
  },
  search: { label: 'List channels', steps: [{ label: 'Limit', value: '1' }] },
  response: '{"ts": "{{2.ts}}"}',
  input: { name: 'Ada' },
  searchShows: 'general',
  check: (fake) => {
    const f = fake as slack.FakeSlack;
    expect(paths(f.requests)).toEqual(['POST /api/chat.postMessage', 'GET /api/conversations.list']);
    expect(f.requests[0].json).toMatchObject({ channel: 'C0000000001', text: 'Hello Ada' });
  },
};

export const GOOGLE_CASES: AppCase[] = [
  GOOGLE_SHEETS_CASE,
  {
    app: 'Google Drive',
    appLabel: 'Google Drive',
    start: startDrive,
    connection: {
      type: 'google-service-account',
      name: 'Drive robot',
      // The Base URL is the Drive fake's; the token URL the server's beside it.
      credentials: (url, fake) => serviceAccount((fake as WithAuth).tokenUrl, ['drive'], url),
    },
    action: {
      label: 'Upload a file',
      steps: [
        { label: 'File name', value: 'hello-{{1.name}}.txt' },
        { label: 'Data', value: 'Hello {{1.name}}' },
      ],
    },
    search: { label: 'Search files/folders', steps: [{ label: 'Name contains', value: 'hello-' }] },
    response: '{"file": "{{2.id}}"}',
    input: { name: 'Ada' },
    searchShows: 'hello-Ada.txt',
    check: (fake) => {
      const f = fake as FakeDrive;
      // about: the connection is checked when it is saved.
      expect(paths(f.requests)).toEqual([
        'GET /drive/v3/about',
        'POST /upload/drive/v3/files',
        'GET /drive/v3/files',
      ]);
      const [file] = [...f.files.values()];
      expect({ name: file.name, mimeType: file.mimeType, data: file.data?.toString() }).toEqual({
        name: 'hello-Ada.txt',
        mimeType: 'text/plain',
        data: 'Hello Ada',
      });
    },
  },
  {
    app: 'Gmail',
    appLabel: 'Gmail',
    start: startGmail,
    connection: {
      type: 'google-service-account',
      name: 'Gmail robot',
      // Gmail needs a Workspace user to act for (domain-wide delegation).
      credentials: (url, fake) => ({
        ...serviceAccount((fake as WithAuth).tokenUrl, ['gmail'], url),
        subject: 'ann@example.com',
      }),
    },
    action: {
      label: 'Send an email',
      steps: [
        { click: 'Add To' },
        { path: 'to', value: '{{1.email}}' },
        { label: 'Subject', value: 'Hello {{1.name}}' },
        { label: 'Content', value: '<p>Welcome</p>' },
      ],
    },
    search: { label: 'Make an API call', steps: [{ label: 'URL', value: '/users/me/messages' }] },
    response: '{"sent": "{{2.id}}"}',
    input: { name: 'Ada', email: 'ada@example.com' },
    searchShows: 'threadId',
    check: (fake) => {
      const f = fake as FakeGmail;
      const [mail] = f.messages;
      expect(mail.parsed.subject).toBe('Hello Ada');
      expect(mail.parsed.html).toContain('<p>Welcome</p>');
      expect(JSON.stringify(mail.parsed.to)).toContain('ada@example.com');
      expect(paths(f.requests)).toEqual([
        'GET /gmail/v1/users/me/profile',
        'POST /gmail/v1/users/me/messages/send',
        'GET /gmail/v1/users/me/messages',
      ]);
    },
  },
  SLACK_CASE,
];
