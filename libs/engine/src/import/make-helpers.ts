import { toNumber } from '@integrator/sdk';

// Shared by the Make-compatible helpers (make-*.ts): how a helper is declared for JSONata,
// and how arguments are read the way Make reads them.

export interface CustomFunction {
  name: string;
  signature: string;
  description: string;
  fn: (...a: never[]) => unknown;
}

export type Collection = Record<string, unknown>;

/** What JSONata passes as `this` to a registered function. */
export interface Focus {
  environment?: { lookup(name: string): unknown };
}

export const isNothing = (v: unknown): v is null | undefined => v === undefined || v === null;
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : isNothing(v) ? [] : [v]);
/** An optional argument left empty (replace(x; a; )) counts as not given. */
export const given = (v: unknown): boolean => !isNothing(v) && v !== '';
export const isCollection = (v: unknown): v is Collection =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  !(v instanceof Uint8Array);

export function num(v: unknown, fn: string, what = 'argument'): number {
  const n = toNumber(v);
  if (n === undefined) throw new Error(`${fn}: the ${what} ${JSON.stringify(v)} is not a number`);
  return n;
}

/** The time zone a date function uses when none is given: the run's (the organisation's), else UTC. */
export function defaultZone(focus: Focus | undefined): string | undefined {
  const tz = focus?.environment?.lookup('__timezone');
  return typeof tz === 'string' && tz ? tz : undefined;
}

export const f = (
  name: string,
  signature: string,
  description: string,
  fn: (...a: never[]) => unknown,
): CustomFunction => ({ name, signature, description, fn });
