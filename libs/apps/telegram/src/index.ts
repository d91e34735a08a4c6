import { defineApp } from '@integrator/sdk';
import { apiCallModule } from '@integrator/apps/app-kit';
import { callTelegramRaw } from './raw';
import { telegramConnectionType } from './connection';
import { sendDocument, sendPhoto, sendReplyMessage } from './messages';
import { watchUpdates } from './watch';

export { telegramConnectionType };
export { registerTelegramWebhook, unregisterTelegramWebhook, telegramSecretMatches } from './watch';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><path d="m22 2-7 20-4-9-9-4Z"/><path d="M22 2 11 13"/></svg>';

export const telegramApp = defineApp({
  key: 'telegram',
  label: 'Telegram Bot',
  description: 'Send messages, photos and documents with a Telegram bot, and watch its updates (Bot API).',
  icon,
  color: '#229ed9',
  connectionTypes: [telegramConnectionType],
  modules: [
    watchUpdates,
    sendReplyMessage,
    sendPhoto,
    sendDocument,
    apiCallModule({
      key: 'telegram:makeApiCall',
      app: 'Telegram Bot',
      connectionType: 'telegram',
      placeholder: '/getChat',
      makeKeys: ['telegram:UniversalAPICall'],
      send: callTelegramRaw,
    }),
  ],
});
