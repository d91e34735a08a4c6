import { baseUrlField } from '@integrator/apps/app-kit';
import { defineConnectionType, field, ModuleError, userError } from '@integrator/sdk';
import { callTelegram } from './api';

export const DEFAULT_BASE_URL = 'https://api.telegram.org';

export const telegramConnectionType = defineConnectionType({
  key: 'telegram',
  label: 'Telegram Bot',
  description: 'A Telegram bot, with the token @BotFather gave you (123456:ABC-DEF…).',
  fields: {
    token: field.text({
      label: 'Bot token',
      required: true,
      secret: true,
      pattern: '^\\s*\\d+:[A-Za-z0-9_-]+\\s*$',
    }),
    baseUrl: baseUrlField('https://api.telegram.org', 'for a local Bot API server, a proxy or a test server'),
  },
  // The Bot API takes the token in the path (/bot<token>/<method>); a secret field, so the client
  // redacts it from URLs in logs and errors like any header secret.
  baseUrl: (c) => `${(c.baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, '')}/bot${c.token.trim()}`,
  verify: async ({ http }) => {
    try {
      await callTelegram(http, 'getMe');
    } catch (err) {
      if (err instanceof ModuleError && (err.status === 401 || err.status === 404))
        throw userError('Telegram rejected the bot token', 'token', 'AccountValidationError');
      throw err;
    }
  },
  // Bot API FAQ: about 30 messages per second overall.
  rateLimit: { requests: 30, perMs: 1000 },
});
