import { field, userError, type RunContext } from '@integrator/sdk';

export const CONNECTION_TYPES = ['afasToken', 'afasOAuth2'];

export const connectionParameters = {
  connection: field.connection({ label: 'Connection', connectionTypes: CONNECTION_TYPES, required: true }),
};

export const moduleConnection = { types: CONNECTION_TYPES };

/** What the AFAS modules use of their run context. */
export type AfasContext = Pick<RunContext, 'http' | 'clock' | 'signal' | 'log'>;

/** Encodes one path segment; blank input is a user error on the named field. */
export function segment(value: unknown, fieldName: string): string {
  const text = String(value ?? '').trim();
  if (!text) throw userError('is required', fieldName);
  return encodeURIComponent(text);
}
