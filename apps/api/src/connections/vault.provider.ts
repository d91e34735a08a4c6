import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { loadKey, parseKey, Vault } from './vault';

export const VAULT = Symbol('VAULT');

export const vaultProvider: Provider = {
  provide: VAULT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    // During a key rotation the old key stays readable: INTEGRATOR_PREVIOUS_ENCRYPTION_KEY.
    const previous = process.env.INTEGRATOR_PREVIOUS_ENCRYPTION_KEY;
    return new Vault(
      loadKey(config.encryptionKey, config.dataDir),
      previous ? [parseKey(previous, 'INTEGRATOR_PREVIOUS_ENCRYPTION_KEY')] : [],
    );
  },
};
