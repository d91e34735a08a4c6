import { defineModule, field } from '@integrator/sdk';
import { callProfitWell } from './api';
import { bundleOr, isRecord, pathSegment } from './inputs';
import { userDeleteSample, userUpdateSample } from './samples';

const connection = { types: ['profitwell'] };

export const updateUser = defineModule({
  key: 'profitwell:updateUser',
  label: 'Update a user',
  description: "Changes the email (display text) of a user's customer record.",
  kind: 'action',
  connection,
  mapper: {
    user: field.text({ label: 'User ID or alias', required: true }),
    email: field.text({
      label: 'Email',
      required: true,
      help: 'Shown on the Customers tab; any text is accepted.',
    }),
  },
  output: { sample: userUpdateSample },
  run: async ({ http, mapper }) => {
    const path = `/v2/users/${pathSegment(mapper.user, 'user')}/`;
    const res = await callProfitWell(http, { method: 'PUT', path, json: { email: mapper.email } });
    // The response body is unknown (reference §5): an empty object and no body are both seen in clients.
    return bundleOr(res.body, { user: mapper.user, email: mapper.email });
  },
});

export const deleteUser = defineModule({
  key: 'profitwell:deleteUser',
  label: 'Delete a user',
  description: 'Deletes a user and the whole subscription history of that user.',
  kind: 'action',
  connection,
  mapper: { user: field.text({ label: 'User ID or alias', required: true }) },
  output: { sample: userDeleteSample },
  run: async ({ http, mapper }) => {
    const res = await callProfitWell(http, {
      method: 'DELETE',
      path: `/v2/users/${pathSegment(mapper.user, 'user')}/`,
    });
    const detail = isRecord(res.body) && typeof res.body.detail === 'string' ? res.body.detail : undefined;
    return detail === undefined
      ? { user: mapper.user, deleted: true }
      : { user: mapper.user, deleted: true, detail };
  },
});
