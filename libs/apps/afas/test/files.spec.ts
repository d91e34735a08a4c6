import { startFakeAfas, type FakeAfas } from './fake-afas';
import { runAfas, tokenConnection } from './helpers';

let fake: FakeAfas;
beforeEach(async () => {
  fake = await startFakeAfas();
});
afterEach(() => fake.close());

const SUBJECT = '49946';
const FILE = '5C055C034516ED67972E0A852E03C5B9';
const REPORT = 'F5B1C8A2-3D4E-4F60-9A7B-8C9D0E1F2A3B';

const attachment = (mapper: Record<string, unknown> = {}) =>
  runAfas({
    module: 'afas:subjectConnector',
    mapper: { subjectId: SUBJECT, fileId: FILE, ...mapper },
    connection: tokenConnection(fake),
  });

describe('SubjectConnector', () => {
  it('downloads an attachment by path and outputs its bytes', async () => {
    const { outputs, error } = await attachment();
    expect(error).toBeUndefined();
    expect(fake.requests.map((r) => r.path)).toEqual([
      `/ProfitRestServices/SubjectConnector/${SUBJECT}/${FILE}`,
    ]);
    const file = outputs[0];
    expect(file).toMatchObject({ fileName: 'example.png', mimeType: 'image/png', size: 12 });
    expect(file.data).toBeInstanceOf(Uint8Array);
    expect(
      Buffer.from(file.data as Uint8Array).equals(fake.state.attachments[`${SUBJECT}/${FILE}`].data),
    ).toBe(true);
  });

  it('falls back to the query form when the server only serves that', async () => {
    fake.setVariant({ subjectConnectorForm: 'query' });
    const { outputs, error } = await attachment();
    expect(error).toBeUndefined();
    expect(outputs[0]).toMatchObject({ fileName: 'example.png', size: 12 });
    expect(fake.requests.map((r) => [r.path, r.query])).toEqual([
      [`/ProfitRestServices/SubjectConnector/${SUBJECT}/${FILE}`, {}],
      ['/ProfitRestServices/SubjectConnector', { SubjectId: SUBJECT, FileId: FILE }],
    ]);
  });

  it('reports a missing file as not found', async () => {
    const { error } = await attachment({ fileId: 'AAAA' });
    expect(error).toMatchObject({ type: 'DataError', status: 404 });
    expect(error!.message).toBe(
      `AFAS did not find attachment AAAA of dossier item ${SUBJECT} (404): it does not exist, the token user is not authorised for it, or the URL is too long.`,
    );
  });

  it('explains a 401 when AppConnectorSubject is missing, without a second try', async () => {
    fake.setVariant({ appConnectorSubject: false });
    const { error } = await attachment();
    expect(error).toMatchObject({ type: 'AccountValidationError', status: 401 });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('ReportConnector', () => {
  it('runs a report with filters and outputs the file', async () => {
    const { outputs, error } = await runAfas({
      module: 'afas:reportConnector',
      mapper: {
        reportId: REPORT,
        filters: [
          { field: 'InNo', value: '2024001' },
          { field: 'DebtorId', value: '10001' },
        ],
      },
      connection: tokenConnection(fake),
    });
    expect(error).toBeUndefined();
    expect(fake.requests[0]).toMatchObject({
      path: `/ProfitRestServices/reportconnector/${REPORT}`,
      query: { filterfieldids: 'InNo,DebtorId', filtervalues: '2024001,10001', operatortypes: '1,1' },
    });
    expect(outputs[0]).toMatchObject({ fileName: `${REPORT}.pdf`, mimeType: 'application/pdf' });
    const data = Buffer.from(outputs[0].data as Uint8Array);
    expect(data.equals(fake.state.reports[REPORT].data)).toBe(true);
    expect(outputs[0].size).toBe(data.length);
  });

  it("shows AFAS's message for a filter field the report does not have", async () => {
    const { error } = await runAfas({
      module: 'afas:reportConnector',
      mapper: { reportId: REPORT, filters: [{ field: 'Nope', value: '1' }] },
      connection: tokenConnection(fake),
    });
    expect(error!.message).toMatch(/report .* \(500\): Connector field 'Nope' not found/);
  });

  it('reports an unknown report as not found', async () => {
    const { error } = await runAfas({
      module: 'afas:reportConnector',
      mapper: { reportId: 'nope' },
      connection: tokenConnection(fake),
    });
    expect(error).toMatchObject({ status: 404 });
  });
});
