import type { Bundle } from '@integrator/sdk';

// Realistic records for the canvas mapping picker, with the example values the public
// clients share (reference §4.5, §6, §7.6).

export const subscriptionSample: Bundle = {
  user_id: 'pwu_Oea7HXV3bnTP',
  user_alias: 'spiderman',
  subscription_id: 'pws_FecTCEyo17rV',
  subscription_alias: 'spiderman_sub_1',
  email: 'spiderman@profitwell.com',
  plan_id: 'web_plan',
  plan_interval: 'month',
  plan_currency: 'usd',
  status: 'active',
  value: 5000,
  effective_date: 1514764800,
  meta: {},
};

export const churnSample: Bundle = {
  ...subscriptionSample,
  status: 'churned_voluntary',
  effective_date: 1517443200,
  meta: { churn_type: 'voluntary' },
};

export const unchurnSample: Bundle = { subscription: 'spiderman_sub_1', unchurned: true };

export const userUpdateSample: Bundle = { user: 'spiderman', email: 'peter.parker@profitwell.com' };

export const userDeleteSample: Bundle = { user: 'spiderman', deleted: true };

export const planSample: Bundle = { id: 'web_plan', name: 'Web plan' };

export const customerSample: Bundle = {
  customer_id: 'cus_H7EURG4fhTh6oN',
  email: 'spiderman@profitwell.com',
  first_name: 'Peter',
  last_name: 'Parker',
  mrr_cents: 5000,
  plans: ['Web plan'],
  status: 'churned_voluntary',
  created_on: '2023-01-12T09:30:00Z',
  activated_on: '2023-01-12T09:30:00Z',
  churned_on: '2023-08-28T10:55:19Z',
  updated_on: '2023-08-28T10:55:19.919563Z',
  total_spend_cents: 35000,
};

export const apiCallSample: Bundle = {
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: [planSample],
};
