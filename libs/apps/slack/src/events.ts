import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  defineModule,
  field,
  type Bundle,
  type HookVerdict,
  type IncomingHookRequest,
  type InstantHookContext,
} from '@integrator/sdk';

// Watch events: the Slack app's Event Subscriptions point at our webhook address; Slack POSTs
// each event as JSON, signed with the app's signing secret (api.slack.com/authentication/verifying-requests-from-slack).

/** Slack refuses to let a request be replayed later than this; so do we. */
export const MAX_AGE_SECONDS = 5 * 60;

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', signingSecret);
  mac.update(`v0:${timestamp}:`);
  mac.update(rawBody);
  return `v0=${mac.digest('hex')}`;
}

/** Checks X-Slack-Signature and X-Slack-Request-Timestamp; answers the url_verification handshake. */
export function verifySlackRequest(request: IncomingHookRequest, context: InstantHookContext): HookVerdict {
  const secret = String(context.credentials?.signingSecret ?? '').trim();
  if (!secret) return { ok: false, reason: 'the Slack connection has no signing secret' };
  const timestamp = request.headers['x-slack-request-timestamp'] ?? '';
  const signature = request.headers['x-slack-signature'] ?? '';
  if (!/^\d{1,12}$/.test(timestamp) || !signature)
    return { ok: false, reason: 'X-Slack-Signature and X-Slack-Request-Timestamp are required' };
  if (Math.abs(context.now / 1000 - Number(timestamp)) > MAX_AGE_SECONDS)
    return { ok: false, reason: 'the request timestamp is more than 5 minutes away' };
  const expected = Buffer.from(slackSignature(secret, timestamp, request.rawBody));
  const got = Buffer.from(signature);
  if (got.length !== expected.length || !timingSafeEqual(got, expected))
    return { ok: false, reason: 'the Slack signature does not match' };
  const body = request.body as { type?: unknown; challenge?: unknown } | undefined;
  if (body?.type === 'url_verification' && typeof body.challenge === 'string')
    return { reply: { status: 200, body: { challenge: body.challenge } } };
  return { ok: true };
}

interface EventCallback {
  type?: string;
  team_id?: string;
  api_app_id?: string;
  event_id?: string;
  event_time?: number;
  event?: Record<string, unknown>;
}

export const watchEvents = defineModule({
  key: 'slack:WatchEvents',
  label: 'Watch events',
  description:
    'Starts the scenario with each event Slack sends (Events API: messages, mentions, reactions…), its signature checked.',
  kind: 'trigger',
  instant: true,
  // The connection's signing secret checks each request: without it every request is refused.
  connection: { types: ['slack'] },
  parameters: {
    hook: field.resource({ label: 'Webhook', resource: 'webhook' }),
    events: field.text({
      label: 'Event types',
      help: 'Comma-separated (message, app_mention, reaction_added…); empty: every event subscribed in the Slack app.',
    }),
  },
  output: {
    sample: {
      type: 'message',
      channel: 'C0123456789',
      user: 'U0123456789',
      text: 'Hello',
      ts: '1767225600.000100',
      event_id: 'Ev0123456789',
      event_time: 1767225600,
      team_id: 'T0123456789',
    },
  },
  instantHook: { verify: verifySlackRequest },
  run: ({ input, parameters }) => {
    const wanted = new Set(
      String(parameters.events ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    const items = (
      Array.isArray(input) ? input : input === undefined || input === null ? [] : [input]
    ) as EventCallback[];
    const bundles: Bundle[] = [];
    for (const item of items) {
      // An event callback carries the event inside; anything else (a test payload) comes out whole.
      if (item?.type !== 'event_callback' || !item.event) {
        bundles.push(item as Bundle);
        continue;
      }
      if (wanted.size && !wanted.has(String(item.event.type))) continue;
      bundles.push({
        ...item.event,
        event_id: item.event_id,
        event_time: item.event_time,
        team_id: item.team_id,
        api_app_id: item.api_app_id,
      });
    }
    return bundles;
  },
});
