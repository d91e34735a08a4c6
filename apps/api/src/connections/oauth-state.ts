import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The OAuth2 `state` is signed rather than stored, so any API process can finish a flow another
// one started. It names the connection and expires after ten minutes.

const TTL_MS = 10 * 60 * 1000;

export function signState(secret: Buffer, connectionId: number, now: number): string {
  const payload = Buffer.from(
    JSON.stringify({ c: connectionId, e: now + TTL_MS, n: randomBytes(8).toString('hex') }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export function readState(secret: Buffer, state: string, now: number): number | undefined {
  const [payload, signature] = state.split('.');
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const { c, e } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { c: number; e: number };
  return e > now ? c : undefined;
}

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(`oauth-state:${payload}`).digest('base64url');
}
