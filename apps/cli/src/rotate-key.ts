import { resolve } from 'node:path';
import { AuditEventEntity, openDatabase } from '@integrator/persistence';
import { rotateKey } from '../../api/src/connections/rotate-key';

/** `integrator rotate-key [--new-key KEY]`: re-encrypts the vault with a new key (stop the servers first). */
export async function rotateKeyCommand(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const i = argv.indexOf('--new-key');
  const newKey = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !newKey) {
    err.write('--new-key needs a value (32 bytes, base64 or 64 hex characters)\n');
    return 2;
  }
  const dataDir = resolve(process.env.INTEGRATOR_DATA_DIR ?? './data');
  const db = await openDatabase({
    url: process.env.DATABASE_URL || undefined,
    sqlitePath: `${dataDir}/integrator.db`,
  });
  try {
    const result = await rotateKey(db, dataDir, process.env.INTEGRATOR_ENCRYPTION_KEY || undefined, newKey);
    // The audit log says when the key changed (never the key itself); run from a shell, no actor.
    await db.getRepository(AuditEventEntity).insert({
      at: Date.now(),
      actorEmail: process.env.USER ?? 'cli',
      action: 'key.rotated',
      targetType: 'vault',
      details: { rewritten: result.rewritten, storedIn: result.storedIn },
    });
    out.write(`Re-encrypted ${result.rewritten} secret(s) with the new key.\n`);
    if (result.storedIn === 'file')
      out.write(
        `The new key is in ${dataDir}/encryption.key (the old one beside it as encryption.key.previous).\n`,
      );
    else {
      out.write(
        `Set INTEGRATOR_ENCRYPTION_KEY=${result.newKey} for every process, and keep the old value as\n`,
      );
      out.write('INTEGRATOR_PREVIOUS_ENCRYPTION_KEY until all of them have restarted.\n');
    }
    return 0;
  } catch (e) {
    err.write(`rotation failed, nothing was changed: ${(e as Error).message}\n`);
    return 2;
  } finally {
    await db.destroy();
  }
}
