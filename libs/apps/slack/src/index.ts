import { defineApp } from '@integrator/sdk';
import { apiCallModule } from '@integrator/apps/app-kit';
import { listChannels } from './channels';
import { slackConnectionType } from './connection';
import { watchEvents } from './events';
import { createMessage, editMessage } from './messages';
import { callSlackRaw } from './raw';

export { slackConnectionType };
export { slackSignature, verifySlackRequest } from './events';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><path d="M9 3v18M15 3v18M3 9h18M3 15h18"/></svg>';

export const slackApp = defineApp({
  key: 'slack',
  label: 'Slack',
  description:
    'Post and update messages, list channels and watch events of a Slack workspace (Web API, Events API).',
  icon,
  color: '#4a154b',
  connectionTypes: [slackConnectionType],
  modules: [
    watchEvents,
    createMessage,
    editMessage,
    listChannels,
    apiCallModule({
      key: 'slack:makeApiCall',
      app: 'Slack',
      connectionType: 'slack',
      placeholder: '/conversations.info',
      makeKeys: ['slack:MakeAPICall', 'slack:UniversalAPICall'],
      send: callSlackRaw,
    }),
  ],
});
