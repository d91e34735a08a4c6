import { FakeClock } from '@integrator/engine';
import { ModuleError, type ResolvedConnection } from '@integrator/sdk';
import { createHttpClient, fetchOAuth2ClientCredentialsToken } from '@integrator/engine';
import { afasBaseUrl, afasOAuth2Connection, afasTokenConnection } from '../src';
import { startFakeAfas, TOKEN_DATA, type FakeAfas } from './fake-afas';
import { runAfas, START, tokenClient, tokenConnection } from './helpers';

let fake: FakeAfas;
beforeEach(async () => {
  fake = await startFakeAfas();
});
afterEach(() => fake.close());

const xml = `<token><version>1</version><data>${TOKEN_DATA}</data></token>`;
const expectedHeader = `AfasToken ${Buffer.from(xml, 'utf8').toString('base64')}`;

describe('base URL', () => {
  it('is built from the environment number and kind unless overridden', () => {
    expect(afasBaseUrl({ environmentNumber: ' 12345 ', environment: 'production' })).toBe(
      'https://12345.rest.afas.online/ProfitRestServices',
    );
    expect(afasBaseUrl({ environmentNumber: '12345', environment: 'test' })).toBe(
      'https://12345.resttest.afas.online/ProfitRestServices',
    );
    expect(afasBaseUrl({ environmentNumber: '12345', environment: 'accept' })).toBe(
      'https://12345.restaccept.afas.online/ProfitRestServices',
    );
    expect(
      afasBaseUrl({ environmentNumber: '12345', baseUrl: 'http://127.0.0.1:9/ProfitRestServices/' }),
    ).toBe('http://127.0.0.1:9/ProfitRestServices');
    expect(() => afasBaseUrl({ environmentNumber: 'O12345AA' })).toThrow(
      /environmentNumber: must be digits only/,
    );
  });
});

describe('AfasToken', () => {
  const metainfo = { module: 'afas:metainfo', mapper: { type: 'connectors' } };

  it.each([
    ['the whole token XML', xml],
    [
      'the XML with line breaks and a trailing CRLF',
      `<token>\n  <version>1</version>\n  <data>${TOKEN_DATA}</data>\n</token>\r\n`,
    ],
    ['only the data part', TOKEN_DATA],
  ])('sends the same header for %s', async (_, token) => {
    const { error, outputs } = await runAfas({ ...metainfo, connection: tokenConnection(fake, { token }) });
    expect(error).toBeUndefined();
    expect(outputs[0].getConnectors).toEqual(
      expect.arrayContaining([{ id: 'Profit_Accounts', description: 'Ledger accounts' }]),
    );
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual([expectedHeader]);
  });

  it('sends the IntegrationId and Accept-Language headers when set', async () => {
    await runAfas({
      ...metainfo,
      connection: tokenConnection(fake, { integrationId: '12345_678900', language: 'en-us' }),
    });
    expect(fake.requests[0].headers).toMatchObject({
      integrationid: '12345_678900',
      'accept-language': 'en-us',
    });
  });

  it('says which field is wrong for a malformed token, without echoing it', async () => {
    const { error } = await runAfas({
      ...metainfo,
      connection: tokenConnection(fake, { token: '<token><data></data></token>' }),
    });
    expect(error).toMatchObject({ type: 'AccountValidationError', field: 'token' });
    expect(fake.requests).toHaveLength(0);
    const secret = 'not a token with spaces';
    const second = await runAfas({ ...metainfo, connection: tokenConnection(fake, { token: secret }) });
    expect(second.error!.message).not.toContain(secret);
  });

  it('maps a refused token to an AccountValidationError without the token in it', async () => {
    const { error, result } = await runAfas({
      ...metainfo,
      connection: tokenConnection(fake, { token: 'AB'.repeat(32) }),
    });
    expect(error).toMatchObject({ type: 'AccountValidationError', kind: 'user', status: 401 });
    expect(error!.message).toMatch(/token is invalid or expired/);
    expect(JSON.stringify(result)).not.toContain('AB'.repeat(32));
  });

  it('verifies with /profitversion, falling back to /metainfo without AppConnectorVersion', async () => {
    const credentials = tokenConnection(fake).credentials as never;
    await afasTokenConnection.verify!({ credentials, http: tokenClient(fake) });
    expect(fake.requests.map((r) => r.path)).toEqual(['/ProfitRestServices/profitversion']);
    fake.setVariant({ appConnectorVersion: false });
    await afasTokenConnection.verify!({ credentials, http: tokenClient(fake) });
    expect(fake.requests.map((r) => r.path).slice(1)).toEqual([
      '/ProfitRestServices/profitversion',
      '/ProfitRestServices/metainfo',
    ]);
  });

  it('fails verification with a readable error for a bad token or a blocked IP', async () => {
    const bad = tokenConnection(fake, { token: 'CD'.repeat(32) });
    const failure = afasTokenConnection.verify!({
      credentials: bad.credentials as never,
      http: tokenClient(fake, { token: 'CD'.repeat(32) }),
    });
    await expect(failure).rejects.toMatchObject({ type: 'AccountValidationError', status: 401 });
    fake.setVariant({ ipBlocked: true });
    const blocked = afasTokenConnection.verify!({
      credentials: tokenConnection(fake).credentials as never,
      http: tokenClient(fake),
    });
    await expect(blocked).rejects.toThrow(/IP restriction/);
    expect(fake.requests.map((r) => r.path).slice(-1)).toEqual(['/ProfitRestServices/profitversion']);
  });
});

