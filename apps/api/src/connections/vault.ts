import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Secrets at rest: AES-256-GCM. Each ciphertext names the key that made it, so a rotation can
// read old ciphertexts with the previous key while writing new ones with the current key.

const VERSION = 'v1';

export class Vault {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(
    private readonly current: Buffer,
    previous: Buffer[] = [],
  ) {
    if (current.length !== 32) throw new Error('the encryption key must be 32 bytes');
    this.currentKeyId = keyId(current);
    this.keys.set(this.currentKeyId, current);
    for (const k of previous) this.keys.set(keyId(k), k);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      this.currentKeyId,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  decrypt(token: string): string {
    const [version, id, iv, tag, data] = token.split(':');
    if (version !== VERSION || !data) throw new Error('not a vault ciphertext');
    const key = this.keys.get(id);
    if (!key)
      throw new Error(`the secret was encrypted with another key (${id}); set the key it was made with`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  encryptJson(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  decryptJson<T>(token: string): T {
    return JSON.parse(this.decrypt(token)) as T;
  }

  isCurrent(token: string): boolean {
    return token.split(':')[1] === this.currentKeyId;
  }
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** Reads a key written as 64 hex characters or base64 of 32 bytes. */
export function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error(`${where} must be 32 bytes, written as 64 hex characters or base64`);
  return key;
}

export const KEY_FILE = 'encryption.key';

/**
 * INTEGRATOR_ENCRYPTION_KEY when set; otherwise the key file in the data directory, created on
 * first start with mode 0600.
 */
export function loadKey(envKey: string | undefined, dataDir: string): Buffer {
  if (envKey) return parseKey(envKey, 'INTEGRATOR_ENCRYPTION_KEY');
  const file = join(dataDir, KEY_FILE);
  if (existsSync(file)) {
    chmodSync(file, 0o600); // a copy restored with a looser mode is tightened again
    return parseKey(readFileSync(file, 'utf8'), file);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
