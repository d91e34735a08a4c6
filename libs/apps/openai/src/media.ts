import { defineModule, field, options, userError } from '@integrator/sdk';
import { compact, fileBundle, makeConvert } from '@integrator/apps/app-kit';
import { callOpenAi } from './api';

// Audio uploads are capped at 25 MB by the API.
const MAX_AUDIO_BYTES = 25 * 1024 * 1024;

export const createImage = defineModule({
  key: 'openai-gpt-3:CreateImage',
  label: 'Generate an image',
  description: 'Creates images from a prompt (POST /v1/images/generations); images come back as files.',
  kind: 'action',
  connection: { types: ['openai'] },
  make: { keys: ['openai-gpt-3:GenerateImage'], convert: makeConvert('openai') },
  mapper: {
    model: field.text({ label: 'Model', default: 'dall-e-3', placeholder: 'dall-e-3, gpt-image-1' }),
    prompt: field.text({ label: 'Prompt', required: true, multiline: true }),
    n: field.number({ label: 'Number of images', integer: true, min: 1, max: 10 }),
    size: field.text({ label: 'Size', placeholder: '1024x1024' }),
    quality: field.text({ label: 'Quality', placeholder: 'standard, hd, low, medium, high' }),
    style: field.select({ label: 'Style (dall-e-3)', options: options('vivid', 'natural') }),
    response_format: field.select({
      label: 'Answer as',
      options: options(['b64_json', 'Files'], ['url', 'URLs (valid for an hour)']),
      default: 'b64_json',
      help: 'gpt-image-1 always answers files.',
    }),
  },
  output: {
    sample: { created: 0, images: [{ fileName: 'image-1.png', data: Buffer.from(''), revised_prompt: '' }] },
  },
  run: async ({ http, mapper }) => {
    const model = mapper.model?.trim() || 'dall-e-3';
    // gpt-image-1 rejects response_format: it always answers base64.
    const format = model.startsWith('gpt-image') ? undefined : mapper.response_format;
    const body = compact({
      model,
      prompt: mapper.prompt,
      n: mapper.n,
      size: mapper.size,
      quality: mapper.quality,
      style: mapper.style,
      response_format: format,
    });
    const res = await callOpenAi(
      http,
      { method: 'POST', url: '/v1/images/generations', body: { type: 'json', data: body } },
      { prompt: 'prompt', size: 'size', n: 'n' },
    );
    const answer = res.body as {
      created?: number;
      data?: Array<{ url?: string; b64_json?: string; revised_prompt?: string }>;
    };
    // Base64 never reaches the history: each image becomes a file bundle.
    const images = (answer.data ?? []).map((d, i) =>
      d.b64_json !== undefined
        ? compact({
            fileName: `image-${i + 1}.png`,
            data: Buffer.from(d.b64_json, 'base64'),
            revised_prompt: d.revised_prompt,
          })
        : compact({ url: d.url, revised_prompt: d.revised_prompt }),
    );
    return { created: answer.created, images };
  },
});

export const createTranscription = defineModule({
  key: 'openai-gpt-3:CreateTranscription',
  label: 'Transcribe audio',
  description: 'Turns speech in an audio file into text (POST /v1/audio/transcriptions).',
  kind: 'action',
  connection: { types: ['openai'] },
  make: { convert: makeConvert('openai') },
  mapper: {
    fileName: field.text({
      label: 'File name',
      required: true,
      help: 'Its extension tells the format: mp3, m4a, wav, webm, ogg…',
    }),
    fileData: field.any({ label: 'Data', required: true, help: 'The binary data of another module.' }),
    model: field.text({ label: 'Model', default: 'whisper-1', placeholder: 'whisper-1, gpt-4o-transcribe' }),
    language: field.text({ label: 'Language (ISO-639-1)', placeholder: 'en' }),
    prompt: field.text({ label: 'Prompt', multiline: true }),
    temperature: field.number({ label: 'Temperature', min: 0, max: 1 }),
  },
  output: { sample: { text: 'Hello.' } },
  run: async ({ http, mapper }) => {
    const file = fileBundle(mapper.fileName, mapper.fileData, 'file', MAX_AUDIO_BYTES);
    if (!/\.[a-z0-9]+$/i.test(file.fileName)) throw userError('needs an extension such as .mp3', 'fileName');
    const fields = compact({
      model: mapper.model?.trim() || 'whisper-1',
      language: mapper.language,
      prompt: mapper.prompt,
      temperature: mapper.temperature === undefined ? undefined : String(mapper.temperature),
      response_format: 'json',
    });
    const parts = [
      { name: 'file', value: file.data, filename: file.fileName },
      ...Object.entries(fields).map(([name, value]) => ({ name, value: String(value) })),
    ];
    const res = await callOpenAi(
      http,
      { method: 'POST', url: '/v1/audio/transcriptions', body: { type: 'multipart', parts } },
      { file: 'fileData', model: 'model', language: 'language' },
    );
    return res.body as Record<string, unknown>;
  },
});
