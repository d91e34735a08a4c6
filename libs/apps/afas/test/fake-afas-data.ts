import type {
  FakeAfasState,
  GetConnectorSeed,
  GetFieldMeta,
  Row,
  UpdateConnectorSeed,
  UpdateFieldMeta,
  UpdateObjectMeta,
} from './fake-afas-seed';

// Seed data of the fake AFAS Profit server: connectors, rows, metainfo, files and reports
// named after the reference's examples (§7, §9).

export const TOKEN_DATA = '6E9A2F41C3B0D8E75A1F0C9B2D4E6A8C0B1D3F5E7A9C2B4D6F8E0A1C3B5D7F9E';

const gf = (id: string, dataType: string, label: string): GetFieldMeta => ({
  id,
  fieldId: `U${id.length.toString().padStart(3, '0')}`,
  dataType,
  label,
  length: dataType === 'string' ? 80 : 0,
  controlType: 1,
  decimals: dataType === 'decimal' ? 2 : 0,
  decimalsFieldId: '',
});

const uf = (fieldId: string, label: string, o: Partial<UpdateFieldMeta> = {}): UpdateFieldMeta => ({
  fieldId,
  primaryKey: false,
  dataType: 'string',
  label,
  mandatory: false,
  length: 255,
  controlType: 1,
  decimals: 0,
  decimalFieldId: '',
  notzero: false,
  values: [],
  ...o,
});

const obj = (
  name: string,
  fields: UpdateFieldMeta[],
  objects: UpdateObjectMeta[] = [],
): UpdateObjectMeta => ({
  name,
  description: name,
  fields,
  objects,
});

function accounts(): Row[] {
  const names = [
    'Bank',
    'Cash',
    'Debtors',
    'Creditors',
    'Revenue',
    'Costs',
    'VAT',
    'Equity',
    'Stock',
    'Wages',
    'Rent',
    'Interest',
  ];
  return names.map((name, i) => ({
    Account: String(1000 + i * 10),
    Description: name,
    Balance: (i % 4) * 250.5 - 100,
    Blocked: i % 5 === 0,
    Modified: `2024-0${(i % 9) + 1}-1${i % 10}T09:${String(i).padStart(2, '0')}:00Z`,
    Note: i % 3 === 0 ? null : `note ${name.toLowerCase()}`,
  }));
}

function getConnectorSeeds(): Record<string, GetConnectorSeed> {
  return {
    Profit_Accounts: {
      description: 'Ledger accounts',
      fields: [
        gf('Account', 'string', 'Account'),
        gf('Description', 'string', 'Description'),
        gf('Balance', 'decimal', 'Balance'),
        gf('Blocked', 'boolean', 'Blocked'),
        gf('Modified', 'date', 'Modified'),
        gf('Note', 'string', 'Note'),
      ],
      rows: accounts(),
    },
    Profit_Administrations: {
      description: 'Administrations',
      fields: [
        gf('AdminId', 'int', 'Administration'),
        gf('AdminNm', 'string', 'Name'),
        gf('AdminCd', 'string', 'Code'),
      ],
      rows: [
        { AdminId: 1, AdminNm: 'Main office', AdminCd: 'MAIN' },
        { AdminId: 3, AdminNm: 'Branch north', AdminCd: 'NORTH' },
      ],
    },
    Profit_Employees: {
      description: 'Not on the app connector',
      allowed: false,
      fields: [gf('EmId', 'string', 'Employee')],
      rows: [],
    },
  };
}

