import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';

// A strict OpenAI API (platform.openai.com/docs/api-reference): `Authorization: Bearer <key>`,
// optional `OpenAI-Organization`, JSON bodies (multipart for audio), errors as
// { error: { message, type, param, code } }, x-ratelimit-* headers. Unknown body parameters are
// refused ("Unrecognized request argument supplied"), as the real API does.

export const KEY = 'sk-test-0123456789abcdef';
export const ORG = 'org-test123';
export const MODELS = ['gpt-4o-mini', 'dall-e-3', 'gpt-image-1', 'whisper-1'];
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const HEADERS = {
  'x-ratelimit-limit-requests': '500',
  'x-ratelimit-remaining-requests': '499',
  'x-request-id': 'req_1',
};
const fail = (
  status: number,
  message: string,
  type = 'invalid_request_error',
  param: string | null = null,
  code: string | null = null,
): FakeReply => ({
  status,
  body: { error: { message, type, param, code } },
  headers: HEADERS,
});
const ok = (body: unknown): FakeReply => ({ status: 200, body, headers: HEADERS });

const CHAT_KEYS = [
  'model',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'n',
  'response_format',
  'presence_penalty',
  'frequency_penalty',
  'stop',
  'seed',
  'user',
  'tools',
  'tool_choice',
  'logprobs',
];
const IMAGE_KEYS = [
  'model',
  'prompt',
  'n',
  'size',
  'quality',
  'style',
  'response_format',
  'user',
  'background',
  'output_format',
];
const AUDIO_KEYS = [
  'file',
  'model',
  'language',
  'prompt',
  'response_format',
  'temperature',
  'timestamp_granularities[]',
];
const AUDIO_EXT = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm'];

export async function startFakeOpenAi(): Promise<FakeServer> {
  return startFake(route);
}

