import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

// Hole 5 of issue 13: the SQLite database and its WAL were created readable by every local user.
const [sqlite] = databaseTargets();
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data directory and its files are private', () => {
  const umask = process.umask();
  beforeAll(() => process.umask(0o022)); // the usual umask: files 0644 unless we say otherwise
  afterAll(() => process.umask(umask));

  test('a fresh data directory is 0700; the database, WAL, shared memory and key file 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'integrator-modes-')), 'data');
    const t = await startTestApp(sqlite, { encryptionKey: undefined }, undefined, {
      database: { sqlitePath: join(dataDir, 'integrator.db') },
      dataDir,
    });
    try {
      await t.http().get('/api/health').expect(200);
      expect(mode(dataDir)).toBe(0o700);
      const files = ['integrator.db', 'integrator.db-wal', 'integrator.db-shm', 'encryption.key'];
      for (const f of files) {
        expect(existsSync(join(dataDir, f))).toBe(true);
        expect([f, mode(join(dataDir, f))]).toEqual([f, 0o600]);
      }
    } finally {
      await t.close();
    }
  });

  test('an older installation with looser modes is tightened on start', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'integrator-modes-')), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    writeFileSync(join(dataDir, 'encryption.key'), `${Buffer.alloc(32, 3).toString('base64')}\n`);
    chmodSync(join(dataDir, 'encryption.key'), 0o644);
    const shared = { database: { sqlitePath: join(dataDir, 'integrator.db') }, dataDir };
    const first = await startTestApp(sqlite, { encryptionKey: undefined }, undefined, shared);
    await first.close();
    for (const f of ['integrator.db', 'integrator.db-wal', 'integrator.db-shm'])
      if (existsSync(join(dataDir, f))) chmodSync(join(dataDir, f), 0o644);
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'encryption.key'), 0o644);
    const again = await startTestApp(sqlite, { encryptionKey: undefined }, undefined, shared);
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const f of ['integrator.db', 'integrator.db-wal', 'integrator.db-shm', 'encryption.key'])
        expect([f, mode(join(dataDir, f))]).toEqual([f, 0o600]);
    } finally {
      await again.close();
    }
  });
});
