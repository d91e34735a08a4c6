import { createHttpClient, FakeClock } from '@integrator/engine';
import {
  appHarness,
  errorOf,
  importMake,
  output,
  type AppHarness,
} from '../../../../test/support/app-harness';
import { openAiApp, openAiConnectionType } from '../src';
import { createImage } from '../src/media';
import { KEY, ORG, PNG, startFakeOpenAi } from './fake-openai';
import type { FakeServer } from '../../../../test/support/app-harness';

let fake: FakeServer;
let h: AppHarness;
beforeEach(async () => {
  fake = await startFakeOpenAi();
  h = appHarness(openAiApp, () => ({ apiKey: KEY, organization: ORG, baseUrl: fake.url }));
});
afterEach(() => fake.close());

test('connection: Bearer key and OpenAI-Organization, verified with GET /v1/models; a wrong key names apiKey without showing it', async () => {
  const verify = (apiKey: string) => {
    const credentials = { apiKey, organization: ORG, baseUrl: fake.url };
    const http = createHttpClient({
      connection: { id: 1, type: 'openai', credentials },
      connectionType: openAiConnectionType,
      clock: new FakeClock(0, { autoAdvance: true }),
    });
    return openAiConnectionType.verify!({ credentials, http });
  };
  await expect(verify(KEY)).resolves.toBeUndefined();
  expect(fake.requests[0]).toMatchObject({
    url: '/v1/models',
    headers: { authorization: `Bearer ${KEY}`, 'openai-organization': ORG },
  });
  const err = (await verify('sk-wrong-key-000').catch((e: unknown) => e)) as Error;
  expect(err).toMatchObject({ type: 'AccountValidationError', field: 'apiKey' });
  expect(err.message).not.toContain('sk-wrong-key-000');
});

