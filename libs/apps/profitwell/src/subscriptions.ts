import { defineModule, field, options, userError } from '@integrator/sdk';
import { callProfitWell } from './api';
import { CHURN_TYPES, PLAN_INTERVALS, SUBSCRIPTION_ALIAS_MAX } from './constants';
import { bundleOr, bundlesOf, compact, pathSegment, planCurrency, unixSeconds } from './inputs';
import { churnSample, subscriptionSample, unchurnSample } from './samples';

const connection = { types: ['profitwell'] };
const dateHelp = 'A date (ISO 8601) or Unix seconds; sent to ProfitWell as Unix seconds.';
const valueHelp =
  'Amount per billing period in cents (an annual plan keeps the full annual amount: $120/yr is 12000).';

export const listSubscriptions = defineModule({
  key: 'profitwell:listSubscriptions',
  label: 'List subscriptions (user ID or alias)',
  description: "Returns a user's subscription history: one bundle per recorded change, oldest first.",
  kind: 'search',
  connection,
  mapper: {
    user: field.text({ label: 'User ID or alias', required: true, placeholder: 'pwu_Oea7HXV3bnTP' }),
    limit: field.number({
      label: 'Limit',
      help: 'Maximum number of bundles to return.',
      integer: true,
      min: 1,
      default: 10,
    }),
  },
  output: { sample: subscriptionSample },
  run: async ({ http, mapper }) => {
    const res = await callProfitWell(http, {
      method: 'GET',
      path: `/v2/users/${pathSegment(mapper.user, 'user')}/`,
    });
    return bundlesOf(res.body, 'subscriptions').slice(0, mapper.limit);
  },
});

export const createSubscription = defineModule({
  key: 'profitwell:createSubscription',
  label: 'Create a subscription',
  description:
    'Creates a subscription for a new user, or another one for an existing user (give its user ID or alias).',
  kind: 'action',
  connection,
  mapper: {
    user_id: field.text({
      label: 'User ID',
      help: 'Only to add a subscription to an existing user; ProfitWell creates the ID otherwise.',
    }),
    user_alias: field.text({
      label: 'User alias',
      help: 'Your own ID for the user; also identifies an existing user.',
    }),
    subscription_alias: field.text({
      label: 'Subscription alias',
      help: 'Your own ID for the subscription; unique across your company.',
      maxLength: SUBSCRIPTION_ALIAS_MAX,
    }),
    email: field.text({
      label: 'Email',
      required: true,
      help: 'Shown on the Customers tab; any text is accepted.',
    }),
    plan_id: field.text({ label: 'Plan ID', required: true }),
    plan_interval: field.select({
      label: 'Plan interval',
      required: true,
      options: options(...PLAN_INTERVALS),
    }),
    plan_currency: field.text({
      label: 'Plan currency',
      help: 'ISO 4217 code such as usd or eur; ProfitWell defaults to usd.',
    }),
    status: field.select({
      label: 'Status',
      options: options('active', 'trialing'),
      help: 'Defaults to active; a trialing subscription must have value 0.',
    }),
    value: field.number({ label: 'Value (cents)', required: true, integer: true, min: 0, help: valueHelp }),
    effective_date: field.date({ label: 'Effective date', required: true, numberUnit: 's', help: dateHelp }),
  },
  output: { sample: subscriptionSample },
  run: async ({ http, mapper }) => {
    if (mapper.status === 'trialing' && mapper.value !== 0)
      throw userError('must be 0 for a trialing subscription', 'value');
    const body = compact({
      user_id: mapper.user_id,
      user_alias: mapper.user_alias,
      subscription_alias: mapper.subscription_alias,
      email: mapper.email,
      plan_id: mapper.plan_id,
      plan_interval: mapper.plan_interval,
      plan_currency: planCurrency(mapper.plan_currency),
      status: mapper.status,
      value: mapper.value,
      effective_date: unixSeconds(mapper.effective_date),
    });
    const res = await callProfitWell(http, { method: 'POST', path: '/v2/subscriptions/', json: body });
    return bundleOr(res.body, body);
  },
});

export const updateSubscription = defineModule({
  key: 'profitwell:updateSubscription',
  label: 'Update a subscription',
  description: 'Upgrades or downgrades a subscription (plan, interval or value) from a given date.',
  kind: 'action',
  connection,
  mapper: {
    subscription: field.text({ label: 'Subscription ID or alias', required: true }),
    plan_id: field.text({
      label: 'Plan ID',
      required: true,
      help: 'Keep the same plan ID for a seat-count change.',
    }),
    plan_interval: field.select({
      label: 'Plan interval',
      required: true,
      options: options(...PLAN_INTERVALS),
    }),
    value: field.number({
      label: 'Value (cents)',
      required: true,
      integer: true,
      min: 0,
      help: 'The new full amount per billing period in cents, even after a prorated mid-cycle change.',
    }),
    effective_date: field.date({ label: 'Effective date', required: true, numberUnit: 's', help: dateHelp }),
    // ProfitWell documents "active" as the only status valid on update (reference §4.2).
    status: field.select({ label: 'Status', options: options('active') }),
  },
  output: { sample: subscriptionSample },
  run: async ({ http, mapper }) => {
    const path = `/v2/subscriptions/${pathSegment(mapper.subscription, 'subscription')}/`;
    const body = compact({
      plan_id: mapper.plan_id,
      plan_interval: mapper.plan_interval,
      value: mapper.value,
      effective_date: unixSeconds(mapper.effective_date),
      status: mapper.status,
    });
    const res = await callProfitWell(http, { method: 'PUT', path, json: body });
    return bundleOr(res.body, { subscription: mapper.subscription, ...body });
  },
});

export const churnSubscription = defineModule({
  key: 'profitwell:churnSubscription',
  label: 'Churn a subscription',
  description: 'Churns a subscription at a date (which may be in the future).',
  kind: 'action',
  connection,
  mapper: {
    subscription: field.text({ label: 'Subscription ID or alias', required: true }),
    effective_date: field.date({ label: 'Effective date', required: true, numberUnit: 's', help: dateHelp }),
    churn_type: field.select({ label: 'Churn type', options: options(...CHURN_TYPES), default: 'voluntary' }),
  },
  output: { sample: churnSample },
  run: async ({ http, mapper }) => {
    const path = `/v2/subscriptions/${pathSegment(mapper.subscription, 'subscription')}/`;
    const query = { effective_date: unixSeconds(mapper.effective_date), churn_type: mapper.churn_type };
    // Churn is a DELETE with query parameters and no body (reference §4.3).
    const res = await callProfitWell(http, { method: 'DELETE', path, query });
    // The answer may be the churned record or an empty body (reference §8): fall back to what was done.
    return bundleOr(res.body, {
      subscription: mapper.subscription,
      status: `churned_${mapper.churn_type}`,
      ...query,
    });
  },
});

export const unchurnSubscription = defineModule({
  key: 'profitwell:unchurnSubscription',
  label: 'Un-churn a subscription',
  description:
    'Removes the churn of a subscription, as if it never churned (also a churn scheduled for the future).',
  kind: 'action',
  connection,
  mapper: { subscription: field.text({ label: 'Subscription ID or alias', required: true }) },
  output: { sample: unchurnSample },
  run: async ({ http, mapper }) => {
    const res = await callProfitWell(http, {
      method: 'PUT',
      path: `/v2/unchurn/${pathSegment(mapper.subscription, 'subscription')}/`,
    });
    return bundleOr(res.body, { subscription: mapper.subscription, unchurned: true });
  },
});