function route(req: RecordedRequest): FakeReply {
  if (req.headers.authorization !== `Bearer ${KEY}`)
    return fail(
      401,
      `Incorrect API key provided: ${String(req.headers.authorization ?? '').slice(7, 12)}****. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_request_error',
      null,
      'invalid_api_key',
    );
  const org = req.headers['openai-organization'];
  if (org !== undefined && org !== ORG)
    return fail(
      401,
      `No such organization: ${String(org)}.`,
      'invalid_request_error',
      null,
      'invalid_organization',
    );
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && path === '/v1/models')
    return ok({ object: 'list', data: MODELS.map((id) => ({ id, object: 'model', owned_by: 'openai' })) });
  if (req.method === 'POST' && path === '/v1/chat/completions') return withJson(req, CHAT_KEYS, chat);
  if (req.method === 'POST' && path === '/v1/images/generations') return withJson(req, IMAGE_KEYS, image);
  if (req.method === 'POST' && path === '/v1/audio/transcriptions') return transcribe(req);
  return fail(404, `Invalid URL (${req.method} ${path})`);
}

function withJson(
  req: RecordedRequest,
  keys: string[],
  handle: (b: Record<string, unknown>) => FakeReply,
): FakeReply {
  if (!String(req.headers['content-type']).startsWith('application/json'))
    return fail(400, 'Unsupported content type. This API method only accepts application/json requests.');
  const b = req.json as Record<string, unknown>;
  if (!b || typeof b !== 'object' || Array.isArray(b))
    return fail(400, 'We could not parse the JSON body of your request.');
  const unknown = Object.keys(b).find((k) => !keys.includes(k));
  if (unknown) return fail(400, `Unrecognized request argument supplied: ${unknown}`);
  if (typeof b.model !== 'string' || !b.model) return fail(400, 'you must provide a model parameter');
  if (!MODELS.includes(b.model))
    return fail(
      404,
      `The model \`${b.model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      null,
      'model_not_found',
    );
  return handle(b);
}

function range(b: Record<string, unknown>, key: string, min: number, max: number): FakeReply | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number')
    return fail(
      400,
      `Invalid type for '${key}': expected a number.`,
      'invalid_request_error',
      key,
      'invalid_type',
    );
  if (v < min)
    return fail(400, `${v} is less than the minimum of ${min} - '${key}'`, 'invalid_request_error', key);
  if (v > max)
    return fail(400, `${v} is greater than the maximum of ${max} - '${key}'`, 'invalid_request_error', key);
  return undefined;
}

function chat(b: Record<string, unknown>): FakeReply {
  const msgs = b.messages;
  if (!Array.isArray(msgs) || !msgs.length)
    return fail(400, "Invalid 'messages': empty array.", 'invalid_request_error', 'messages', 'empty_array');
  for (const [i, m] of msgs.entries()) {
    if (!['system', 'developer', 'user', 'assistant', 'tool'].includes((m as { role?: string }).role ?? ''))
      return fail(
        400,
        `Invalid value for 'messages[${i}].role'`,
        'invalid_request_error',
        `messages[${i}].role`,
        'invalid_value',
      );
  }
  const bad =
    range(b, 'temperature', 0, 2) ??
    range(b, 'top_p', 0, 1) ??
    range(b, 'presence_penalty', -2, 2) ??
    range(b, 'frequency_penalty', -2, 2) ??
    range(b, 'n', 1, 128);
  if (bad) return bad;
  const rf = b.response_format as
    { type?: string; json_schema?: { name?: string; schema?: unknown } } | undefined;
  if (rf && !['text', 'json_object', 'json_schema'].includes(rf.type ?? ''))
    return fail(
      400,
      "Invalid value for 'response_format.type'",
      'invalid_request_error',
      'response_format.type',
      'invalid_value',
    );
  if (rf?.type === 'json_schema' && (!rf.json_schema?.name || typeof rf.json_schema.schema !== 'object'))
    return fail(
      400,
      "Missing required parameter: 'response_format.json_schema.name'.",
      'invalid_request_error',
      'response_format.json_schema.name',
      'missing_required_parameter',
    );
  const last = String((msgs.at(-1) as { content?: unknown }).content);
  const content = rf && rf.type !== 'text' ? JSON.stringify({ echo: last }) : `You said: ${last}`;
  const n = (b.n as number | undefined) ?? 1;
  return ok({
    id: 'chatcmpl-fake1',
    object: 'chat.completion',
    created: 1767225600,
    model: `${String(b.model)}-2024-07-18`,
    choices: Array.from({ length: n }, (_, index) => ({
      index,
      message: { role: 'assistant', content, refusal: null },
      finish_reason: 'stop',
    })),
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  });
}

function image(b: Record<string, unknown>): FakeReply {
  if (typeof b.prompt !== 'string' || !b.prompt)
    return fail(400, "Missing required parameter: 'prompt'.", 'invalid_request_error', 'prompt');
  if (b.model === 'gpt-image-1' && b.response_format !== undefined)
    return fail(
      400,
      "Unknown parameter: 'response_format'.",
      'invalid_request_error',
      'response_format',
      'unknown_parameter',
    );
  if (
    b.size !== undefined &&
    !['256x256', '512x512', '1024x1024', '1792x1024', '1024x1792', '1536x1024', '1024x1536', 'auto'].includes(
      String(b.size),
    )
  )
    return fail(
      400,
      `'${String(b.size)}' is not one of ['1024x1024', '1024x1792', '1792x1024'] - 'size'`,
      'invalid_request_error',
      'size',
    );
  const b64 = b.model === 'gpt-image-1' || b.response_format === 'b64_json';
  const data = Array.from({ length: (b.n as number) ?? 1 }, () =>
    b64
      ? { b64_json: PNG.toString('base64'), revised_prompt: 'A cat, revised' }
      : { url: 'https://files.example/img.png', revised_prompt: 'A cat, revised' },
  );
  return ok({ created: 1767225600, data });
}

function transcribe(req: RecordedRequest): FakeReply {
  if (!String(req.headers['content-type']).startsWith('multipart/form-data') || !req.form)
    return fail(
      400,
      "Invalid Content-Type header (application/json), expected multipart/form-data. (HINT: If you're using curl, you can pass -H 'Content-Type: multipart/form-data')",
    );
  for (const k of req.form.keys())
    if (!AUDIO_KEYS.includes(k)) return fail(400, `Unrecognized request argument supplied: ${k}`);
  const file = req.form.get('file');
  if (!(file instanceof File))
    return fail(400, "Missing required parameter: 'file'.", 'invalid_request_error', 'file');
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!AUDIO_EXT.includes(ext))
    return fail(
      400,
      `Invalid file format. Supported formats: ${JSON.stringify(AUDIO_EXT)}`,
      'invalid_request_error',
      'file',
    );
  const model = req.form.get('model');
  if (typeof model !== 'string' || !MODELS.includes(model))
    return fail(400, 'Invalid model', 'invalid_request_error', 'model');
  return ok({ text: `Transcript of ${file.name} (${file.size} bytes)` });
}
