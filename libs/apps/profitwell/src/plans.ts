import { defineModule, field } from '@integrator/sdk';
import { callProfitWell } from './api';
import { bundleOr, bundlesOf, pathSegment } from './inputs';
import { planSample } from './samples';

const connection = { types: ['profitwell'] };
const planPath = (planId: string) => `/v2/plans/${pathSegment(planId, 'plan_id')}/`;

export const listPlans = defineModule({
  key: 'profitwell:listPlans',
  label: 'List plans',
  description: 'Lists the plans added manually in ProfitWell.',
  kind: 'search',
  connection,
  mapper: {
    limit: field.number({
      label: 'Limit',
      help: 'Maximum number of bundles to return.',
      integer: true,
      min: 1,
      default: 10,
    }),
  },
  output: { sample: planSample },
  run: async ({ http, mapper }) => {
    // No paging is known for plans: the whole list comes in one answer (reference §10).
    const res = await callProfitWell(http, { method: 'GET', path: '/v2/plans/' });
    return bundlesOf(res.body, 'plans').slice(0, mapper.limit);
  },
});

export const getPlan = defineModule({
  key: 'profitwell:getPlan',
  label: 'Get a plan',
  kind: 'action',
  connection,
  mapper: { plan_id: field.text({ label: 'Plan ID', required: true }) },
  output: { sample: planSample },
  run: async ({ http, mapper }) => {
    const res = await callProfitWell(http, { method: 'GET', path: planPath(mapper.plan_id) });
    return bundleOr(res.body, { id: mapper.plan_id });
  },
});

export const createPlan = defineModule({
  key: 'profitwell:createPlan',
  label: 'Create a plan',
  kind: 'action',
  connection,
  mapper: {
    plan_id: field.text({ label: 'Plan ID', required: true }),
    name: field.text({ label: 'Name', required: true }),
  },
  output: { sample: planSample },
  run: async ({ http, mapper }) => {
    const body = { id: mapper.plan_id, name: mapper.name };
    const res = await callProfitWell(http, { method: 'POST', path: '/v2/plans/', json: body });
    return bundleOr(res.body, body);
  },
});

export const updatePlan = defineModule({
  key: 'profitwell:updatePlan',
  label: 'Update a plan',
  description: 'Renames a plan.',
  kind: 'action',
  connection,
  mapper: {
    plan_id: field.text({ label: 'Plan ID', required: true }),
    name: field.text({ label: 'Name', required: true }),
  },
  output: { sample: planSample },
  run: async ({ http, mapper }) => {
    const res = await callProfitWell(http, {
      method: 'PUT',
      path: planPath(mapper.plan_id),
      json: { name: mapper.name },
    });
    return bundleOr(res.body, { id: mapper.plan_id, name: mapper.name });
  },
});
