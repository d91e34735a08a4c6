import { timingSafeEqual } from 'node:crypto';
import { defineModule, field, type Bundle, type HttpClient } from '@integrator/sdk';
import { callTelegram } from './api';

// Watch updates: Telegram POSTs each Update to our webhook URL (registered with setWebhook),
// with the secret token we chose in X-Telegram-Bot-Api-Secret-Token.

export const watchUpdates = defineModule({
  key: 'telegram:WatchUpdates',
  label: 'Watch updates',
  description:
    'Starts the scenario with each update Telegram sends to the bot (messages, edits, button presses…).',
  kind: 'trigger',
  instant: true,
  connection: { types: ['telegram'], required: false },
  parameters: { hook: field.resource({ label: 'Webhook', resource: 'webhook' }) },
  output: {
    sample: {
      update_id: 1,
      message: { message_id: 1, chat: { id: 1, type: 'private' }, date: 0, text: 'Hi' },
    },
  },
  // Switching the scenario on calls setWebhook with the hook's URL and its secret; every delivery
  // must then carry the secret. A trigger without a connection registers nothing (the bot's
  // webhook is set by hand) and its hook takes requests like a plain webhook.
  instantHook: {
    verify: (request, { secret, credentials }) => {
      if (!secret)
        return credentials
          ? { ok: false, reason: 'the webhook is not registered with Telegram yet: switch the scenario on' }
          : { ok: true };
      return telegramSecretMatches(request.headers, secret)
        ? { ok: true }
        : { ok: false, reason: 'X-Telegram-Bot-Api-Secret-Token is missing or wrong' };
    },
    register: ({ http, url, secret }) => registerTelegramWebhook(http, { url, secretToken: secret }),
    unregister: ({ http }) => unregisterTelegramWebhook(http),
  },
  run: ({ input }) => {
    if (input === undefined || input === null) return [];
    const items = Array.isArray(input) ? input : [input];
    return items.map((v): Bundle => (v !== null && typeof v === 'object' ? (v as Bundle) : { value: v }));
  },
});

export interface TelegramWebhook {
  /** Our public HTTPS webhook URL. */
  url: string;
  /** 1–256 characters of A-Z, a-z, 0-9, _ and - (Bot API setWebhook). */
  secretToken: string;
  allowedUpdates?: string[];
}

/** Points the bot's updates at our webhook (setWebhook); Telegram then sends the secret in a header. */
export async function registerTelegramWebhook(http: HttpClient, hook: TelegramWebhook): Promise<void> {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(hook.secretToken))
    throw new Error('secret_token must be 1-256 characters of A-Z, a-z, 0-9, _ and -');
  await callTelegram(http, 'setWebhook', {
    type: 'json',
    data: {
      url: hook.url,
      secret_token: hook.secretToken,
      ...(hook.allowedUpdates ? { allowed_updates: hook.allowedUpdates } : {}),
    },
  });
}

/** Removes the webhook again (when the scenario is switched off or the trigger removed). */
export async function unregisterTelegramWebhook(http: HttpClient): Promise<void> {
  await callTelegram(http, 'deleteWebhook', { type: 'json', data: {} });
}

/** True when a delivery carries our secret; compared in constant time. */
export function telegramSecretMatches(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
): boolean {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'x-telegram-bot-api-secret-token');
  const got = key === undefined ? undefined : headers[key];
  if (typeof got !== 'string') return false;
  const a = Buffer.from(got);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
