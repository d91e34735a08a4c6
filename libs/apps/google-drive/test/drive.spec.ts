import { appHarness, errorOf, importMake, output, outputs } from '../../../../test/support/app-harness';
import { googleDriveApp } from '../src';
import { FOLDER_MIME, READONLY_TOKEN, startFakeDrive, TOKEN, type FakeDrive } from './fake-google-drive';

let fake: FakeDrive;
beforeEach(async () => {
  fake = await startFakeDrive();
});
afterEach(() => fake.close());

const drive = (accessToken = TOKEN, apps = ['drive']) =>
  appHarness(googleDriveApp, () => ({
    clientId: 'client-1.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-drive-test',
    apps,
    baseUrl: fake.url,
    accessToken,
  }));
const PDF = Buffer.from('%PDF-1.4 fake\x00\xff binary');

describe('google-drive:uploadAFile', () => {
  test('one multipart/related request: JSON metadata with the folder, then the bytes', async () => {
    const folder = fake.add({ name: 'Invoices', mimeType: FOLDER_MIME });
    const result = await drive().run(
      'google-drive:uploadAFile',
      {
        filename: '{{1.file.fileName}}',
        data: '{{1.file.data}}',
        folderId: folder.id,
        destination: 'drive',
        select: 'value',
      },
      { input: { file: { fileName: 'march.pdf', data: PDF } } },
    );
    expect(output(result)).toMatchObject({
      name: 'march.pdf',
      mimeType: 'application/pdf',
      parents: [folder.id],
    });
    const req = fake.requests[0];
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['content-type']).toMatch(/^multipart\/related; boundary=integrator-/);
    const url = new URL(req.url, 'http://x');
    expect(url.pathname).toBe('/upload/drive/v3/files');
    expect(url.searchParams.get('uploadType')).toBe('multipart');
    const stored = [...fake.files.values()].find((f) => f.name === 'march.pdf')!;
    expect(stored.data).toEqual(PDF);
  });

  test('Convert turns a CSV into a Google Sheets file; a type Drive cannot convert is refused before any call', async () => {
    const result = await drive().run('google-drive:uploadAFile', {
      filename: 'a.csv',
      data: 'x,y\n1,2\n',
      convert: true,
    });
    expect(output(result)).toMatchObject({
      name: 'a.csv',
      mimeType: 'application/vnd.google-apps.spreadsheet',
      parents: ['root-id'],
    });
    const bad = await drive().run('google-drive:uploadAFile', {
      filename: 'a.png',
      data: 'png',
      convert: true,
    });
    expect(errorOf(bad)).toMatchObject({ type: 'DataError', field: 'convert' });
    expect(fake.requests).toHaveLength(1);
  });

  test('over 5 MB goes as a resumable upload: the metadata, then the bytes to the session URL', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 7);
    const result = await drive().run(
      'google-drive:uploadAFile',
      { filename: 'big.bin', data: '{{1.data}}' },
      { input: { data: big } },
    );
    expect(output(result)).toMatchObject({ name: 'big.bin' });
    expect(
      fake.requests.map((r) => `${r.method} ${new URL(r.url, 'http://x').searchParams.get('uploadType')}`),
    ).toEqual(['POST resumable', 'PUT resumable']);
    expect(fake.requests[0].headers['x-upload-content-length']).toBe(String(big.length));
    expect([...fake.files.values()][0].data!.equals(big)).toBe(true);
  });

  test('errors: an unknown folder names folderId; a read-only token is an account error; 429 waits for Retry-After', async () => {
    const missing = await drive().run('google-drive:uploadAFile', {
      filename: 'a.txt',
      data: 'x',
      folderId: 'nope123',
    });
    expect(errorOf(missing)).toMatchObject({
      type: 'DataError',
      field: 'folderId',
      message: expect.stringContaining('File not found: nope123.'),
    });

    const readonly = await drive(READONLY_TOKEN).run('google-drive:uploadAFile', {
      filename: 'a.txt',
      data: 'x',
    });
    expect(errorOf(readonly)).toMatchObject({ type: 'AccountValidationError', status: 403 });

    const h = drive();
    fake.failNext(
      429,
      { error: { code: 429, message: 'Rate Limit Exceeded', status: 'RESOURCE_EXHAUSTED' } },
      { 'Retry-After': '3' },
    );
    const before = h.clock.now();
    const ok = await h.run('google-drive:uploadAFile', { filename: 'a.txt', data: 'x' });
    expect(output(ok)).toMatchObject({ name: 'a.txt', mimeType: 'text/plain' });
    expect(h.clock.now() - before).toBeGreaterThanOrEqual(3000);

    const wrongApp = await drive(TOKEN, ['gmail']).run('google-drive:uploadAFile', {
      filename: 'a.txt',
      data: 'x',
    });
    expect(errorOf(wrongApp)).toMatchObject({ type: 'AccountValidationError', field: 'connection' });
  });
});

