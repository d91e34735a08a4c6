import { baseUrlField } from '@integrator/apps/app-kit';
import { defineConnectionType, field, ModuleError, userError } from '@integrator/sdk';
import { callDiscord } from './api';

export const DEFAULT_BASE_URL = 'https://discord.com/api/v10';

const baseUrl = baseUrlField(DEFAULT_BASE_URL);

export const discordConnectionType = defineConnectionType({
  key: 'discord',
  label: 'Discord bot',
  description: 'A Discord bot token (Developer Portal → your application → Bot → Token).',
  fields: {
    token: field.text({ label: 'Bot token', required: true, secret: true }),
    baseUrl,
  },
  authenticate: (c, target) => {
    target.headers['Authorization'] = `Bot ${c.token.trim()}`;
  },
  baseUrl: (c) => (c.baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, ''),
  verify: async ({ http }) => {
    try {
      await callDiscord(http, { method: 'GET', url: '/users/@me' });
    } catch (err) {
      if (err instanceof ModuleError && err.status === 401)
        throw userError('Discord rejected the bot token (401)', 'token', 'AccountValidationError');
      throw err;
    }
  },
  // Discord's global limit: 50 requests per second per bot.
  rateLimit: { requests: 50, perMs: 1000 },
});

/** An incoming webhook: the URL carries its own token, so the whole URL is the secret. */
export const discordWebhookConnectionType = defineConnectionType({
  key: 'discord-webhook',
  label: 'Discord incoming webhook',
  description: 'A channel’s webhook URL (Channel settings → Integrations → Webhooks → Copy Webhook URL).',
  fields: {
    webhookUrl: field.text({
      label: 'Webhook URL',
      required: true,
      secret: true,
      pattern: '^https?://[^\\s]+/webhooks/\\d+/[^\\s/]+$',
    }),
  },
  verify: async ({ http, credentials }) => {
    try {
      // GET on a webhook URL answers the webhook object without needing a bot token.
      await callDiscord(http, { method: 'GET', url: credentials.webhookUrl.trim() });
    } catch (err) {
      if (err instanceof ModuleError && (err.status === 401 || err.status === 404))
        throw userError('Discord does not know this webhook', 'webhookUrl', 'AccountValidationError');
      throw err;
    }
  },
  rateLimit: { requests: 5, perMs: 2000 },
});
