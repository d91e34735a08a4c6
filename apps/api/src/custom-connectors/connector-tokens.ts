import { fetchOAuth2ClientCredentialsToken, type OAuth2Token } from '@integrator/engine';
import { CustomConnectorEntity, changes } from '@integrator/persistence';
import type { Repository } from 'typeorm';
import type { Vault } from '../connections/vault';
import { REFRESH_MARGIN_MS } from '@integrator/engine';
import type { HttpClients } from '../executions/http-clients';
import type { ParsedAuth } from './connector-auth';
import type { TokenSource } from './connector-request';

// OAuth2 client credentials for custom connectors: a saved connector keeps its access token in
// the vault until shortly before it expires; an unsaved request (Send before saving) fetches one.

function requestToken(clients: HttpClients, auth: ParsedAuth, now: () => number): Promise<OAuth2Token> {
  const c: Record<string, unknown> = { ...auth.values, ...auth.secrets };
  const text = (name: string) => (typeof c[name] === 'string' ? (c[name] as string) : '');
  return fetchOAuth2ClientCredentialsToken({
    tokenUrl: text('tokenUrl'),
    clientId: text('clientId'),
    clientSecret: text('clientSecret'),
    scope: text('scope') || undefined,
    audience: text('audience') || undefined,
    http: clients.plain(),
    clock: { now },
  });
}

/** Fetches a token for every request (nothing is stored for an unsaved request). */
export function fetchedTokens(clients: HttpClients, auth: ParsedAuth, now: () => number): TokenSource {
  return {
    token: async () => ({ accessToken: (await requestToken(clients, auth, now)).accessToken, reused: false }),
  };
}

export interface StoredTokenDeps {
  repo: Repository<CustomConnectorEntity>;
  vault: Vault;
  clients: HttpClients;
  now: () => number;
}

/** The saved connector's token: reused while valid, fetched and stored (encrypted) when not. */
export function storedTokens(
  row: CustomConnectorEntity,
  auth: ParsedAuth,
  deps: StoredTokenDeps,
): TokenSource {
  return {
    token: async (renew) => {
      const stored = deps.vault.decryptJson<Record<string, unknown>>(row.authSecrets);
      const current = typeof stored.accessToken === 'string' ? stored.accessToken : '';
      const fresh = row.tokenExpiresAt === null || row.tokenExpiresAt - deps.now() > REFRESH_MARGIN_MS;
      if (!renew && current && fresh) return { accessToken: current, reused: true };
      const token = await requestToken(deps.clients, auth, deps.now);
      const authSecrets = deps.vault.encryptJson({ ...stored, accessToken: token.accessToken });
      const tokenExpiresAt = token.expiresAt ?? null;
      // Only if nobody changed the connector meanwhile: its new credentials must not be overwritten.
      await deps.repo.update(
        { id: row.id, updatedAt: row.updatedAt },
        changes<CustomConnectorEntity>({ authSecrets, tokenExpiresAt }),
      );
      Object.assign(row, { authSecrets, tokenExpiresAt });
      return { accessToken: token.accessToken, reused: false };
    },
  };
}
