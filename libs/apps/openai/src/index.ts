import { defineApp } from '@integrator/sdk';
import { apiCallModule } from '@integrator/apps/app-kit';
import { callOpenAi } from './api';
import { createCompletion } from './chat';
import { openAiConnectionType } from './connection';
import { createImage, createTranscription } from './media';

export { openAiConnectionType };

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="9"/><path d="M12 7v10M7 12h10"/></svg>';

export const openAiApp = defineApp({
  key: 'openai-gpt-3',
  label: 'OpenAI',
  description: 'Chat completions, image generation and audio transcription with the OpenAI API.',
  icon,
  color: '#10a37f',
  connectionTypes: [openAiConnectionType],
  modules: [
    createCompletion,
    createImage,
    createTranscription,
    apiCallModule({
      key: 'openai-gpt-3:makeApiCall',
      app: 'OpenAI',
      connectionType: 'openai',
      placeholder: '/v1/models',
      reservedHeaders: ['openai-organization'],
      send: async (http, r) => {
        const res = await callOpenAi(http, {
          method: r.method,
          url: r.path,
          headers: r.headers,
          query: r.query,
          body: r.json === undefined ? undefined : { type: 'json', data: r.json },
        });
        return { status: res.status, headers: res.headers, body: res.body };
      },
    }),
  ],
});
