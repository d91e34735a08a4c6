import {
  defineModule,
  field,
  ModuleError,
  options,
  type Bundle,
  type HttpClient,
  type QueryValue,
} from '@integrator/sdk';
import { callProfitWell } from './api';
import { CUSTOMERS_PER_PAGE_MAX, CUSTOMERS_WINDOW_MAX } from './constants';
import { bundleOr, bundlesOf, compact, pathSegment, unixSeconds } from './inputs';
import { customerSample } from './samples';

const connection = { types: ['profitwell'] };

export const listCustomers = defineModule({
  key: 'profitwell:listCustomers',
  label: 'List customers',
  description:
    'Searches customers (from integrations and added manually), ordered by when they were last updated.',
  kind: 'search',
  connection,
  mapper: {
    limit: field.number({
      label: 'Limit',
      help: `Maximum number of bundles to return (at most ${CUSTOMERS_WINDOW_MAX}; narrow the dates for more).`,
      integer: true,
      min: 1,
      max: CUSTOMERS_WINDOW_MAX,
      default: 10,
    }),
    email: field.text({ label: 'Email', help: 'Only customers with this email.' }),
    start_date: field.date({
      label: 'Updated from',
      help: 'Inclusive; a date (ISO 8601) or Unix seconds.',
      numberUnit: 's',
    }),
    end_date: field.date({
      label: 'Updated before',
      help: 'Exclusive; a date (ISO 8601) or Unix seconds.',
      numberUnit: 's',
    }),
    direction: field.select({
      label: 'Order',
      options: options(['asc', 'Oldest update first'], ['desc', 'Newest update first']),
    }),
  },
  output: { sample: customerSample },
  run: async ({ http, mapper }) => {
    const filters = compact({
      email: mapper.email,
      start_date: mapper.start_date && unixSeconds(mapper.start_date),
      end_date: mapper.end_date && unixSeconds(mapper.end_date),
      direction: mapper.direction,
    });
    // Pages no larger than needed; with the limit capped at 100000 the page cap (100000 / per_page) is never passed.
    const perPage = Math.min(mapper.limit, CUSTOMERS_PER_PAGE_MAX);
    const out: Bundle[] = [];
    for (let page = 1; out.length < mapper.limit; page++) {
      const items = await customersPage(http, { ...filters, page, per_page: perPage });
      out.push(...items.slice(0, mapper.limit - out.length));
      // The API has no paging envelope: a short (or empty) page is the end of the data.
      if (items.length < perPage) break;
    }
    return out;
  },
});

async function customersPage(http: HttpClient, query: Record<string, QueryValue>): Promise<Bundle[]> {
  try {
    const res = await callProfitWell(http, { method: 'GET', path: '/v2/customers/', query });
    return bundlesOf(res.body, 'customers');
  } catch (err) {
    // A page past the end may be answered with 404 (Django paging) rather than an empty list.
    if (err instanceof ModuleError && err.status === 404 && Number(query.page) > 1) return [];
    throw err;
  }
}

export const getCustomer = defineModule({
  key: 'profitwell:getCustomer',
  label: 'Get a customer',
  description: "Retrieves a customer by the data provider's ID (e.g. a Stripe cus_… ID).",
  kind: 'action',
  connection,
  mapper: {
    customer_id: field.text({ label: 'Customer ID', required: true, placeholder: 'cus_H7EURG4fhTh6oN' }),
  },
  output: { sample: customerSample },
  run: async ({ http, mapper }) => {
    const res = await callProfitWell(http, {
      method: 'GET',
      path: `/v2/customers/${pathSegment(mapper.customer_id, 'customer_id')}/`,
    });
    return bundleOr(res.body, { customer_id: mapper.customer_id });
  },
});
