import { json, NOT_FOUND, type Reply } from './fake-profitwell-drf';
import type { FakeVariants } from './fake-profitwell-variants';

// Read-only customers (reference §6): a bare array, paged by page/per_page (≤250), filtered by
// email and an updated_on window (start inclusive, end exclusive), sorted by direction.

export interface FakeCustomer {
  customer_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  mrr_cents: number;
  plans: string[];
  status: string;
  created_on: string;
  activated_on: string | null;
  churned_on: string | null;
  updated_on: string;
  total_spend_cents: number;
}

const PER_PAGE_MAX = 250;
const WINDOW_MAX = 100000;

/** A realistic customer; `n` spreads ids and updated_on one hour apart from 2023-08-01. */
export function makeCustomer(n: number, overrides: Partial<FakeCustomer> = {}): FakeCustomer {
  const updated = new Date(Date.UTC(2023, 7, 1) + n * 3600_000);
  return {
    customer_id: `cus_${String(n).padStart(14, '0')}`,
    email: `customer${n}@example.com`,
    first_name: 'Customer',
    last_name: String(n),
    mrr_cents: 5000,
    plans: ['Web plan'],
    status: n % 2 ? 'churned_voluntary' : 'no_history',
    created_on: '2023-01-12T09:30:00Z',
    activated_on: '2023-01-12T09:30:00Z',
    churned_on: null,
    updated_on: updated.toISOString().replace(/\.\d{3}Z$/, `.${String(n % 1000000).padStart(6, '0')}Z`),
    total_spend_cents: 35000,
    ...overrides,
  };
}

export class CustomerStore {
  readonly customers: FakeCustomer[] = [];

  constructor(private readonly variants: () => FakeVariants) {}

  add(...customers: FakeCustomer[]): void {
    this.customers.push(...customers);
  }

  get(id: string): Reply {
    const c = this.customers.find((x) => x.customer_id === id);
    return c ? json(c) : NOT_FOUND;
  }

  search(query: Record<string, string>): Reply {
    const errors: Record<string, string[]> = {};
    const perPage = intParam(query.per_page, PER_PAGE_MAX);
    if (perPage === undefined || perPage < 1 || perPage > PER_PAGE_MAX) {
      errors.per_page = [`Ensure this value is a whole number between 1 and ${PER_PAGE_MAX}.`];
    }
    const direction = query.direction ?? 'asc';
    if (direction !== 'asc' && direction !== 'desc')
      errors.direction = [`"${direction}" is not a valid choice.`];
    if ((query.date_field ?? 'updated_on') !== 'updated_on')
      errors.date_field = [`"${query.date_field}" is not a valid choice.`];
    const start = dateParam(query.start_date, 'start_date', errors);
    const end = dateParam(query.end_date, 'end_date', errors);
    if (Object.keys(errors).length) return { status: 400, body: errors };
    const page = intParam(query.page, 1);
    if (page === undefined || page < 1 || page > Math.floor(WINDOW_MAX / perPage!))
      return { status: 404, body: { detail: 'Invalid page.' } };
    const email = query.email?.toLowerCase();
    const rows = this.customers
      .filter((c) => email === undefined || c.email?.toLowerCase() === email)
      .filter(
        (c) =>
          (start === undefined || Date.parse(c.updated_on) >= start) &&
          (end === undefined || Date.parse(c.updated_on) < end),
      )
      .sort((a, b) => a.updated_on.localeCompare(b.updated_on) || a.customer_id.localeCompare(b.customer_id));
    if (direction === 'desc') rows.reverse();
    const slice = rows.slice((page - 1) * perPage!, page * perPage!);
    if (slice.length === 0 && page > 1 && this.variants().customersPastEnd === 'not-found') {
      return { status: 404, body: { detail: 'Invalid page.' } };
    }
    return json(slice);
  }
}

function intParam(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Unix seconds, `2020-05-20T18:45:22Z` or `2020-05-20 12:00:00` (reference §6); UTC assumed. */
function dateParam(
  value: string | undefined,
  field: string,
  errors: Record<string, string[]>,
): number | undefined {
  if (value === undefined) return undefined;
  let ms = NaN;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) {
    const iso = value.replace(' ', 'T');
    ms = Date.parse(/[Zz]|[+-]\d{2}:?\d{2}$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
  }
  if (Number.isNaN(ms)) errors[field] = ['Invalid date format.'];
  return Number.isNaN(ms) ? undefined : ms;
}