describe('google-drive:getAFile', () => {
  test('downloads the bytes (alt=media) as a file bundle', async () => {
    const f = fake.add({ name: 'photo.png', mimeType: 'image/png', data: PDF });
    const result = await drive().run('google-drive:getAFile', {
      fileId: `https://drive.google.com/file/d/${f.id}/view`,
    });
    const out = output(result);
    expect(out).toMatchObject({
      id: f.id,
      fileName: 'photo.png',
      mimeType: 'image/png',
      fileSize: PDF.length,
    });
    expect(out.data).toMatch(/^IMTBuffer\(\d+, binary/);
    expect(new URL(fake.requests[1].url, 'http://x').searchParams.get('alt')).toBe('media');
  });

  test('a Google Docs file is exported: Word by default, or the chosen format; folders have no content', async () => {
    const doc = fake.add({ name: 'Notes', mimeType: 'application/vnd.google-apps.document' });
    const word = output(await drive().run('google-drive:getAFile', { fileId: doc.id }));
    expect(word).toMatchObject({
      fileName: 'Notes.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const pdf = output(
      await drive().run('google-drive:getAFile', { fileId: doc.id, formatDocuments: 'application/pdf' }),
    );
    expect(pdf).toMatchObject({ fileName: 'Notes.pdf', mimeType: 'application/pdf' });
    const bad = await drive().run('google-drive:getAFile', { fileId: doc.id, formatDocuments: 'image/gif' });
    expect(errorOf(bad)).toMatchObject({ field: 'formatDocuments', status: 400 });
    const folder = fake.add({ name: 'F', mimeType: FOLDER_MIME });
    expect(errorOf(await drive().run('google-drive:getAFile', { fileId: folder.id }))).toMatchObject({
      field: 'fileId',
    });
  });

  test('a file over the download cap fails before its bytes are fetched', async () => {
    const f = fake.add({ name: 'huge.bin', data: Buffer.alloc(10 * 1024 * 1024 + 1) });
    const result = await drive().run('google-drive:getAFile', { fileId: f.id });
    expect(errorOf(result)).toMatchObject({ type: 'MaxFileSizeExceededError', field: 'fileId' });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('google-drive:searchForFilesFolders', () => {
  test('builds the query from the settings and follows nextPageToken up to the limit', async () => {
    const folder = fake.add({ name: 'Inbox', mimeType: FOLDER_MIME });
    for (const name of ["O'Brien 1.pdf", "O'Brien 2.pdf", "O'Brien 3.pdf", 'other.pdf'])
      fake.add({ name, mimeType: 'application/pdf', parents: [folder.id] });
    fake.add({ name: "O'Brien trashed.pdf", parents: [folder.id], trashed: true });
    fake.add({ name: "O'Brien elsewhere.pdf" });
    fake.pageCap = 2;
    const result = await drive().run('google-drive:searchForFilesFolders', {
      searchType: 'file',
      folderId: folder.id,
      name: "o'brien",
      limit: 3,
    });
    expect(outputs(result).map((f) => f.name)).toEqual(["O'Brien 1.pdf", "O'Brien 2.pdf", "O'Brien 3.pdf"]);
    const q = fake.requests.map((r) => new URL(r.url, 'http://x').searchParams);
    expect(q[0].get('q')).toBe(
      `mimeType != '${FOLDER_MIME}' and '${folder.id}' in parents and name contains 'o\\'brien' and trashed = false`,
    );
    expect(q.map((p) => p.get('pageSize'))).toEqual(['3', '1']);
    expect(q[1].get('pageToken')).toBeTruthy();
  });

  test('folders only, with a Drive query; a query Drive cannot read names the field', async () => {
    fake.add({ name: 'A', mimeType: FOLDER_MIME });
    fake.add({ name: 'B', mimeType: 'text/plain' });
    const result = await drive().run('google-drive:searchForFilesFolders', {
      searchType: 'folder',
      query: "modifiedTime > '2025-01-01T00:00:00'",
    });
    expect(outputs(result).map((f) => f.name)).toEqual(['A']);
    const bad = await drive().run('google-drive:searchForFilesFolders', { query: 'nonsense ~ 1' });
    expect(errorOf(bad)).toMatchObject({ type: 'DataError', field: 'query', status: 400 });
  });
});

describe('google-drive:createAFolder and Make an API call', () => {
  test('creates a folder inside a parent; a file as parent is refused', async () => {
    const parent = fake.add({ name: 'Root', mimeType: FOLDER_MIME });
    const out = output(
      await drive().run('google-drive:createAFolder', { name: ' 2026 ', folderId: parent.id }),
    );
    expect(out).toMatchObject({ name: '2026', mimeType: FOLDER_MIME, parents: [parent.id] });
    // Make's folder picker stores a path of ids: the last is the folder; "/" is My Drive's root.
    const nested = output(
      await drive().run('google-drive:createAFolder', {
        name: 'n',
        folderId: `/${parent.id}/${out.id as string}`,
      }),
    );
    expect(nested).toMatchObject({ parents: [out.id] });
    expect(
      output(await drive().run('google-drive:createAFolder', { name: 'top', folderId: '/' })),
    ).toMatchObject({ parents: ['root-id'] });
    expect(fake.requests[0].json).toEqual({ name: '2026', mimeType: FOLDER_MIME, parents: [parent.id] });
    const file = fake.add({ name: 'x.txt' });
    expect(
      errorOf(await drive().run('google-drive:createAFolder', { name: 'n', folderId: file.id })),
    ).toMatchObject({
      status: 403,
    });
  });

  test('Make an API call: a path under /drive/v3 with the connection’s token', async () => {
    const out = output(
      await drive().run('google-drive:makeApiCall', {
        url: '/about',
        query: [{ key: 'fields', value: 'user' }],
      }),
    );
    expect(out).toMatchObject({ statusCode: 200, body: { user: { emailAddress: 'ann@example.com' } } });
    expect(fake.requests[0].url).toBe('/drive/v3/about?fields=user');
  });
});

describe('Make exports', () => {
  test('google-drive:uploadAFile v4 imports with its mapper and asks for a Google connection', () => {
    const mapper = {
      data: '{{1.data}}',
      filename: '{{1.fileName}}',
      folderId: '/1AbCdEf',
      destination: 'drive',
      select: 'map',
      convert: false,
    };
    const { blueprint, report } = importMake(googleDriveApp, {
      module: 'google-drive:uploadAFile',
      version: 4,
      parameters: { __IMTCONN__: 5 },
      mapper,
    });
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[0]).toMatchObject({ module: 'google-drive:uploadAFile', mapper });
    expect(report.connectionsToChoose[0]).toMatchObject({ types: ['google', 'google-service-account'] });
  });
});
