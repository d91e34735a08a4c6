import { errorOf, output, outputs, startHarness, type Harness } from './harness';
import { makeCustomer } from './fake-profitwell';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.fake.state.customers.add(...Array.from({ length: 600 }, (_, i) => makeCustomer(i + 1)));
});
afterEach(() => h.close());

test('the default limit is one page of 10', async () => {
  const result = await h.run('profitwell:listCustomers', {});
  expect(h.fake.requests.map((r) => r.url)).toEqual(['/v2/customers/?page=1&per_page=10']);
  expect(outputs(result).map((c) => c.customer_id)).toEqual(
    Array.from({ length: 10 }, (_, i) => makeCustomer(i + 1).customer_id),
  );
});

test('pages of 250 until the limit is reached', async () => {
  const result = await h.run('profitwell:listCustomers', { limit: 520 });
  expect(h.fake.requests.map((r) => r.query)).toEqual([
    { page: '1', per_page: '250' },
    { page: '2', per_page: '250' },
    { page: '3', per_page: '250' },
  ]);
  const ids = outputs(result).map((c) => c.customer_id);
  expect(ids).toHaveLength(520);
  expect(new Set(ids).size).toBe(520);
});

test('stops at a short page when the data ends before the limit', async () => {
  const result = await h.run('profitwell:listCustomers', { limit: 1000 });
  expect(h.fake.requests).toHaveLength(3);
  expect(outputs(result)).toHaveLength(600);
});

test.each(['empty', 'not-found'] as const)(
  'a full last page, then a page past the end answered %s, ends the list',
  async (customersPastEnd) => {
    h.fake.setVariant({ customersPastEnd });
    h.fake.state.customers.customers.splice(500);
    const result = await h.run('profitwell:listCustomers', { limit: 1000 });
    expect(h.fake.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
    expect(outputs(result)).toHaveLength(500);
    expect(result.status).toBe('success');
  },
);

test('filters: email, the updated_on window as Unix seconds, and the direction', async () => {
  const result = await h.run('profitwell:listCustomers', {
    limit: 5,
    start_date: '2023-08-01T10:00:00Z',
    end_date: 1690891200,
    direction: 'desc',
  });
  const req = h.fake.requests[0];
  expect(req.path).toBe('/v2/customers/');
  expect(req.query).toEqual({
    start_date: '1690884000',
    end_date: '1690891200',
    direction: 'desc',
    page: '1',
    per_page: '5',
  });
  // Customers are one hour apart from 2023-08-01T00:00 (n=1 at 01:00): 10:00 inclusive to 12:00 exclusive.
  expect(outputs(result).map((c) => c.customer_id)).toEqual([
    makeCustomer(11).customer_id,
    makeCustomer(10).customer_id,
  ]);
  const byEmail = await h.run('profitwell:listCustomers', { email: 'customer42@example.com' });
  expect(h.fake.requests[1].query.email).toBe('customer42@example.com');
  expect(outputs(byEmail)).toEqual([makeCustomer(42)]);
});

test('get: GET /v2/customers/{customer_id}/', async () => {
  const c = makeCustomer(7);
  const result = await h.run('profitwell:getCustomer', { customer_id: c.customer_id });
  expect(h.fake.requests[0]).toMatchObject({ method: 'GET', url: `/v2/customers/${c.customer_id}/` });
  expect(output(result)).toEqual(c);
  expect(errorOf(await h.run('profitwell:getCustomer', { customer_id: 'cus_missing' }))).toMatchObject({
    kind: 'user',
    status: 404,
  });
});
