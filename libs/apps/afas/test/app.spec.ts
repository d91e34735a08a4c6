import { appMetadata } from '@integrator/sdk';
import { afasApp } from '../src';

describe('afasApp', () => {
  it('declares its modules, kinds and connection types for the canvas', () => {
    const meta = appMetadata(afasApp);
    expect(meta.modules.map((m) => [m.key, m.kind])).toEqual([
      ['afas:getConnector', 'search'],
      ['afas:updateConnector', 'action'],
      ['afas:subjectConnector', 'action'],
      ['afas:reportConnector', 'action'],
      ['afas:metainfo', 'action'],
    ]);
    for (const m of meta.modules) {
      expect(m.connection).toEqual({ types: ['afasToken', 'afasOAuth2'], required: true });
      expect(m.parameters.map((p) => p.name)).toEqual(['connection']);
    }
    expect(meta.connectionTypes.map((c) => [c.key, c.oauth2?.grant])).toEqual([
      ['afasToken', undefined],
      ['afasOAuth2', 'client_credentials'],
    ]);
    const token = meta.connectionTypes[0].fields.find((f) => f.name === 'token');
    expect(token).toMatchObject({ type: 'text', secret: true, required: true });
    const secret = meta.connectionTypes[1].fields.find((f) => f.name === 'clientSecret');
    expect(secret).toMatchObject({ secret: true });
  });
});
