import { defineModule, field, options, userError } from '@integrator/sdk';
import { callNotion } from './api';

export const makeApiCall = defineModule({
  key: 'notion:makeApiCall',
  label: 'Make an API call',
  description: 'Calls any Notion API endpoint with the connection’s token and Notion-Version.',
  kind: 'action',
  connection: { types: ['notion', 'notion-oauth'] },
  mapper: {
    url: field.text({
      label: 'URL',
      required: true,
      placeholder: '/users',
      help: 'A path relative to https://api.notion.com/v1.',
    }),
    method: field.select({
      label: 'Method',
      options: options('GET', 'POST', 'PATCH', 'DELETE'),
      default: 'GET',
    }),
    body: field.any({ label: 'Body', help: 'JSON text or a collection.' }),
  },
  output: { sample: { body: { object: 'list', results: [] } } },
  run: async ({ http, mapper }) => {
    const path = mapper.url.trim().replace(/^\/?(v1\/)?/, '/');
    // The token must never travel to another host.
    if (/^[a-z][a-z\d+.-]*:/i.test(mapper.url.trim()) || path.startsWith('//') || path.includes('\\'))
      throw userError('must be a path relative to the Notion API, such as /users', 'url');
    const method = mapper.method as 'GET' | 'POST' | 'PATCH' | 'DELETE';
    let body = mapper.body;
    if (typeof body === 'string') {
      try {
        body = body.trim() ? JSON.parse(body) : undefined;
      } catch {
        throw userError('must be valid JSON', 'body');
      }
    }
    if (body !== undefined && body !== null && method === 'GET')
      throw userError('cannot be sent with GET', 'body');
    return { body: await callNotion(http, { method, path, body: body ?? undefined }) };
  },
});
