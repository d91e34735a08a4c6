import { ModuleError, transientError, type ErrorType } from '@integrator/sdk';

// AFAS's error responses (reference §10) turned into messages a user can act on. Only what
// the response carries is shown: never request headers, so never a token.

export interface AfasErrorDetails {
  status: number;
  externalMessage?: string;
  errorNumber?: number;
  profitLogReference?: string;
  retryAfterSeconds?: number;
}

type Headers = Record<string, string | undefined>;

export function header(headers: Headers | undefined, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function record(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  // The documented 503 example nests {"example": "…"}; read through it (reference §10).
  const example = record(value).example;
  return typeof example === 'string' || typeof example === 'number' ? String(example) : undefined;
}

/** The obsolete X-PROFIT-ERROR header holds base64 of externalMessage; used when the body has none. */
function profitErrorHeader(headers: Headers | undefined): string | undefined {
  const value = header(headers, 'x-profit-error');
  if (!value) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8').trim();
  return decoded || undefined;
}

/** Seconds from the body's `retry_after` or, failing that, a Retry-After header. */
export function retryAfterSeconds(body: unknown, headers?: Headers): number | undefined {
  const fromBody = Number(record(body).retry_after);
  if (Number.isFinite(fromBody) && fromBody >= 0) return fromBody;
  const fromHeader = Number(header(headers, 'retry-after'));
  return Number.isFinite(fromHeader) && fromHeader >= 0 ? fromHeader : undefined;
}

function triple(body: unknown, headers: Headers | undefined): Omit<AfasErrorDetails, 'status'> {
  const b = record(body);
  const errorNumber = Number(b.errorNumber);
  const message =
    text(b.externalMessage) ??
    text(b.message) ??
    text(b.error_description) ??
    text(b.error) ??
    profitErrorHeader(headers) ??
    text(body);
  return {
    externalMessage: message,
    errorNumber:
      Number.isFinite(errorNumber) && b.errorNumber !== null && b.errorNumber !== ''
        ? errorNumber
        : undefined,
    profitLogReference: text(b.profitLogReference),
  };
}

function describeTriple(t: Omit<AfasErrorDetails, 'status'>): string {
  const refs = [
    t.errorNumber !== undefined ? `error number ${t.errorNumber}` : undefined,
    t.profitLogReference ? `Profit log reference ${t.profitLogReference}` : undefined,
  ].filter(Boolean);
  return `${t.externalMessage ?? 'no message'}${refs.length ? ` (${refs.join(', ')})` : ''}`;
}

function user(message: string, type: ErrorType, details: AfasErrorDetails): ModuleError {
  return new ModuleError(message, { kind: 'user', type, status: details.status, details });
}

function unauthorized(headers: Headers | undefined, what: string, details: AfasErrorDetails): ModuleError {
  const bearer = header(headers, 'www-authenticate');
  if (bearer && /invalid_token/i.test(bearer)) {
    return user(
      'AFAS refused the access token (401): it is invalid or expired; reconnect the connection.',
      'AccountValidationError',
      details,
    );
  }
  return user(
    `AFAS refused access to ${what} (401): the token is invalid or expired, or the connector is not added to the app connector's GetConnectors/UpdateConnectors/Connectors tab.`,
    'AccountValidationError',
    details,
  );
}

function unavailable(body: unknown, headers: Headers | undefined, details: AfasErrorDetails): ModuleError {
  const seconds = retryAfterSeconds(body, headers);
  const message = text(record(record(body).error).message);
  details.retryAfterSeconds = seconds;
  return transientError(
    `AFAS is unavailable (503${message ? `: ${message}` : ', maintenance'})${seconds !== undefined ? `; retry after ${seconds} s` : ''}.`,
    { status: 503, retryAfterMs: seconds !== undefined ? seconds * 1000 : undefined, details },
  );
}

/** A readable ModuleError for a non-2xx AFAS response; `what` names the call, e.g. `GetConnector "X"`. */
export function afasError(
  status: number,
  body: unknown,
  headers: Headers | undefined,
  what: string,
): ModuleError {
  const t = triple(body, headers);
  const details: AfasErrorDetails = { status, ...t };
  switch (status) {
    case 401:
      return unauthorized(headers, what, details);
    case 403:
      return user(
        `AFAS blocked the request for ${what} (403): the app connector's IP restriction does not allow this server's IP address.`,
        'AccountValidationError',
        details,
      );
    case 404:
      return user(
        `AFAS did not find ${what} (404): it does not exist, the token user is not authorised for it, or the URL is too long.`,
        'DataError',
        details,
      );
    case 413:
      return user(
        `The request for ${what} is too large for AFAS (413): a call may be at most 75 MB.`,
        'MaxFileSizeExceededError',
        details,
      );
    case 503:
      return unavailable(body, headers, details);
    default:
      break;
  }
  if (status >= 500 && !t.externalMessage) {
    return transientError(`AFAS failed on ${what} (${status}) without an error message.`, {
      status,
      details,
    });
  }
  return user(`AFAS rejected ${what} (${status}): ${describeTriple(t)}`, 'DataError', details);
}
