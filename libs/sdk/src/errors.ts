// Errors say whose problem they are (n8n's lesson): the user's data or configuration,
// a transient condition worth retrying, or a bug of ours.

export type ErrorKind = 'user' | 'transient' | 'internal';

/** Make's error types, kept so imported scenarios and users see familiar names. */
export type ErrorType =
  | 'AccountValidationError'
  | 'BundleValidationError'
  | 'ConnectionError'
  | 'DataError'
  | 'DuplicateDataError'
  | 'IncompleteDataError'
  | 'InconsistencyError'
  | 'InvalidConfigurationError'
  | 'MaxFileSizeExceededError'
  | 'ModuleTimeoutError'
  | 'OutOfSpaceError'
  | 'RateLimitError'
  | 'RuntimeError';

export interface ModuleErrorOptions {
  kind?: ErrorKind;
  type?: ErrorType;
  /** The mapper/parameter field at fault, e.g. "plan_interval". */
  field?: string;
  /** HTTP status of the failed call, when there was one. */
  status?: number;
  /** Milliseconds the service asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** Extra data safe to show (never secrets). */
  details?: unknown;
  cause?: unknown;
}

export class ModuleError extends Error {
  readonly kind: ErrorKind;
  readonly type: ErrorType;
  readonly field?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly details?: unknown;

  constructor(message: string, options: ModuleErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModuleError';
    this.kind = options.kind ?? defaultKind(options.type);
    this.type = options.type ?? defaultType(this.kind);
    this.field = options.field;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}

function defaultKind(type?: ErrorType): ErrorKind {
  if (type === 'ConnectionError' || type === 'RateLimitError' || type === 'ModuleTimeoutError')
    return 'transient';
  if (type === 'RuntimeError' || type === 'InconsistencyError') return 'internal';
  return 'user';
}

function defaultType(kind: ErrorKind): ErrorType {
  if (kind === 'transient') return 'ConnectionError';
  if (kind === 'internal') return 'RuntimeError';
  return 'DataError';
}

/** Bad data or configuration; names the field when one is at fault. */
export function userError(message: string, field?: string, type: ErrorType = 'DataError'): ModuleError {
  return new ModuleError(field ? `${field}: ${message}` : message, { kind: 'user', type, field });
}

export function transientError(message: string, options: Omit<ModuleErrorOptions, 'kind'> = {}): ModuleError {
  return new ModuleError(message, { ...options, kind: 'transient', type: options.type ?? 'ConnectionError' });
}

/** Turns anything thrown into a ModuleError; unknown errors are bugs (internal). */
export function toModuleError(err: unknown): ModuleError {
  if (err instanceof ModuleError) return err;
  if (err instanceof Error)
    return new ModuleError(err.message, { kind: 'internal', type: 'RuntimeError', cause: err });
  return new ModuleError(String(err), { kind: 'internal', type: 'RuntimeError' });
}
