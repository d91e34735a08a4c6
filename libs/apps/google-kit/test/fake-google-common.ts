import type { FakeReply, RecordedRequest } from '../../../../test/support/app-harness';

// What every strict Google API fake shares: the error body of Google APIs
// ({ error: { code, message, status, errors: [{ domain, reason, message, location, locationType }] } }),
// the Bearer check with the token's scopes, and the refusal of query parameters an endpoint does
// not declare (Google answers 400 "Cannot bind query parameter").

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  413: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
};

export function googleFail(code: number, message: string, reason = 'invalid', location?: string): FakeReply {
  return {
    status: code,
    body: {
      error: {
        code,
        message,
        status: STATUS[code] ?? 'UNKNOWN',
        errors: [
          {
            domain: 'global',
            reason,
            message,
            ...(location ? { location, locationType: 'parameter' } : {}),
          },
        ],
      },
    },
  };
}

/** Scopes of tokens another fake issued (a token server's), for a fake to honour too. */
export type ExtraTokens = (token: string) => string[] | undefined;

/** The token's scopes, or the 401 Google answers. */
export function bearerScopes(
  req: RecordedRequest,
  tokens: Record<string, string[]>,
  extra?: ExtraTokens,
): string[] | FakeReply {
  const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
  const scopes = token ? (tokens[token] ?? extra?.(token)) : undefined;
  if (!scopes)
    return googleFail(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      'authError',
    );
  return scopes;
}

export function insufficientScopes(): FakeReply {
  return googleFail(403, 'Request had insufficient authentication scopes.', 'insufficientPermissions');
}

/** The query parameters, or a 400 naming the first one the endpoint does not take. */
export function queryOf(req: RecordedRequest, allowed: string[]): URLSearchParams | FakeReply {
  const params = new URL(req.url, 'http://fake').searchParams;
  for (const name of params.keys())
    if (!allowed.includes(name))
      return googleFail(
        400,
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter.`,
      );
  return params;
}

export const isReply = (v: unknown): v is FakeReply =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  'status' in v &&
  !(v instanceof URLSearchParams);

export interface RelatedPart {
  headers: Record<string, string>;
  body: Buffer;
}

/** RFC 2387 multipart/related, split at the boundary of the Content-Type (bytes kept as they are). */
export function parseRelated(contentType: string, body: Buffer): RelatedPart[] | string {
  if (!/^multipart\/related\s*;/i.test(contentType))
    return `Content-Type must be multipart/related, got ${contentType}`;
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return 'multipart/related without a boundary';
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: RelatedPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return 'no boundary in the body';
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return 'the body does not end with the closing boundary';
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const chunk = body.subarray(start + 2, next - 2);
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) return 'a part without headers';
    const headers: Record<string, string> = {};
    for (const line of chunk.subarray(0, split).toString('utf8').split('\r\n')) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: chunk.subarray(split + 4) });
    at = next;
  }
  return parts;
}
