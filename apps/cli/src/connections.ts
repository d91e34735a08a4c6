import { createHttpClient, needsToken, obtainToken, type ModuleRegistry } from '@integrator/engine';
import type { ResolvedConnection } from '@integrator/sdk';

/** One entry of the --connections file. */
export interface CliConnection {
  type: string;
  credentials: Record<string, unknown>;
  /** When the access token in the credentials expires (epoch ms), if it has one. */
  expiresAt?: number | null;
}

/**
 * Resolves the connections of a headless run the way the server does: an OAuth 2.0 connection
 * gets (or refreshes) its access token before first use, once per run; `refresh` gets a new one
 * when a request was answered 401 (the HTTP client asks), and later modules use that one.
 */
export function cliConnectionStore(
  entries: Record<string, CliConnection>,
  registry: Pick<ModuleRegistry, 'connectionType'>,
  now: () => number = Date.now,
) {
  const resolved = new Map<string, Promise<ResolvedConnection>>();
  return {
    resolve: (ref: string | number): Promise<ResolvedConnection> => {
      const key = String(ref);
      let found = resolved.get(key);
      if (!found) {
        found = resolve(key, entries[key], registry, now, false);
        resolved.set(key, found);
      }
      return found;
    },
    refresh: (connection: ResolvedConnection): Promise<ResolvedConnection> => {
      const key = String(connection.id);
      const found = resolve(key, entries[key], registry, now, true);
      resolved.set(key, found);
      return found;
    },
  };
}

/** The resolver alone (see cliConnectionStore). */
export function cliConnections(
  entries: Record<string, CliConnection>,
  registry: Pick<ModuleRegistry, 'connectionType'>,
  now: () => number = Date.now,
): (ref: string | number) => Promise<ResolvedConnection> {
  return cliConnectionStore(entries, registry, now).resolve;
}

async function resolve(
  ref: string,
  entry: CliConnection | undefined,
  registry: Pick<ModuleRegistry, 'connectionType'>,
  now: () => number,
  force: boolean,
): Promise<ResolvedConnection> {
  if (!entry) throw new Error(`no connection ${ref} in --connections`);
  const type = registry.connectionType(entry.type);
  let credentials = { ...entry.credentials };
  if (type?.oauth2 && (force || needsToken(type, credentials, entry.expiresAt ?? null, now()))) {
    const token = await obtainToken(type, credentials, createHttpClient({}), now);
    credentials = {
      ...credentials,
      accessToken: token.accessToken,
      ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
    };
  }
  return { id: ref, type: entry.type, credentials };
}