describe('OAuth 2.0 client credentials', () => {
  function oauthConnection(accessToken?: string): ResolvedConnection {
    const credentials = {
      environmentNumber: '12345',
      clientId: 'integrator-client',
      clientSecret: 'client-secret-value',
      baseUrl: fake.url,
      accessToken,
    };
    return { id: 'afas-oauth', type: 'afasOAuth2', credentials };
  }

  async function obtainToken(): Promise<string> {
    const credentials = oauthConnection().credentials as never;
    const token = await fetchOAuth2ClientCredentialsToken({
      tokenUrl: afasOAuth2Connection.oauth2!.tokenUrl(credentials),
      clientId: 'integrator-client',
      clientSecret: 'client-secret-value',
      http: createHttpClient({ clock: new FakeClock(START) }),
      clock: new FakeClock(START),
    });
    return token.accessToken;
  }

  it('obtains a token at {base}/oauth/token and sends it as a Bearer token', async () => {
    const accessToken = await obtainToken();
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/ProfitRestServices/oauth/token' });
    const { error, outputs } = await runAfas({
      module: 'afas:metainfo',
      mapper: { type: 'connectors' },
      connection: oauthConnection(accessToken),
    });
    expect(error).toBeUndefined();
    expect(outputs[0].info).toMatchObject({ envid: 'O12345AA' });
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${accessToken}`);
    const http = createHttpClient({
      connection: oauthConnection(accessToken),
      connectionType: afasOAuth2Connection,
    });
    await expect(
      afasOAuth2Connection.verify!({ credentials: oauthConnection(accessToken).credentials as never, http }),
    ).resolves.toBeUndefined();
  });

  it('reports an expired access token as a connection problem', async () => {
    const accessToken = await obtainToken();
    fake.expireAccessTokens();
    const { error } = await runAfas({
      module: 'afas:metainfo',
      mapper: { type: 'connectors' },
      connection: oauthConnection(accessToken),
    });
    expect(error).toMatchObject({ type: 'AccountValidationError', status: 401 });
    expect(error!.message).toMatch(/access token/);
    expect(error!.message).not.toContain(accessToken);
  });

  it('asks to reconnect when no access token has been obtained', async () => {
    const { error } = await runAfas({
      module: 'afas:metainfo',
      mapper: { type: 'connectors' },
      connection: oauthConnection(),
    });
    expect(error).toMatchObject({ type: 'AccountValidationError', field: 'accessToken' });
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects the wrong client secret at the token endpoint', async () => {
    const failing = fetchOAuth2ClientCredentialsToken({
      tokenUrl: `${fake.url}/oauth/token`,
      clientId: 'integrator-client',
      clientSecret: 'wrong',
      http: createHttpClient(),
    });
    await expect(failing).rejects.toBeInstanceOf(ModuleError);
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/ProfitRestServices/oauth/token',
      '/ProfitRestServices/oauth/token',
    ]);
  });
});
