import { fetchAfasMetainfo } from '../src';
import { startFakeAfas, type FakeAfas } from './fake-afas';
import { runAfas, tokenClient, tokenConnection } from './helpers';

let fake: FakeAfas;
beforeEach(async () => {
  fake = await startFakeAfas();
});
afterEach(() => fake.close());

const meta = (mapper: Record<string, unknown>) =>
  runAfas({ module: 'afas:metainfo', mapper, connection: tokenConnection(fake) });

describe('metainfo', () => {
  it('lists the fields of a GetConnector', async () => {
    const { outputs, error } = await meta({ type: 'get', connectorId: 'Profit_Accounts' });
    expect(error).toBeUndefined();
    expect(fake.requests[0].path).toBe('/ProfitRestServices/metainfo/get/Profit_Accounts');
    expect(outputs[0]).toMatchObject({
      type: 'get',
      connectorId: 'Profit_Accounts',
      name: 'Profit_Accounts',
      description: 'Ledger accounts',
    });
    const fields = outputs[0].fields as Array<Record<string, unknown>>;
    expect(fields.map((f) => f.id)).toEqual([
      'Account',
      'Description',
      'Balance',
      'Blocked',
      'Modified',
      'Note',
    ]);
    expect(fields[2]).toEqual({
      id: 'Balance',
      fieldId: 'U007',
      label: 'Balance',
      dataType: 'decimal',
      length: 0,
      decimals: 2,
      controlType: 1,
      mandatory: false,
      primaryKey: false,
    });
  });

  it.each([
    ['booleans and "name"', { metaFlags: 'boolean', metaNameKey: 'name' }],
    ['"true" strings and "id"', { metaFlags: 'string', metaNameKey: 'id' }],
  ] as const)('normalises UpdateConnector metainfo with %s', async (_, variant) => {
    fake.setVariant(variant);
    const { outputs } = await meta({ type: 'update', connectorId: 'KnSubject' });
    expect(fake.requests[0].path).toBe('/ProfitRestServices/metainfo/update/KnSubject');
    const info = outputs[0] as {
      name: string;
      fields: Array<Record<string, unknown>>;
      objects: Array<{ name: string; fields: unknown[] }>;
    };
    expect(info.name).toBe('KnSubject');
    expect(info.fields[0]).toMatchObject({ id: 'SbId', primaryKey: true, mandatory: false, dataType: 'int' });
    expect(info.fields[1]).toMatchObject({
      id: 'StId',
      mandatory: true,
      values: [
        { id: '1', description: 'Note' },
        { id: '2', description: 'Letter' },
      ],
    });
    expect(info.objects.map((o) => o.name)).toEqual(['KnSubjectLink', 'KnSubjectAttachment']);
    expect(info.objects[1].fields).toHaveLength(3);
  });

  it('lists the connectors the token may use', async () => {
    const { outputs } = await meta({ type: 'connectors' });
    expect(outputs[0]).toMatchObject({
      type: 'connectors',
      getConnectors: [
        { id: 'Profit_Accounts', description: 'Ledger accounts' },
        { id: 'Profit_Administrations', description: 'Administrations' },
      ],
      info: { envid: 'O12345AA', tokenExpiry: '0' },
    });
    expect((outputs[0].updateConnectors as Array<{ id: string }>).map((c) => c.id)).toEqual([
      'KnSubject',
      'KnPerson',
      'KnAppointment',
      'KnSubjectReaction',
    ]);
  });

  it('needs a connector for its fields, and explains one that is not allowed', async () => {
    expect((await meta({ type: 'get' })).error).toMatchObject({ kind: 'user', field: 'connectorId' });
    expect(fake.requests).toHaveLength(0);
    expect((await meta({ type: 'update', connectorId: 'Nope' })).error).toMatchObject({ status: 404 });
    expect((await meta({ type: 'get', connectorId: 'Profit_Employees' })).error).toMatchObject({
      type: 'AccountValidationError',
      status: 401,
    });
  });

  it('is callable outside a scenario (for the canvas)', async () => {
    const info = await fetchAfasMetainfo(tokenClient(fake), 'get', 'Profit_Administrations');
    expect((info.fields as Array<{ id: string }>).map((f) => f.id)).toEqual([
      'AdminId',
      'AdminNm',
      'AdminCd',
    ]);
  });
});