describe('openai-gpt-3:CreateCompletion', () => {
  test('posts Make’s fields as /v1/chat/completions and answers result beside the API’s answer', async () => {
    const result = await h.run(
      'openai-gpt-3:CreateCompletion',
      {
        select: 'chat',
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi {{1.name}}' },
        ],
        max_tokens: 100,
        temperature: 0.5,
        top_p: 1,
        n_completions: 2,
        presence_penalty: 0.1,
        frequency_penalty: 0.2,
      },
      { input: { name: 'Bo' } },
    );
    expect(output(result)).toMatchObject({
      result: 'You said: Hi Bo',
      id: 'chatcmpl-fake1',
      usage: { total_tokens: 15 },
    });
    expect(fake.requests[0].json).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi Bo' },
      ],
      max_tokens: 100,
      temperature: 0.5,
      top_p: 1,
      n: 2,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
    });
  });

  test('a JSON schema response format is sent as OpenAI wants it and the answer is parsed', async () => {
    const schema = {
      type: 'object',
      properties: { echo: { type: 'string' } },
      required: ['echo'],
      additionalProperties: false,
    };
    const result = await h.run('openai-gpt-3:CreateCompletion', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      response_format: 'json_schema',
      json_schema: JSON.stringify(schema),
    });
    expect(output(result).resultJson).toEqual({ echo: 'x' });
    expect((fake.requests[0].json as Record<string, unknown>).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema, strict: true },
    });
    const missing = await h.run('openai-gpt-3:CreateCompletion', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      response_format: 'json_schema',
    });
    expect(errorOf(missing).field).toBe('json_schema');
  });

  test('OpenAI’s errors name the field: param n is n_completions; an unknown model is a user error', async () => {
    const n = await h.run(
      'openai-gpt-3:CreateCompletion',
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], n_completions: '{{1.n}}' },
      { input: { n: 129 } },
    );
    // Our own field check stops it before sending.
    expect(errorOf(n).message).toContain('n_completions');
    expect(fake.requests).toHaveLength(0);
    fake.failNext(400, {
      error: {
        message: "129 is greater than the maximum of 128 - 'n'",
        type: 'invalid_request_error',
        param: 'n',
        code: null,
      },
    });
    const fromApi = await h.run('openai-gpt-3:CreateCompletion', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(errorOf(fromApi)).toMatchObject({ type: 'DataError', field: 'n_completions' });
    const model = await h.run('openai-gpt-3:CreateCompletion', {
      model: 'gpt-9',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(errorOf(model)).toMatchObject({
      type: 'DataError',
      message: expect.stringContaining('does not exist'),
    });
  });

  test('a 429 waits for Retry-After; insufficient_quota is not a rate limit', async () => {
    fake.failNext(
      429,
      {
        error: {
          message: 'Rate limit reached for requests',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
      { 'retry-after': '7' },
    );
    const start = h.clock.now();
    const ok = await h.run('openai-gpt-3:CreateCompletion', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(ok.status).toBe('success');
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(7000);
    for (let i = 0; i < 5; i++)
      fake.failNext(429, {
        error: {
          message: 'You exceeded your current quota',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      });
    const quota = await h.run('openai-gpt-3:CreateCompletion', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(errorOf(quota)).toMatchObject({ type: 'DataError', message: expect.stringContaining('quota') });
  });

  test('a 5xx is a retryable connection error', async () => {
    for (let i = 0; i < 5; i++)
      fake.failNext(500, {
        error: { message: 'The server had an error', type: 'server_error', param: null, code: null },
      });
    const result = await h.run('openai-gpt-3:CreateCompletion', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(errorOf(result)).toMatchObject({ type: 'ConnectionError' });
  });
});

describe('images and audio', () => {
  test('generated images come back as file bundles, never base64', async () => {
    const result = await h.run('openai-gpt-3:CreateImage', {
      model: 'gpt-image-1',
      prompt: 'A cat',
      size: '1024x1024',
      n: 2,
    });
    // The run's record shows the file as Make does (IMTBuffer), not as base64.
    const out = output(result) as { images: Array<{ fileName: string; data: unknown }> };
    expect(out.images).toHaveLength(2);
    expect(out.images[0]).toMatchObject({
      fileName: 'image-1.png',
      revised_prompt: 'A cat, revised',
      data: expect.stringMatching(/^IMTBuffer\(11, binary/),
    });
    expect(JSON.stringify(result)).not.toContain(PNG.toString('base64'));
    // The bundle itself carries the bytes, for the next module (an upload, say).
    const next = await h.run(
      'openai-gpt-3:CreateTranscription',
      { fileName: 'x.mp3', fileData: '{{1.img.data}}' },
      { input: { img: { data: PNG } } },
    );
    expect(output(next).text).toBe('Transcript of x.mp3 (11 bytes)');
    const http = createHttpClient({
      connection: { id: 1, type: 'openai', credentials: { apiKey: KEY, baseUrl: fake.url } },
      connectionType: openAiConnectionType,
      clock: h.clock,
    });
    const direct = (await createImage.run!({
      http,
      mapper: { model: 'gpt-image-1', prompt: 'A cat' },
    } as never)) as { images: Array<{ data: Buffer }> };
    expect(Buffer.from(direct.images[0].data)).toEqual(PNG);
    expect(fake.requests[0].json).toEqual({ model: 'gpt-image-1', prompt: 'A cat', size: '1024x1024', n: 2 });
    const urls = await h.run('openai-gpt-3:CreateImage', { prompt: 'A dog', response_format: 'url' });
    expect(output(urls)).toMatchObject({ images: [{ url: 'https://files.example/img.png' }] });
  });

  test('transcription uploads the file bundle as multipart', async () => {
    const audio = Buffer.from('ID3\u0003fake-mp3-bytes');
    const result = await h.run(
      'openai-gpt-3:CreateTranscription',
      { fileName: '{{1.f.fileName}}', fileData: '{{1.f.data}}', model: 'whisper-1', language: 'en' },
      { input: { f: { fileName: 'memo.mp3', data: audio } } },
    );
    expect(output(result)).toEqual({ text: `Transcript of memo.mp3 (${audio.length} bytes)` });
    const form = fake.requests[0].form!;
    expect(Buffer.from(await (form.get('file') as File).arrayBuffer())).toEqual(audio);
    expect([...form.keys()]).toEqual(['file', 'model', 'language', 'response_format']);
    const wrong = await h.run('openai-gpt-3:CreateTranscription', {
      fileName: 'memo.txt',
      fileData: 'hello',
    });
    expect(errorOf(wrong)).toMatchObject({
      field: 'fileData',
      message: expect.stringContaining('Invalid file format'),
    });
    const big = await h.run(
      'openai-gpt-3:CreateTranscription',
      { fileName: 'a.mp3', fileData: '{{1.d}}' },
      { input: { d: Buffer.alloc(25 * 1024 * 1024 + 1) } },
    );
    expect(errorOf(big)).toMatchObject({ type: 'MaxFileSizeExceededError' });
  });
});

test('Make an API call adds the key and organization and refuses to override them', async () => {
  expect(output(await h.run('openai-gpt-3:makeApiCall', { url: '/v1/models' }))).toMatchObject({
    statusCode: 200,
    body: { object: 'list' },
  });
  const override = await h.run('openai-gpt-3:makeApiCall', {
    url: '/v1/models',
    headers: [{ key: 'OpenAI-Organization', value: 'org-x' }],
  });
  expect(errorOf(override).field).toBe('headers[0].key');
});

describe('Make import', () => {
  test.each([
    [
      'openai-gpt-3:CreateCompletion',
      {
        select: 'chat',
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: '{{1.text}}' }],
        max_tokens: '500',
        temperature: '1',
        top_p: '1',
        n_completions: '1',
        response_format: 'text',
        presence_penalty: 0,
        frequency_penalty: 0,
      },
      'openai-gpt-3:CreateCompletion',
    ],
    [
      'openai-gpt-3:CreateTranscription',
      { model: 'whisper-1', fileName: '{{19.fileName}}', fileData: '{{19.data}}' },
      'openai-gpt-3:CreateTranscription',
    ],
    [
      'openai-gpt-3:CreateImage',
      { model: 'dall-e-3', prompt: 'x', size: '1024x1024' },
      'openai-gpt-3:CreateImage',
    ],
    ['openai-gpt-3:makeApiCall', { url: '/v1/models', method: 'GET' }, 'openai-gpt-3:makeApiCall'],
  ])('%s imports as %s', (module, mapper, ours) => {
    const { blueprint, report } = importMake(openAiApp, { module, parameters: { __IMTCONN__: 3 }, mapper });
    expect(report.format).toBe('make');
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[0]).toMatchObject({ module: ours, mapper });
    expect(report.connectionsToChoose[0]).toMatchObject({ id: 1, types: ['openai'] });
  });
});
