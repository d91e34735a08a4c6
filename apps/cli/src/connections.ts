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
 * gets (or refreshes) its access token before first use, once per run.
 */
export function cliConnections(
  entries: Record<string, CliConnection>,
  registry: Pick<ModuleRegistry, 'connectionType'>,
  now: () => number = Date.now,
): (ref: string | number) => Promise<ResolvedConnection> {
  const resolved = new Map<string, Promise<ResolvedConnection>>();
  return (ref) => {
    const key = String(ref);
    let found = resolved.get(key);
    if (!found) {
      found = resolve(key, entries[key], registry, now);
      resolved.set(key, found);
    }
    return found;
  };
}

async function resolve(
  ref: string,
  entry: CliConnection | undefined,
  registry: Pick<ModuleRegistry, 'connectionType'>,
  now: () => number,
): Promise<ResolvedConnection> {
  if (!entry) throw new Error(`no connection ${ref} in --connections`);
  const type = registry.connectionType(entry.type);
  let credentials = { ...entry.credentials };
  if (type && needsToken(type, credentials, entry.expiresAt ?? null, now())) {
    const token = await obtainToken(type, credentials, createHttpClient({}), now);
    credentials = {
      ...credentials,
      accessToken: token.accessToken,
      ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
    };
  }
  return { id: ref, type: entry.type, credentials };
}
