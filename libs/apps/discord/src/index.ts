import { defineApp } from '@integrator/sdk';
import { apiCallModule } from '@integrator/apps/app-kit';
import { callDiscord } from './api';
import { discordConnectionType, discordWebhookConnectionType } from './connection';
import { createMessage } from './messages';
import { watchMessages } from './watch';

export { discordConnectionType, discordWebhookConnectionType };

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';

export const discordApp = defineApp({
  key: 'discord',
  label: 'Discord',
  description: 'Send messages with a bot or an incoming webhook, and watch a channel’s messages (API v10).',
  icon,
  color: '#5865f2',
  connectionTypes: [discordConnectionType, discordWebhookConnectionType],
  modules: [
    watchMessages,
    createMessage,
    apiCallModule({
      key: 'discord:makeApiCall',
      app: 'Discord',
      connectionType: 'discord',
      placeholder: '/users/@me',
      send: async (http, r) => {
        const res = await callDiscord(http, {
          method: r.method,
          url: r.path,
          headers: r.headers,
          query: r.query,
          json: r.json,
        });
        return { status: res.status, headers: res.headers, body: res.body };
      },
    }),
  ],
});
