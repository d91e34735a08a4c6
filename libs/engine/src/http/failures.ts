import { ModuleError } from '@integrator/sdk';
import { PrivateNetworkError } from './private-network';
import { redact } from './redact';
import type { Retryability } from './retry';

export interface Failure {
  error: ModuleError;
  retryability: Retryability;
}

export interface FailureContext {
  host: string;
  timedOut: boolean;
  cancelled: boolean;
  timeoutMs: number;
  secrets: string[];
}

// Nothing was sent on these: retrying cannot repeat a side effect.
const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
};

const TLS_CODE = /^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_)/;

/** Turns what a request threw into a ModuleError saying whose problem it is and whether to retry. */
export function classifyFailure(err: unknown, c: FailureContext): Failure {
  const blocked = findInChain(err, (e): e is PrivateNetworkError => e instanceof PrivateNetworkError);
  if (blocked)
    return never(
      new ModuleError(blocked.message, { kind: 'user', type: 'InvalidConfigurationError', cause: blocked }),
    );
  if (err instanceof ModuleError) return never(err);
  if (c.timedOut) {
    const seconds = +(c.timeoutMs / 1000).toFixed(3);
    return {
      error: new ModuleError(`no response from ${c.host} within ${seconds} s`, {
        kind: 'transient',
        type: 'ModuleTimeoutError',
      }),
      retryability: 'unsafe',
    };
  }
  if (c.cancelled)
    return never(
      new ModuleError(`the request to ${c.host} was cancelled`, {
        kind: 'transient',
        type: 'ConnectionError',
      }),
    );
  const code = errorCode(err);
  const detail = redact(messageOf(err), c.secrets);
  if (code && CONNECT_CODES[code]) {
    return {
      error: new ModuleError(`could not connect to ${c.host}: ${CONNECT_CODES[code]} (${code})`, {
        kind: 'transient',
        type: 'ConnectionError',
      }),
      retryability: 'always',
    };
  }
  if (code && TLS_CODE.test(code)) {
    return never(
      new ModuleError(`TLS problem with ${c.host}: ${detail}`, {
        kind: 'user',
        type: 'InvalidConfigurationError',
      }),
    );
  }
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_ARG_TYPE' || code === 'ERR_INVALID_CHAR') {
    return never(new ModuleError(`the request is invalid: ${detail}`, { kind: 'user', type: 'DataError' }));
  }
  const suffix = code ? ` (${code})` : '';
  return {
    error: new ModuleError(`network error with ${c.host}: ${detail}${suffix}`, {
      kind: 'transient',
      type: 'ConnectionError',
    }),
    retryability: 'unsafe',
  };
}

function never(error: ModuleError): Failure {
  return { error, retryability: 'never' };
}

function findInChain<T>(err: unknown, test: (e: unknown) => e is T): T | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (test(current)) return current;
    if (current instanceof AggregateError) {
      const inner = current.errors.map((e) => findInChain(e, test)).find((e) => e !== undefined);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorCode(err: unknown): string | undefined {
  const withCode = findInChain(
    err,
    (e): e is { code: string } => typeof (e as { code?: unknown })?.code === 'string',
  );
  return withCode?.code;
}

function messageOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return messageOf(err.errors[0]);
  return err instanceof Error ? err.message || err.name : String(err);
}
