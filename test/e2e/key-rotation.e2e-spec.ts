import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseTargets } from '../support/databases';
import { auth, sharedDatabase, startTestApp } from '../support/app';

const SECRET = 'rotate-me-4f1c2b';
const root = join(__dirname, '..', '..');

describe.each(databaseTargets().filter((t) => t.name === 'sqlite'))(
  'encryption key rotation on $name',
  (target) => {
    test('npx integrator rotate-key re-encrypts every secret; the app reads them with the new key', async () => {
      const shared = sharedDatabase(target);
      // No INTEGRATOR_ENCRYPTION_KEY: the key is generated into the data directory (mode 0600).
      const first = await startTestApp(target, { encryptionKey: undefined }, undefined, shared);
      const keyFile = join(shared.dataDir, 'encryption.key');
      expect((await import('node:fs')).statSync(keyFile).mode & 0o777).toBe(0o600);
      const { body: c } = await first
        .http()
        .post('/api/connections')
        .set(auth(first.token))
        .send({ name: 'Bearer', type: 'bearer', credentials: { token: SECRET } })
        .expect(201);
      const before = (await first.db().query('SELECT secrets FROM connections'))[0].secrets as string;
      await first.close();

      const oldKey = readFileSync(keyFile, 'utf8');
      const r = spawnSync(process.execPath, [join(root, 'bin/integrator.js'), 'rotate-key'], {
        cwd: root,
        encoding: 'utf8',
        env: {
          ...process.env,
          INTEGRATOR_DATA_DIR: shared.dataDir,
          INTEGRATOR_ENCRYPTION_KEY: '',
          DATABASE_URL: '',
        },
      });
      expect({ code: r.status, err: r.stderr }).toEqual({ code: 0, err: '' });
      expect(r.stdout).toMatch(/Re-encrypted 1 secret/);
      expect(readFileSync(keyFile, 'utf8')).not.toBe(oldKey);
      expect(existsSync(`${keyFile}.previous`)).toBe(true);

      const second = await startTestApp(target, { encryptionKey: undefined }, undefined, shared);
      try {
        const after = (await second.db().query('SELECT secrets FROM connections'))[0].secrets as string;
        expect(after).not.toBe(before);
        expect(after.split(':')[1]).not.toBe(before.split(':')[1]); // another key id
        const rotated = await second.db().query(`SELECT details FROM audit_log WHERE action = 'key.rotated'`);
        expect(rotated.map((r: { details: string }) => JSON.parse(r.details))).toEqual([
          { rewritten: 1, storedIn: 'file' },
        ]);
        const { credentials } = await second.app
          .get((await import('../../apps/api/src/connections/connections.service')).ConnectionsService)
          .credentialsOf(c.id);
        expect(credentials.token).toBe(SECRET);
      } finally {
        await second.close();
      }
    });
  },
);
