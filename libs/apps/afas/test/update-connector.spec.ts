import { startFakeAfas, type FakeAfas } from './fake-afas';
import { runAfas, tokenConnection } from './helpers';

let fake: FakeAfas;
beforeEach(async () => {
  fake = await startFakeAfas();
});
afterEach(() => fake.close());

const update = (mapper: Record<string, unknown>, input?: unknown) =>
  runAfas({ module: 'afas:updateConnector', mapper, connection: tokenConnection(fake), input });

describe('insert (POST)', () => {
  it('builds {Connector: {Element: {Fields}}} from mapped fields and outputs the results', async () => {
    const { outputs, error } = await update(
      {
        connectorId: 'KnPerson',
        action: 'insert',
        fields: { MatchPer: '7', FiNm: '{{1.first}}', LaNm: '{{1.last}}', ViGe: 'V' },
      },
      { first: 'Anna', last: 'de Vries' },
    );
    expect(error).toBeUndefined();
    const req = fake.requests[0];
    expect(req).toMatchObject({ method: 'POST', path: '/ProfitRestServices/connectors/KnPerson' });
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.body).toEqual({
      KnPerson: { Element: { Fields: { MatchPer: '7', FiNm: 'Anna', LaNm: 'de Vries', ViGe: 'V' } } },
    });
    expect(outputs).toEqual([
      { connectorId: 'KnPerson', action: 'insert', status: 201, results: { KnPerson: { BcCo: '100100' } } },
    ]);
  });

  it('puts "@" keys on the Element and adds sub-objects in either form', async () => {
    const objects = [{ KnSubjectLink: { Element: { Fields: { SfTp: 2, SfId: '100001' } } } }];
    const { error } = await update({
      connectorId: 'KnSubject',
      fields: { '@SbId': 60000, StId: 1, Ds: 'Call back' },
      objects: JSON.stringify(objects),
    });
    expect(error).toBeUndefined();
    expect(fake.requests[0].body).toEqual({
      KnSubject: { Element: { '@SbId': 60000, Fields: { StId: 1, Ds: 'Call back' }, Objects: objects } },
    });
    const map = { KnSubjectAttachment: { Element: { Fields: { FileName: 'a.txt', FileStream: 'aGk=' } } } };
    const second = await update({
      connectorId: 'KnSubject',
      fields: { StId: 2, Ds: 'Letter' },
      objects: map,
    });
    expect(second.error).toBeUndefined();
    expect(
      (fake.requests[1].body as { KnSubject: { Element: { Objects: unknown } } }).KnSubject.Element.Objects,
    ).toEqual(map);
  });

  it('merges mapped fields into a raw payload given as a whole body, an Element or a list', async () => {
    const whole = {
      KnSubject: {
        Element: {
          Fields: { StId: 1, Ds: 'raw' },
          Objects: [{ KnSubjectLink: { Element: { Fields: { SfTp: 1 } } } }],
        },
      },
    };
    await update({
      connectorId: 'KnSubject',
      payload: JSON.stringify(whole),
      fields: { Ds: 'mapped' },
      objects: { KnSubjectAttachment: { Element: { Fields: { FileName: 'x' } } } },
    });
    expect(fake.requests[0].body).toEqual({
      KnSubject: {
        Element: {
          Fields: { StId: 1, Ds: 'mapped' },
          Objects: [
            { KnSubjectLink: { Element: { Fields: { SfTp: 1 } } } },
            { KnSubjectAttachment: { Element: { Fields: { FileName: 'x' } } } },
          ],
        },
      },
    });
    await update({
      connectorId: 'KnSubject',
      payload: { '@SbId': 61000, Fields: { StId: 1, Ds: 'element' } },
    });
    expect(fake.requests[1].body).toEqual({
      KnSubject: { Element: { '@SbId': 61000, Fields: { StId: 1, Ds: 'element' } } },
    });
    const list = await update({
      connectorId: 'KnSubject',
      payload: [{ Fields: { StId: 1, Ds: 'one' } }, { Fields: { StId: 2, Ds: 'two' } }],
    });
    expect(list.error).toBeUndefined();
    expect(fake.state.updateConnectors.KnSubject.records.map((r) => r.fields.Ds)).toEqual([
      'Existing note',
      'mapped',
      'element',
      'one',
      'two',
    ]);
  });

  it('refuses mapped fields on a payload with several elements, naming the field', async () => {
    const { error } = await update({
      connectorId: 'KnSubject',
      payload: [{ Fields: {} }, { Fields: {} }],
      fields: { Ds: 'x' },
    });
    expect(error).toMatchObject({ kind: 'user', field: 'payload' });
    expect(fake.requests).toHaveLength(0);
  });

  it('outputs empty results for connectors that answer 201 without a body', async () => {
    const { outputs } = await update({ connectorId: 'KnAppointment', fields: { Ds: 'Meeting' } });
    expect(outputs[0]).toMatchObject({ status: 201, results: {} });
  });

  it('posts a sub-object URL through the extra path', async () => {
    const { error } = await update({
      connectorId: 'KnSubject',
      path: 'KnSubjectLink',
      fields: { StId: 1, Ds: 'with link' },
    });
    expect(error).toBeUndefined();
    expect(fake.requests[0].path).toBe('/ProfitRestServices/connectors/KnSubject/KnSubjectLink');
  });
});

