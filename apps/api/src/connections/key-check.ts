import type { DataSource, EntityManager } from 'typeorm';
import { KeyCheckEntity } from '@integrator/persistence';
import type { Vault } from './vault';

/** The known value encrypted into the key check. */
const KNOWN = 'integrator-key-check-v1';
const ROW = 1;

/** The server was started with a key that does not open the database's secrets. */
export class WrongKeyError extends Error {}

const REMEDY =
  'Start it with the key the data was encrypted with (INTEGRATOR_ENCRYPTION_KEY, or encryption.key in the data directory); ' +
  'to change keys, run `npx integrator rotate-key`.';

/**
 * Refuses a key that cannot open the stored check, before anything uses the vault: with a wrong
 * key every connection would fail and scheduled scenarios would be switched off one by one.
 * First start writes the check; an older database without one is checked against its secrets.
 */
export async function verifyKeyCheck(db: DataSource, vault: Vault, now: number): Promise<void> {
  const checks = db.getRepository(KeyCheckEntity);
  const row = await checks.findOneBy({ id: ROW });
  if (row) {
    if (!opens(vault, row.cipher))
      throw new WrongKeyError(
        `The encryption key (id ${vault.currentKeyId}) does not open this database's key check, made with key ${row.cipher.split(':')[1] ?? '?'}: ` +
          `the server refuses to start rather than fail every connection. ${REMEDY}`,
      );
    return;
  }
  await assertOpensExistingSecrets(db, vault);
  // Two processes starting together: the second insert loses and is checked like a restart.
  await checks.insert({ id: ROW, cipher: vault.encrypt(KNOWN), updatedAt: now }).catch(async () => {
    const again = await checks.findOneBy({ id: ROW });
    if (!again || !opens(vault, again.cipher))
      throw new WrongKeyError(`The encryption key does not open this database's key check. ${REMEDY}`);
  });
}

/** Key rotation writes the check with the new key, in the rotation's transaction. */
export async function writeKeyCheck(tx: EntityManager, from: Vault, to: Vault, now: number): Promise<void> {
  const checks = tx.getRepository(KeyCheckEntity);
  const row = await checks.findOneBy({ id: ROW });
  if (row && !opens(from, row.cipher))
    throw new WrongKeyError(`The current encryption key does not open this database's key check. ${REMEDY}`);
  await checks.save({ id: ROW, cipher: to.encrypt(KNOWN), updatedAt: now });
}

function opens(vault: Vault, cipher: string): boolean {
  try {
    return vault.decrypt(cipher) === KNOWN;
  } catch {
    return false;
  }
}

// A database from before key checks: one secret of each kind must open with this key.
async function assertOpensExistingSecrets(db: DataSource, vault: Vault): Promise<void> {
  const samples: Array<[string, string]> = [
    ['connections', 'secrets'],
    ['webhooks', 'tokenEncrypted'],
    ['custom_connectors', 'authSecrets'],
  ];
  for (const [table, column] of samples) {
    const rows: Array<{ v: string | null }> = await db.query(
      `SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" <> '' LIMIT 1`,
    );
    const cipher = rows[0]?.v;
    if (!cipher) continue;
    try {
      vault.decrypt(cipher);
    } catch {
      throw new WrongKeyError(
        `The encryption key (id ${vault.currentKeyId}) does not open the secrets already stored (${table}). ${REMEDY}`,
      );
    }
  }
}