function updateConnectorSeeds(): Record<string, UpdateConnectorSeed> {
  return {
    KnSubject: {
      description: 'Dossier item',
      verbs: ['POST', 'PUT', 'DELETE'],
      key: { name: 'SbId', in: 'attribute' },
      meta: obj(
        'KnSubject',
        [
          uf('SbId', 'Dossier item', { primaryKey: true, dataType: 'int' }),
          uf('StId', 'Type', {
            mandatory: true,
            dataType: 'int',
            values: [
              { id: '1', description: 'Note' },
              { id: '2', description: 'Letter' },
            ],
          }),
          uf('Ds', 'Subject', { mandatory: true }),
          uf('Da', 'Date', { dataType: 'date' }),
          uf('St', 'Done', { dataType: 'boolean' }),
        ],
        [
          obj('KnSubjectLink', [
            uf('SfTp', 'Link type', { dataType: 'int' }),
            uf('SfId', 'Link id'),
            uf('ToEM', 'To employee', { dataType: 'boolean' }),
          ]),
          obj('KnSubjectAttachment', [
            uf('FileName', 'File name'),
            uf('FileStream', 'File (base64)', { dataType: 'blob' }),
            uf('FileId', 'File GUID'),
          ]),
        ],
      ),
      records: [{ key: '49946', fields: { StId: 1, Ds: 'Existing note' }, objects: undefined }],
      nextKey: 50000,
    },
    KnPerson: {
      description: 'Person',
      verbs: ['POST', 'PUT'],
      key: { name: 'BcCo', in: 'fields' },
      meta: obj(
        'KnPerson',
        [
          uf('BcCo', 'Number', { primaryKey: true }),
          uf('MatchPer', 'Match person on', { dataType: 'int' }),
          uf('FiNm', 'First name'),
          uf('LaNm', 'Last name', { mandatory: true }),
          uf('EmAd', 'E-mail'),
          uf('ViGe', 'Gender', {
            values: [
              { id: 'M', description: 'Male' },
              { id: 'O', description: 'Unknown' },
              { id: 'V', description: 'Female' },
            ],
          }),
        ],
        [obj('KnContact', [uf('ViKc', 'Contact type'), uf('EmAd', 'E-mail')])],
      ),
      records: [{ key: '100001', fields: { LaNm: 'Jansen' }, objects: undefined }],
      nextKey: 100100,
    },
    KnAppointment: {
      description: 'Appointment',
      verbs: ['POST', 'PUT', 'DELETE'],
      emptyResponse: true,
      key: { name: 'ApId', in: 'attribute' },
      meta: obj('KnAppointment', [
        uf('ApId', 'Appointment', { primaryKey: true, dataType: 'int' }),
        uf('Ds', 'Description', { mandatory: true }),
      ]),
      records: [{ key: '123', fields: { Ds: 'Kick-off' }, objects: undefined }],
      nextKey: 200,
    },
    KnSubjectReaction: {
      description: 'Reaction on a dossier item',
      verbs: ['POST', 'DELETE'],
      objectName: 'KnReaction',
      key: { name: 'Id', in: 'attribute' },
      meta: obj('KnReaction', [
        uf('Id', 'Reaction', { primaryKey: true, dataType: 'int' }),
        uf('SbTx', 'Text', { mandatory: true }),
      ]),
      records: [{ key: '7', fields: { SbTx: 'Seen' }, objects: undefined }],
      nextKey: 8,
    },
  };
}

export function defaultState(): FakeAfasState {
  return {
    environment: '12345',
    version: '22.22.5',
    tokens: [TOKEN_DATA],
    oauthClients: [{ clientId: 'integrator-client', clientSecret: 'client-secret-value' }],
    getConnectors: getConnectorSeeds(),
    updateConnectors: updateConnectorSeeds(),
    attachments: {
      '49946/5C055C034516ED67972E0A852E03C5B9': {
        filename: 'example.png',
        mimetype: 'image/png',
        data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x80]),
      },
    },
    reports: {
      'F5B1C8A2-3D4E-4F60-9A7B-8C9D0E1F2A3B': {
        mimetype: 'application/pdf',
        data: Buffer.from(
          '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
          'latin1',
        ),
        filterFields: ['InNo', 'DebtorId'],
      },
    },
  };
}
