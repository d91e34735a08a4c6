// Secrets a connection adds to requests must never leave the client except on the wire:
// not in errors, logs, log entries or returned responses.

export const MASK = '***';

/** Replaces every occurrence of each secret with ***. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/**
 * The forms in which a secret can show up: as given, URL-encoded (query strings) and, for
 * "Scheme token" header values, the bare token. Longest first so a longer secret is masked whole.
 */
export function secretVariants(values: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    all.add(value);
    all.add(encodeURIComponent(value));
    all.add(new URLSearchParams({ s: value }).toString().slice(2));
    const scheme = /^[A-Za-z][\w-]*\s+(\S.*)$/.exec(value);
    if (scheme) all.add(scheme[1]);
  }
  return [...all].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** Redacts every string inside a JSON-like value (and secret bytes inside binary data). */
export function redactDeep(value: unknown, secrets: string[]): unknown {
  if (!secrets.length) return value;
  if (typeof value === 'string') return redact(value, secrets);
  if (value instanceof Uint8Array) return redactBytes(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k, secrets)] = redactDeep(v, secrets);
    return out;
  }
  return value;
}

function redactBytes(bytes: Uint8Array, secrets: string[]): Uint8Array {
  let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let changed = false;
  for (const secret of secrets) {
    const needle = Buffer.from(secret, 'utf8');
    if (buf.indexOf(needle) < 0) continue;
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, from)) {
      parts.push(buf.subarray(from, at), Buffer.from(MASK));
      from = at + needle.length;
    }
    parts.push(buf.subarray(from));
    buf = Buffer.concat(parts);
    changed = true;
  }
  return changed ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : bytes;
}

// Header values worth hiding in logs even when no connection added them (hand-written auth).
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
]);

/** Headers for a log entry: secrets redacted, credential-like headers masked whole. */
export function headersForLog(
  headers: Record<string, string>,
  secrets: string[],
  extra: Iterable<string> = [],
): Record<string, string> {
  const masked = new Set([...SENSITIVE_HEADERS, ...extra]);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = masked.has(name.toLowerCase()) ? MASK : redact(value, secrets);
  return out;
}
