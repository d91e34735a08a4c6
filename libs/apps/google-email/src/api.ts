import type { ResolvedConnection } from '@integrator/sdk';
import { googleUrl, requireGoogleApp } from '@integrator/apps/google-kit';

// Gmail API v1 (developers.google.com/gmail/api/reference/rest): gmail.googleapis.com/gmail/v1,
// media uploads under /upload/gmail/v1; "me" is the authorised user (or the service account's
// delegated subject).

export function gmailUrl(connection: ResolvedConnection | undefined, path: string): string {
  requireGoogleApp(connection, 'gmail');
  return googleUrl(connection, 'gmail', `/gmail/v1/users/me${path}`);
}

export function gmailUploadUrl(connection: ResolvedConnection | undefined, path: string): string {
  requireGoogleApp(connection, 'gmail');
  return googleUrl(connection, 'gmail', `/upload/gmail/v1/users/me${path}`);
}
