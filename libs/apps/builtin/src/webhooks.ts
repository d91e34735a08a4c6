import { defineApp, defineModule, field, type Bundle } from '@integrator/sdk';
import { icons } from './icons';

const customWebhook = defineModule({
  key: 'gateway:CustomWebHook',
  label: 'Custom webhook',
  description: 'Starts the scenario when a request arrives at the webhook URL.',
  kind: 'trigger',
  instant: true,
  parameters: {
    hook: field.resource({ label: 'Webhook', resource: 'webhook' }),
    // Read by the server's scheduled runs, which take at most this many waiting requests.
    maxResults: field.number({
      label: 'Maximum number of results',
      help: 'When the scenario runs on a schedule, each run takes at most this many waiting requests, oldest first; the rest wait for the next run. Run immediately, each request is a run of its own.',
      integer: true,
      min: 1,
      default: 2,
      advanced: true,
    }),
  },
  // The payload is the run's input; a list (the CLI's --input, say) becomes one bundle per item.
  run: ({ input }) => {
    if (input === undefined || input === null) return [];
    const items = Array.isArray(input) ? input : [input];
    return items.map((v): Bundle =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Bundle) : { value: v },
    );
  },
});

const webhookRespond = defineModule({
  key: 'gateway:WebhookRespond',
  label: 'Webhook response',
  description: 'Answers the caller that is waiting on the webhook.',
  kind: 'responder',
  mapper: {
    status: field.number({ label: 'Status', default: 200, integer: true, min: 100, max: 599 }),
    body: field.any({ label: 'Body' }),
    headers: field.array({
      label: 'Custom headers',
      items: { key: field.text({ required: true }), value: field.text() },
      advanced: true,
    }),
  },
  run: ({ mapper }) => ({
    status: mapper.status,
    body: mapper.body,
    headers: Object.fromEntries((mapper.headers ?? []).map((h) => [h.key, h.value ?? ''])),
  }),
});

export const webhooksApp = defineApp({
  key: 'gateway',
  label: 'Webhooks',
  description: 'Start scenarios from HTTP requests and answer them.',
  icon: icons.webhook,
  color: '#f43f5e',
  modules: [customWebhook, webhookRespond],
});