describe('update (PUT)', () => {
  it('sends PUT with the key and the changed fields', async () => {
    const { outputs } = await update({
      connectorId: 'KnSubject',
      action: 'update',
      fields: { '@SbId': '49946', Ds: 'Changed' },
    });
    expect(fake.requests[0]).toMatchObject({
      method: 'PUT',
      body: { KnSubject: { Element: { '@SbId': '49946', Fields: { Ds: 'Changed' } } } },
    });
    expect(outputs[0].results).toEqual({ KnSubject: { SbId: '49946' } });
    expect(fake.state.updateConnectors.KnSubject.records[0].fields).toEqual({ StId: 1, Ds: 'Changed' });
  });

  it('shows the error triple of a rejected update', async () => {
    const { error } = await update({
      connectorId: 'KnSubject',
      action: 'update',
      fields: { '@SbId': 1, Ds: 'x' },
    });
    expect(error).toMatchObject({ kind: 'user', type: 'DataError', status: 500 });
    expect(error!.message).toMatch(
      /^AFAS rejected UpdateConnector "KnSubject" \(update\) \(500\): The record with key '1' does not exist\. \(error number -2147180999, Profit log reference [0-9A-F]{32}\)$/,
    );
  });
});

describe('delete (DELETE)', () => {
  it('puts the key into the path as {Object}/@Key/value', async () => {
    const { outputs, error } = await update({
      connectorId: 'KnSubject',
      action: 'delete',
      fields: { SbId: 49946 },
    });
    expect(error).toBeUndefined();
    expect(fake.requests[0]).toMatchObject({
      method: 'DELETE',
      path: '/ProfitRestServices/connectors/KnSubject/KnSubject/@SbId/49946',
      bodyText: '',
    });
    expect(outputs[0]).toEqual({ connectorId: 'KnSubject', action: 'delete', status: 200, results: {} });
    expect(fake.state.updateConnectors.KnSubject.records).toHaveLength(0);
  });

  it('uses the object name when it differs from the connector', async () => {
    const { error } = await update({
      connectorId: 'KnSubjectReaction',
      action: 'delete',
      objectName: 'KnReaction',
      fields: { '@Id': '7' },
    });
    expect(error).toBeUndefined();
    expect(fake.requests[0].path).toBe('/ProfitRestServices/connectors/KnSubjectReaction/KnReaction/@Id/7');
  });

  it('takes a full key path as written', async () => {
    const { error } = await update({
      connectorId: 'KnAppointment',
      action: 'delete',
      path: 'KnAppointment/ApId/123',
    });
    expect(error).toBeUndefined();
    expect(fake.requests[0].path).toBe('/ProfitRestServices/connectors/KnAppointment/KnAppointment/ApId/123');
  });

  it('needs key fields', async () => {
    const { error } = await update({ connectorId: 'KnSubject', action: 'delete' });
    expect(error).toMatchObject({ kind: 'user', field: 'fields' });
  });

  it("shows AFAS's message when the connector cannot delete", async () => {
    const { error } = await update({ connectorId: 'KnPerson', action: 'delete', fields: { BcCo: '100001' } });
    expect(error!.message).toMatch(/The action is not supported by UpdateConnector 'KnPerson'/);
  });
});

describe('error body variants', () => {
  it('reads the {"message"} shape and the X-PROFIT-ERROR header when the body has no triple', async () => {
    fake.setVariant({ errorStyle: 'message' });
    const first = await update({ connectorId: 'KnSubject', fields: { StId: 1 } });
    expect(first.error!.message).toMatch(/\(500\): The field 'Subject' is mandatory\.$/);
    fake.setVariant({ errorStyle: 'header-only' });
    const second = await update({ connectorId: 'KnSubject', fields: { StId: 7, Ds: 'x' } });
    expect(second.error!.message).toMatch(/\(500\): The entered value for 'Type' does not exist\.$/);
    expect(second.error).toMatchObject({ kind: 'user', status: 500 });
  });
});
