import { filterQuery } from '../src';
import { startFakeAfas, type FakeAfas } from './fake-afas';
import { requestsTo, runAfas, tokenConnection } from './helpers';

let fake: FakeAfas;
beforeEach(async () => {
  fake = await startFakeAfas();
});
afterEach(() => fake.close());

const get = (mapper: Record<string, unknown>) =>
  runAfas({
    module: 'afas:getConnector',
    mapper: { connectorId: 'Profit_Accounts', ...mapper },
    connection: tokenConnection(fake),
  });
const accounts = (outputs: Array<Record<string, unknown>>) => outputs.map((r) => r.Account);

describe('one page', () => {
  it('sends skip/take and emits one bundle per row, empty values as null', async () => {
    const { outputs, error, result } = await get({ skip: 2, take: 3 });
    expect(error).toBeUndefined();
    expect(accounts(outputs)).toEqual(['1020', '1030', '1040']);
    expect(outputs[1]).toEqual({
      Account: '1030',
      Description: 'Creditors',
      Balance: 651.5,
      Blocked: false,
      Modified: '2024-04-13T09:03:00Z',
      Note: null,
    });
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: '/ProfitRestServices/connectors/Profit_Accounts',
      query: { skip: '2', take: '3' },
    });
    expect(fake.requests[0].headers.accept).toBe('application/json');
    expect(result.operations).toBe(2);
  });

  it('orders by a field, descending with "-"', async () => {
    const { outputs } = await get({ orderBy: 'Description', descending: true, take: 3 });
    expect(outputs.map((r) => r.Description)).toEqual(['Wages', 'VAT', 'Stock']);
    expect(fake.requests[0].query.orderbyfieldids).toBe('-Description');
    await get({ orderBy: 'Blocked, -Account', take: 2 });
    expect(fake.requests[1].query.orderbyfieldids).toBe('Blocked,-Account');
  });
});

