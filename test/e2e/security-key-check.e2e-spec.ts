import { openDatabase } from '@integrator/persistence';
import { rotateKey } from '../../apps/api/src/connections/rotate-key';
import { databaseTargets } from '../support/databases';
import { auth, dropSharedDatabase, sharedDatabase, startTestApp, type SharedDatabase } from '../support/app';

// Hole 2 of issue 13: a wrong but well-formed key let the server start, and then every
// connection failed and scheduled scenarios were switched off.
const KEY_A = Buffer.alloc(32, 0xa1).toString('base64');
const KEY_B = Buffer.alloc(32, 0xb2).toString('base64');

// The app keeps SQLite in its data directory; PostgreSQL is the shared schema.
function databaseOf(shared: SharedDatabase) {
  return shared.database.url
    ? { url: shared.database.url, schema: shared.database.schema }
    : { sqlitePath: `${shared.dataDir}/integrator.db` };
}

describe.each(databaseTargets())('the encryption key check on $name', (target) => {
  test('key A, then key B refuses to start with a clear message; after rotating to B it starts', async () => {
    const shared = sharedDatabase(target);
    const first = await startTestApp(target, { encryptionKey: KEY_A }, undefined, shared);
    await first
      .http()
      .post('/api/connections')
      .set(auth(first.token))
      .send({ name: 'Bearer', type: 'bearer', credentials: { token: 'kept-secret' } })
      .expect(201);
    const [check] = await first.db().query('SELECT * FROM key_checks');
    expect(check.cipher).toMatch(/^v1:/);
    await first.close();

    await expect(startTestApp(target, { encryptionKey: KEY_B }, undefined, shared)).rejects.toThrow(
      /The encryption key \(id [0-9a-f]{12}\) does not open this database's key check.*rotate-key/,
    );

    const db = await openDatabase(databaseOf(shared));
    try {
      const result = await rotateKey(db, shared.dataDir, KEY_A, KEY_B);
      expect(result.rewritten).toBe(1); // the connection (the key check is rewritten besides)
    } finally {
      await db.destroy();
    }

    const second = await startTestApp(target, { encryptionKey: KEY_B }, undefined, shared);
    try {
      const list = await second.http().get('/api/connections').set(auth(second.token)).expect(200);
      expect(list.body.items ?? list.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Bearer' })]),
      );
    } finally {
      await second.close();
    }
    // And key A is now the wrong one.
    await expect(startTestApp(target, { encryptionKey: KEY_A }, undefined, shared)).rejects.toThrow(
      /does not open this database's key check/,
    );
    await dropSharedDatabase(shared);
  });

  test('a database from before key checks is checked against its stored secrets', async () => {
    const shared = sharedDatabase(target);
    const first = await startTestApp(target, { encryptionKey: KEY_A }, undefined, shared);
    await first
      .http()
      .post('/api/connections')
      .set(auth(first.token))
      .send({ name: 'Old', type: 'bearer', credentials: { token: 'old-secret' } })
      .expect(201);
    await first.db().query('DELETE FROM key_checks'); // as an installation from before the check
    await first.close();
    await expect(startTestApp(target, { encryptionKey: KEY_B }, undefined, shared)).rejects.toThrow(
      /does not open the secrets already stored \(connections\)/,
    );
    const again = await startTestApp(target, { encryptionKey: KEY_A }, undefined, shared);
    expect(await again.db().query('SELECT id FROM key_checks')).toHaveLength(1);
    await again.close();
    await dropSharedDatabase(shared);
  });
});
