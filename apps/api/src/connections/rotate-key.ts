import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync, chmodSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { writeKeyCheck } from './key-check';
import { KEY_FILE, loadKey, parseKey, Vault } from './vault';

/** Tables and columns that hold vault ciphertext. */
const ENCRYPTED: Array<{ table: string; key: string; column: string }> = [
  { table: 'connections', key: 'id', column: 'secrets' },
  { table: 'webhooks', key: 'id', column: 'tokenEncrypted' },
  { table: 'webhooks', key: 'id', column: 'secretEncrypted' },
  { table: 'custom_connectors', key: 'id', column: 'authSecrets' },
];

// A rotation interrupted half-way (env keys) may leave the check under the previous key.
function previousKeys(): Buffer[] {
  const text = process.env.INTEGRATOR_PREVIOUS_ENCRYPTION_KEY;
  return text ? [parseKey(text, 'INTEGRATOR_PREVIOUS_ENCRYPTION_KEY')] : [];
}

export interface RotationResult {
  rewritten: number;
  newKey: string;
  /** Where the new key went: the key file, or printed for the environment. */
  storedIn: 'file' | 'environment';
}

/**
 * Re-encrypts every secret with a new key in one transaction. With a key file the file is
 * replaced (the old one kept beside it); with INTEGRATOR_ENCRYPTION_KEY the new key is returned
 * for the operator to set, and the old one stays readable as INTEGRATOR_PREVIOUS_ENCRYPTION_KEY.
 */
export async function rotateKey(
  db: DataSource,
  dataDir: string,
  envKey: string | undefined,
  newKeyText?: string,
): Promise<RotationResult> {
  const oldKey = loadKey(envKey, dataDir);
  const newKey = newKeyText ? parseKey(newKeyText, '--new-key') : randomBytes(32);
  const from = new Vault(oldKey, previousKeys());
  const to = new Vault(newKey, [oldKey]);
  const q = (name: string) => `"${name}"`;
  let rewritten = 0;
  await db.transaction(async (tx) => {
    for (const { table, key, column } of ENCRYPTED) {
      const rows: Array<Record<string, unknown>> = await tx.query(
        `SELECT ${q(key)} AS k, ${q(column)} AS v FROM ${q(table)}`,
      );
      for (const row of rows) {
        const cipher = String(row.v ?? '');
        if (!cipher || to.isCurrent(cipher)) continue;
        const fresh = to.encrypt(from.decrypt(cipher));
        const placeholder = db.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
        await tx.query(
          `UPDATE ${q(table)} SET ${q(column)} = ${placeholder[0]} WHERE ${q(key)} = ${placeholder[1]}`,
          [fresh, row.k],
        );
        rewritten++;
      }
    }
    // The key check moves to the new key with the secrets: a server started with it opens both.
    await writeKeyCheck(tx, from, to, Date.now());
  });
  const text = newKey.toString('base64');
  if (envKey) return { rewritten, newKey: text, storedIn: 'environment' };
  const file = join(dataDir, KEY_FILE);
  if (existsSync(file)) renameSync(file, `${file}.previous`);
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { rewritten, newKey: text, storedIn: 'file' };
}