describe('filters', () => {
  it('joins rows with "," for AND', async () => {
    const { outputs } = await get({
      filters: [
        { field: 'Blocked', operator: 1, value: true },
        { field: 'Balance', operator: 4, value: 0 },
      ],
    });
    expect(accounts(outputs)).toEqual(['1050', '1100']);
    expect(fake.requests[0].query).toMatchObject({
      filterfieldids: 'Blocked,Balance',
      filtervalues: 'true,0',
      operatortypes: '1,4',
    });
  });

  it('joins rows with ";" for OR', async () => {
    const { outputs } = await get({
      filterLogic: 'or',
      filters: [
        { field: 'Account', value: '1000' },
        { field: 'Description', operator: 10, value: 'Re' },
      ],
    });
    expect(accounts(outputs)).toEqual(['1000', '1040', '1100']);
    expect(fake.requests[0].query).toMatchObject({
      filterfieldids: 'Account;Description',
      filtervalues: '1000;Re',
      operatortypes: '1;10',
    });
  });

  it('groups rows: AND within a group, OR between groups', async () => {
    const { outputs } = await get({
      filterLogic: 'groups',
      filters: [
        { field: 'Blocked', operator: 1, value: 'true', group: 2 },
        { field: 'Description', operator: 6, value: 'o', group: 1 },
        { field: 'Account', operator: 3, value: '1030', group: 1 },
        { field: 'Account', operator: 2, value: '1100', group: 2 },
      ],
    });
    expect(fake.requests[0].query).toMatchObject({
      filterfieldids: 'Description,Account;Blocked,Account',
      operatortypes: '6,3;1,2',
    });
    expect(accounts(outputs)).toEqual(['1020', '1030', '1100']);
  });

  it('sends an empty value for "is empty" and AFAS dates without the Z', async () => {
    const { outputs } = await get({
      filters: [
        { field: 'Note', operator: 8, value: 'ignored' },
        { field: 'Modified', operator: 2, value: '2024-04-13T09:03:00Z' },
      ],
    });
    expect(fake.requests[0].query).toMatchObject({ filtervalues: ',2024-04-13T09:03:00' });
    expect(accounts(outputs)).toEqual(['1030', '1060']);
  });

  it('turns a Date into Amsterdam wall-clock time', () => {
    const query = filterQuery([
      { field: 'Modified', operator: 2, value: new Date('2024-03-01T12:00:00Z') },
      { field: 'Modified', operator: 5, value: new Date('2024-07-01T12:00:00.250Z') },
    ]);
    expect(query.filtervalues).toBe('2024-03-01T13:00:00,2024-07-01T14:00:00');
  });

  it('refuses values with a list separator, naming the row', async () => {
    const { error } = await get({
      filters: [
        { field: 'Account', value: '1000' },
        { field: 'Description', value: 'a,b' },
      ],
    });
    expect(error).toMatchObject({ kind: 'user', field: 'filters[1].value' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a query longer than AFAS accepts before sending it', async () => {
    const filters = Array.from({ length: 120 }, (_, i) => ({
      field: 'Description',
      operator: 7,
      value: `value-number-${i}`,
    }));
    const { error } = await get({ filters });
    expect(error).toMatchObject({ kind: 'user', field: 'filters' });
    expect(error!.message).toMatch(/at most 2049/);
    expect(fake.requests).toHaveLength(0);
  });

  it("shows AFAS's message for an unknown field", async () => {
    const { error } = await get({ filters: [{ field: 'Nope', value: 'x' }] });
    expect(error).toMatchObject({ kind: 'user', status: 500 });
    expect(error!.message).toMatch(
      /Connector field 'Nope' not found \(error number -2147180999, Profit log reference [0-9A-F]{32}\)/,
    );
  });
});

describe('all rows', () => {
  it('pages with skip/take until a short page', async () => {
    const { outputs } = await get({ allRows: true, pageSize: 5, orderBy: 'Account', limit: 100 });
    expect(outputs).toHaveLength(12);
    expect(accounts(outputs).slice(0, 2)).toEqual(['1000', '1010']);
    expect(requestsTo(fake, 'Profit_Accounts').map((r) => [r.query.skip, r.query.take])).toEqual([
      ['0', '5'],
      ['5', '5'],
      ['10', '5'],
    ]);
  });

  it('stops at the limit, asking only for what is still needed', async () => {
    const { outputs } = await get({ allRows: true, pageSize: 4, limit: 10, orderBy: 'Account', skip: 1 });
    expect(accounts(outputs)).toEqual([
      '1010',
      '1020',
      '1030',
      '1040',
      '1050',
      '1060',
      '1070',
      '1080',
      '1090',
      '1100',
    ]);
    expect(fake.requests.map((r) => [r.query.skip, r.query.take])).toEqual([
      ['1', '4'],
      ['5', '4'],
      ['9', '2'],
    ]);
  });

  it('does not depend on AFAS echoing the requested take', async () => {
    fake.setVariant({ takeEcho: 'rows' });
    const { outputs } = await get({ allRows: true, pageSize: 8, orderBy: 'Account' });
    expect(outputs).toHaveLength(12);
    expect(fake.requests).toHaveLength(2);
  });

  it('stops on an exactly full last page with one more (empty) request', async () => {
    const { outputs } = await get({ allRows: true, pageSize: 6, orderBy: 'Account' });
    expect(outputs).toHaveLength(12);
    expect(fake.requests.map((r) => r.query.skip)).toEqual(['0', '6', '12']);
  });
});

describe('connector access', () => {
  it('explains a 401 for a connector missing from the app connector', async () => {
    const { error } = await get({ connectorId: 'Profit_Employees' });
    expect(error).toMatchObject({ type: 'AccountValidationError', status: 401 });
    expect(error!.message).toMatch(/not added to the app connector/);
  });

  it('shows the message when AFAS answers that case with a 500', async () => {
    fake.setVariant({ connectorNotAllowed: 500 });
    const { error } = await get({ connectorId: 'Profit_Employees' });
    expect(error).toMatchObject({ kind: 'user', status: 500 });
    expect(error!.message).toMatch(
      /GetConnector not supported for this app or the user is not authorized \(error number -2147180996/,
    );
  });

  it('reports an unknown connector as not found', async () => {
    const { error } = await get({ connectorId: 'Profit_Nope' });
    expect(error).toMatchObject({ type: 'DataError', status: 404 });
    expect(error!.message).toMatch(/GetConnector "Profit_Nope"/);
  });
});
