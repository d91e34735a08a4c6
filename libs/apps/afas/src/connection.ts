import { defineConnectionType, field, userError, type AuthTarget, type HttpClient } from '@integrator/sdk';
import { afasRequest } from './request';

// AFAS Profit connection types (reference afas-profit-api.md §2, §3): the classic AfasToken
// and OAuth 2.0 client credentials. Both address one environment by number and kind.

const HOST_SUFFIX = { production: '', test: 'test', accept: 'accept' } as const;
export type AfasEnvironment = keyof typeof HOST_SUFFIX;

const environmentFields = {
  environmentNumber: field.text({
    label: 'Environment number',
    help: 'The digits of your AFAS Online environment, e.g. 12345 for O12345AA.',
    required: true,
    pattern: '^\\s*\\d+\\s*$',
  }),
  environment: field.select({
    label: 'Environment',
    options: [
      { value: 'production', label: 'Production (rest.afas.online)' },
      { value: 'test', label: 'Test (resttest.afas.online)' },
      { value: 'accept', label: 'Accept (restaccept.afas.online)' },
    ],
    default: 'production',
  }),
};

const optionalFields = {
  integrationId: field.text({
    label: 'Integration ID',
    help: 'Certified partner integrations send {partnerNr}_{projectNr}, e.g. 12345_678900.',
    pattern: '^\\d+_\\d+$',
    advanced: true,
  }),
  language: field.select({
    label: 'Language of AFAS messages',
    options: [
      { value: 'en-us', label: 'English' },
      { value: 'nl-nl', label: 'Dutch (NL)' },
      { value: 'nl-be', label: 'Dutch (BE)' },
      { value: 'fr-fr', label: 'French' },
      { value: 'de-de', label: 'German' },
    ],
    advanced: true,
  }),
  baseUrl: field.text({
    label: 'Base URL override',
    help: 'Only for proxies and tests; normally built from the environment.',
    advanced: true,
  }),
};

interface EnvironmentCredentials {
  environmentNumber: string;
  environment?: string;
  baseUrl?: string;
}

/** `https://{nr}.rest[test|accept].afas.online/ProfitRestServices`, or the override. */
export function afasBaseUrl(credentials: EnvironmentCredentials): string {
  const override = credentials.baseUrl?.trim();
  if (override) return override.replace(/\/+$/, '');
  const nr = String(credentials.environmentNumber ?? '').trim();
  if (!/^\d+$/.test(nr))
    throw userError('must be digits only, e.g. 12345', 'environmentNumber', 'AccountValidationError');
  const env = (credentials.environment ?? 'production') as AfasEnvironment;
  if (!(env in HOST_SUFFIX)) {
    throw userError('must be production, test or accept', 'environment', 'AccountValidationError');
  }
  return `https://${nr}.rest${HOST_SUFFIX[env]}.afas.online/ProfitRestServices`;
}

/**
 * The token XML AFAS expects, from either the whole XML or only its data part. Both inputs
 * give the same canonical XML, so the header does not depend on how the user pasted it.
 */
export function afasTokenXml(token: string): string {
  const input = String(token ?? '').trim();
  if (!input) throw userError('is required', 'token', 'AccountValidationError');
  if (!input.startsWith('<')) {
    if (/[\s<>]/.test(input))
      throw userError('must be the token XML or only its data part', 'token', 'AccountValidationError');
    return `<token><version>1</version><data>${input}</data></token>`;
  }
  const data = /<data>\s*([^<\s]+)\s*<\/data>/i.exec(input)?.[1];
  const version = /<version>\s*([^<\s]+)\s*<\/version>/i.exec(input)?.[1] ?? '1';
  if (!/^<token>/i.test(input) || !data) {
    throw userError(
      'is not a valid AFAS token: expected <token><version>1</version><data>…</data></token>',
      'token',
      'AccountValidationError',
    );
  }
  return `<token><version>${version}</version><data>${data}</data></token>`;
}

export function afasTokenHeader(token: string): string {
  return `AfasToken ${Buffer.from(afasTokenXml(token), 'utf8').toString('base64')}`;
}

function addOptionalHeaders(
  credentials: { integrationId?: string; language?: string },
  target: AuthTarget,
): void {
  if (credentials.integrationId) target.headers.IntegrationId = credentials.integrationId.trim();
  if (credentials.language) target.headers['Accept-Language'] = credentials.language;
}

/**
 * `/profitversion` needs AppConnectorVersion on the app connector, which many lack, so a
 * refusal there falls back to `/metainfo`, which every working token may call.
 */
export async function verifyAfas(http: HttpClient): Promise<void> {
  try {
    await afasRequest(http, { url: '/profitversion', what: 'the Profit version' });
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 503) throw err;
    await afasRequest(http, { url: '/metainfo', what: 'the app connector metainfo' });
  }
}

export const afasTokenConnection = defineConnectionType({
  key: 'afasToken',
  label: 'AFAS Profit (token)',
  description: 'An app connector user token, sent as "Authorization: AfasToken base64(<token>…</token>)".',
  fields: {
    ...environmentFields,
    token: field.text({
      label: 'Token',
      help: 'The whole <token><version>1</version><data>…</data></token> text, or only the data part.',
      required: true,
      secret: true,
      multiline: true,
    }),
    ...optionalFields,
  },
  baseUrl: (c) => afasBaseUrl(c),
  authenticate: (c, target) => {
    target.headers.Authorization = afasTokenHeader(c.token);
    addOptionalHeaders(c, target);
  },
  verify: ({ http }) => verifyAfas(http),
});

/** The vault keeps the access token it obtained in the credentials under this name. */
function accessTokenOf(credentials: object): string {
  const token = (credentials as { accessToken?: unknown }).accessToken;
  if (typeof token !== 'string' || !token) {
    throw userError(
      'no access token has been obtained yet; reconnect the connection',
      'accessToken',
      'AccountValidationError',
    );
  }
  return token;
}

export const afasOAuth2Connection = defineConnectionType({
  key: 'afasOAuth2',
  label: 'AFAS Profit (OAuth 2.0)',
  description:
    'Client credentials of an app connector set to OAuth; the access token is sent as a Bearer token.',
  fields: {
    ...environmentFields,
    clientId: field.text({ label: 'Client ID', required: true }),
    clientSecret: field.text({ label: 'Client secret', required: true, secret: true }),
    ...optionalFields,
  },
  baseUrl: (c) => afasBaseUrl(c),
  oauth2: {
    grant: 'client_credentials',
    tokenUrl: (c) => `${afasBaseUrl(c)}/oauth/token`,
  },
  authenticate: (c, target) => {
    target.headers.Authorization = `Bearer ${accessTokenOf(c)}`;
    addOptionalHeaders(c, target);
  },
  verify: ({ http }) => verifyAfas(http),
});
