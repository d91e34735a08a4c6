import { defineModule, field, options, userError } from '@integrator/sdk';
import { compact, isRecord, jsonValue, makeConvert } from '@integrator/apps/app-kit';
import { callOpenAi } from './api';

// OpenAI parameter → our field, for errors that name a parameter.
const FIELDS = {
  n: 'n_completions',
  response_format: 'response_format',
  messages: 'messages',
  model: 'model',
};
const ROLES = options('system', 'developer', 'user', 'assistant');

export const createCompletion = defineModule({
  key: 'openai-gpt-3:CreateCompletion',
  label: 'Create a chat completion',
  description: 'Sends messages to a model and returns its answer (POST /v1/chat/completions).',
  kind: 'action',
  connection: { types: ['openai'] },
  make: { keys: ['openai-gpt-3:CreateChatCompletion'], convert: makeConvert('openai') },
  mapper: {
    select: field.select({ label: 'Method', options: options(['chat', 'Chat completion']), default: 'chat' }),
    model: field.text({ label: 'Model', required: true, placeholder: 'gpt-4o-mini' }),
    messages: field.array({
      label: 'Messages',
      required: true,
      items: {
        role: field.select({ label: 'Role', options: ROLES, default: 'user' }),
        content: field.any({ label: 'Content', help: 'Text, or a list of content parts (JSON).' }),
      },
    }),
    max_tokens: field.number({ label: 'Max tokens', integer: true, min: 1 }),
    temperature: field.number({ label: 'Temperature', min: 0, max: 2 }),
    top_p: field.number({ label: 'Top p', min: 0, max: 1 }),
    n_completions: field.number({ label: 'Number of completions', integer: true, min: 1, max: 128 }),
    response_format: field.any({
      label: 'Response format',
      help: 'text, json_object, json_schema, or the whole object { type, json_schema }.',
    }),
    json_schema: field.any({
      label: 'JSON schema',
      help: 'With json_schema: { name, schema, strict } or just the schema.',
    }),
    presence_penalty: field.number({ label: 'Presence penalty', min: -2, max: 2 }),
    frequency_penalty: field.number({ label: 'Frequency penalty', min: -2, max: 2 }),
    stop: field.array({ label: 'Stop sequences', items: field.text(), advanced: true }),
    seed: field.number({ label: 'Seed', integer: true, advanced: true }),
  },
  output: {
    sample: {
      result: 'Hello!',
      id: 'chatcmpl-1',
      model: 'gpt-4o-mini',
      choices: [],
      usage: { total_tokens: 1 },
    },
  },
  run: async ({ http, mapper }) => {
    const messages = (mapper.messages as Array<{ role?: unknown; content?: unknown }>).map((m, i) => {
      if (m.content === undefined || m.content === '') throw userError('is empty', `messages[${i}].content`);
      return {
        role: String(m.role ?? 'user'),
        content: typeof m.content === 'string' ? m.content : jsonValue(m.content, `messages[${i}].content`),
      };
    });
    if (!messages.length) throw userError('needs at least one message', 'messages');
    const body = compact({
      model: mapper.model.trim(),
      messages,
      max_tokens: mapper.max_tokens,
      temperature: mapper.temperature,
      top_p: mapper.top_p,
      n: mapper.n_completions,
      response_format: responseFormat(mapper.response_format, mapper.json_schema),
      presence_penalty: mapper.presence_penalty,
      frequency_penalty: mapper.frequency_penalty,
      stop: mapper.stop?.length ? mapper.stop : undefined,
      seed: mapper.seed,
    });
    const res = await callOpenAi(
      http,
      { method: 'POST', url: '/v1/chat/completions', body: { type: 'json', data: body } },
      FIELDS,
    );
    const answer = res.body as { choices?: Array<{ message?: { content?: string | null } }> };
    // Like Make: `result` is the first choice's text; with a JSON format, the parsed object too.
    const text = answer.choices?.[0]?.message?.content ?? '';
    const out: Record<string, unknown> = { result: text, ...(res.body as Record<string, unknown>) };
    if (body.response_format && (body.response_format as { type: string }).type !== 'text') {
      try {
        out.resultJson = JSON.parse(text);
      } catch {
        // A truncated answer (finish_reason "length") is not JSON; `result` still has the text.
      }
    }
    return out;
  },
});

function responseFormat(format: unknown, schema: unknown): Record<string, unknown> | undefined {
  const named = typeof format === 'string' && /^\s*[a-z_]+\s*$/.test(format);
  const f = named ? format.trim() : jsonValue(format, 'response_format');
  if (f === undefined || f === '') return undefined;
  if (isRecord(f)) return f;
  if (f === 'text' || f === 'json_object') return { type: f };
  if (f !== 'json_schema') throw userError('must be text, json_object or json_schema', 'response_format');
  const s = jsonValue(schema, 'json_schema');
  if (!isRecord(s)) throw userError('is required with response format json_schema', 'json_schema');
  // Either { name, schema, strict? } as OpenAI takes it, or a bare JSON schema.
  const wrapped = isRecord(s.schema) ? s : { name: 'response', schema: s, strict: true };
  return { type: 'json_schema', json_schema: wrapped };
}
