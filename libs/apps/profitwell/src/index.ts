import { defineApp } from '@integrator/sdk';
import { makeApiCall } from './api-call';
import { profitwellConnectionType } from './connection';
import { getCustomer, listCustomers } from './customers';
import { createPlan, getPlan, listPlans, updatePlan } from './plans';
import {
  churnSubscription,
  createSubscription,
  listSubscriptions,
  unchurnSubscription,
  updateSubscription,
} from './subscriptions';
import { deleteUser, updateUser } from './users';

export { profitwellConnectionType };
export {
  callProfitWell,
  describeErrorBody,
  profitWellError,
  type ProfitWellRequest,
  type ProfitWellResponse,
} from './api';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><path d="M3 3v18h18"/><path d="m7 15 4-4 3 3 6-7"/></svg>';

export const profitwellApp = defineApp({
  key: 'profitwell',
  label: 'ProfitWell',
  description: 'Subscriptions, users, plans and customers in ProfitWell Metrics (API v2).',
  icon,
  color: '#2f6fed',
  connectionTypes: [profitwellConnectionType],
  modules: [
    listSubscriptions,
    createSubscription,
    updateSubscription,
    churnSubscription,
    unchurnSubscription,
    updateUser,
    deleteUser,
    listPlans,
    getPlan,
    createPlan,
    updatePlan,
    listCustomers,
    getCustomer,
    makeApiCall,
  ],
});
