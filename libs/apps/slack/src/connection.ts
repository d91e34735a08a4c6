import { baseUrlField } from '@integrator/apps/app-kit';
import { defineConnectionType, field, ModuleError, userError } from '@integrator/sdk';
import { callSlack } from './api';

export const SLACK_BASE_URL = 'https://slack.com/api';
/** Bot scopes the modules of this app use (Slack's OAuth v2 `scope`, comma-separated). */
export const DEFAULT_SCOPES = 'chat:write,channels:read,groups:read,im:read,mpim:read';

const base = (c: { baseUrl?: string }) => (c.baseUrl?.trim() || SLACK_BASE_URL).replace(/\/+$/, '');

/** The bot token in use: the one OAuth stored, else the one pasted. */
export function botToken(c: { accessToken?: string; token?: string }): string {
  const token = (c.accessToken || c.token || '').trim();
  if (!token)
    throw userError(
      'paste a bot token (xoxb-…) or authorise the connection with Slack',
      'token',
      'AccountValidationError',
    );
  return token;
}

export const slackConnectionType = defineConnectionType({
  key: 'slack',
  label: 'Slack',
  description:
    'A Slack app’s bot: authorise it with Slack (OAuth 2.0, with the app’s client ID and secret) or paste its bot token (xoxb-…). The signing secret is needed by Watch events.',
  fields: {
    token: field.text({
      label: 'Bot token',
      secret: true,
      pattern: '^\\s*xox[bp]-[A-Za-z0-9-]+\\s*$',
      help: 'OAuth & Permissions → Bot User OAuth Token. Leave empty to authorise with Slack instead.',
    }),
    clientId: field.text({ label: 'Client ID', help: 'Basic Information → App Credentials (for OAuth).' }),
    clientSecret: field.text({ label: 'Client secret', secret: true }),
    scope: field.text({
      label: 'Bot scopes',
      help: `Comma-separated; empty asks for ${DEFAULT_SCOPES}.`,
      advanced: true,
    }),
    signingSecret: field.text({
      label: 'Signing secret',
      secret: true,
      help: 'Basic Information → App Credentials: checks that events really come from Slack.',
    }),
    accessToken: field.text({
      label: 'Access token',
      secret: true,
      advanced: true,
      help: 'Filled in by the authorisation.',
    }),
    refreshToken: field.text({
      label: 'Refresh token',
      secret: true,
      advanced: true,
      help: 'Filled in when the Slack app rotates its tokens.',
    }),
    baseUrl: baseUrlField(SLACK_BASE_URL),
  },
  authenticate: (c, target) => {
    target.headers['Authorization'] = `Bearer ${botToken(c)}`;
  },
  baseUrl: base,
  verify: async ({ http }) => {
    try {
      await callSlack(http, { method: 'auth.test', json: {} });
    } catch (err) {
      if (err instanceof ModuleError && err.type === 'AccountValidationError')
        throw userError(`Slack rejected the token (${err.message})`, 'token', 'AccountValidationError');
      throw err;
    }
  },
  oauth2: {
    grant: 'authorization_code',
    // oauth.v2.access answers HTTP 200 with { ok: false, error } on failure (no access_token),
    // which the shared exchange reports as "the token endpoint refused: <error>".
    tokenUrl: (c) => `${base(c)}/oauth.v2.access`,
    // https://slack.com/oauth/v2/authorize, on the same host as the API.
    authorizeUrl: (c) => new URL('/oauth/v2/authorize', `${base(c)}/`).toString(),
    scope: (c) => c.scope?.trim() || DEFAULT_SCOPES,
  },
  // No client-side limit: Slack's limits are per method tier and per channel (chat.postMessage
  // about one a second per channel), not per token; its 429 carries Retry-After, which the
  // client honours.
});
