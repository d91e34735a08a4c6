import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type ServerClock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { verifyKeyCheck } from './key-check';
import { loadKey, parseKey, Vault } from './vault';

export const VAULT = Symbol('VAULT');

export const vaultProvider: Provider = {
  provide: VAULT,
  inject: [APP_CONFIG, getDataSourceToken(), CLOCK],
  useFactory: async (config: AppConfig, db: DataSource, clock: ServerClock) => {
    // During a key rotation the old key stays readable: INTEGRATOR_PREVIOUS_ENCRYPTION_KEY.
    const previous = process.env.INTEGRATOR_PREVIOUS_ENCRYPTION_KEY;
    const vault = new Vault(
      loadKey(config.encryptionKey, config.dataDir),
      previous ? [parseKey(previous, 'INTEGRATOR_PREVIOUS_ENCRYPTION_KEY')] : [],
    );
    // Nothing gets the vault (so nothing starts) unless the key opens the stored key check.
    try {
      await verifyKeyCheck(db, vault, clock.now());
    } catch (err) {
      // Refusing to start: close the database so the process (or a test) can end.
      await db.destroy().catch(() => undefined);
      throw err;
    }
    return vault;
  },
};
