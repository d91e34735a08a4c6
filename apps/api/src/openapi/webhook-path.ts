import type { Schema } from './dto-schema';
import { obj, ref } from './schemas';

// The public webhook address (/hooks/<token>) takes any method and any body, which Nest's
// explorer cannot describe (its controller is excluded): it is written out here instead.

export const WEBHOOK_SCHEMAS: Record<string, Schema> = {
  WebhookAck: obj(
    {
      accepted: { type: 'boolean' },
      'queued?': { type: 'boolean', description: 'stored: it runs when the scenario is on' },
      'executionId?': { type: 'string' },
      'status?': { type: 'string', description: 'how the run ended, when it ended before any answer' },
      'timedOut?': { type: 'boolean', description: 'no response module answered in time' },
    },
    { example: { accepted: true, executionId: '0b6f6c1e-0a53-4d8e-9d7b-6a1c1f9e2d11' } },
  ),
};

const error = (name: string) => ({ $ref: `#/components/responses/${name}` });

function operation(operationId: string, withBody: boolean): Schema {
  return {
    operationId,
    tags: ['webhooks'],
    summary: `Receive a webhook request (${withBody ? 'with a body' : 'query only'})`,
    description:
      'Any method is accepted; the payload is the query merged with the body (JSON, form or text). ' +
      'A repeat with the same Idempotency-Key within the hook’s window gets the first answer again.',
    security: [],
    parameters: [
      { name: 'token', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
    ],
    ...(withBody
      ? {
          requestBody: {
            required: false,
            content: {
              'application/json': { schema: {} },
              'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: true } },
              'text/plain': { schema: { type: 'string' } },
            },
          },
        }
      : {}),
    responses: {
      '200': {
        description: "The scenario's response module answered (its status, headers and body)",
        headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } } },
        content: { 'application/json': { schema: {} }, 'text/plain': { schema: { type: 'string' } } },
      },
      '202': {
        description: 'Accepted: queued, or handed to a run',
        content: { 'application/json': { schema: ref('WebhookAck') } },
      },
      '400': error('BadRequest'),
      '404': error('NotFound'),
      '409': error('Conflict'),
      ...(withBody ? { '413': error('PayloadTooLarge') } : {}),
      '429': error('TooManyRequests'),
    },
  };
}

export const WEBHOOK_PATH = {
  '/hooks/{token}': { get: operation('hooks_receiveGet', false), post: operation('hooks_receive', true) },
};
