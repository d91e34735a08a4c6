import { createHash, createHmac } from 'node:crypto';
import { toText } from '@integrator/sdk';
import { f, given, isNothing, type CustomFunction } from './make-helpers';

// Make's text and binary functions (help.make.com "Text and binary functions"). Binary data
// is a Buffer, as Make's buffers are; toString turns it back into text.

type Text = string | undefined;

const text = (fn: (s: string) => unknown) => (v: unknown) => (isNothing(v) ? undefined : fn(asText(v)));

/** Text of a value; a buffer is read as UTF-8. */
function asText(v: unknown): string {
  return v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : toText(v);
}

function bytes(v: unknown, encoding?: unknown): Buffer {
  if (v instanceof Uint8Array) return Buffer.from(v);
  const enc = given(encoding) ? toText(encoding).toLowerCase() : 'utf8';
  if (!['utf8', 'utf-8', 'hex', 'base64', 'latin1', 'binary', 'ascii'].includes(enc))
    throw new Error(`toBinary: unknown encoding ${JSON.stringify(encoding)} (hex, base64, utf8 or latin1)`);
  return Buffer.from(asText(v), enc as BufferEncoding);
}

function toBinary(v: unknown, encoding?: unknown): Buffer | undefined {
  return isNothing(v) ? undefined : bytes(v, encoding);
}

// toString(buffer) is its UTF-8 text; toString(buffer; "hex"|"base64") encodes it.
function mtoString(v: unknown, encoding?: unknown): Text {
  if (isNothing(v)) return undefined;
  if (v instanceof Uint8Array)
    return Buffer.from(v).toString(given(encoding) ? (toText(encoding) as BufferEncoding) : 'utf8');
  return toText(v);
}

function hash(algorithm: string, name: string) {
  return (v: unknown, encoding?: unknown, key?: unknown, keyEncoding?: unknown): Text => {
    if (isNothing(v)) return undefined;
    const out = given(encoding) ? toText(encoding).toLowerCase() : 'hex';
    if (!['hex', 'base64', 'latin1'].includes(out))
      throw new Error(
        `${name}: the encoding must be hex, base64 or latin1 (got ${JSON.stringify(encoding)})`,
      );
    const data = v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(toText(v), 'utf8');
    const h = given(key) ? createHmac(algorithm, hmacKey(key, keyEncoding, name)) : createHash(algorithm);
    return h
      .update(data)
      .digest()
      .toString(out as BufferEncoding);
  };
}

function hmacKey(key: unknown, encoding: unknown, name: string): Buffer {
  if (key instanceof Uint8Array) return Buffer.from(key);
  const enc = given(encoding) ? toText(encoding).toLowerCase() : 'text';
  if (enc === 'text') return Buffer.from(toText(key), 'utf8');
  if (enc === 'hex' || enc === 'base64') return Buffer.from(toText(key), enc);
  throw new Error(
    `${name}: the key encoding must be text, hex, base64 or binary (got ${JSON.stringify(encoding)})`,
  );
}

// ascii(text; true) first takes the accents off letters (č -> c), then drops what is not ASCII.
function ascii(v: unknown, removeDiacritics?: unknown): Text {
  if (isNothing(v)) return undefined;
  let s = asText(v);
  if (removeDiacritics === true || toText(removeDiacritics).toLowerCase() === 'true')
    s = s.normalize('NFD').replace(/\p{M}/gu, '');
  return s.replace(/[^\p{ASCII}]/gu, '');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Characters that mean something in Markdown, escaped with a backslash.
const MARKDOWN = /[\\`*_{}[\]()#+\-.!|>~]/g;

// An emoji with its modifiers and joined parts (👍🏽, 👨‍👩‍👧), or a flag (two regional indicators).
const EMOJI =
  /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*\uFE0F?/gu;

// startcase: the first letter of every word in upper case, the other letters in lower case.
const startcase = (s: string) =>
  s.toLowerCase().replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_, b, c) => b + c.toUpperCase());

export const TEXT_FUNCTIONS: CustomFunction[] = [
  f(
    'ascii',
    '<xx?:s>',
    'drops characters that are not ASCII (with true: takes accents off first)',
    ascii as never,
  ),
  f('mbase64', '<x:s>', "Make's base64: text (or a buffer) as base64", ((v: unknown) =>
    isNothing(v) ? undefined : bytes(v).toString('base64')) as never),
  f(
    'escapeHTML',
    '<x:s>',
    'escapes <, >, &, " and \' as HTML entities',
    text((s) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])) as never,
  ),
  f(
    'escapeMarkdown',
    '<x:s>',
    'escapes the characters Markdown gives a meaning with a backslash',
    text((s) => s.replace(MARKDOWN, (c) => `\\${c}`)) as never,
  ),
  f('md5', '<xx?:s>', 'the MD5 hash of a text, hex (or base64, latin1)', hash('md5', 'md5') as never),
  f('sha1', '<xx?x?x?:s>', 'the SHA-1 hash (an HMAC when a key is given)', hash('sha1', 'sha1') as never),
  f(
    'sha256',
    '<xx?x?x?:s>',
    'the SHA-256 hash (an HMAC when a key is given)',
    hash('sha256', 'sha256') as never,
  ),
  f(
    'sha512',
    '<xx?x?x?:s>',
    'the SHA-512 hash (an HMAC when a key is given)',
    hash('sha512', 'sha512') as never,
  ),
  f('replaceEmojiCharacters', '<xx?:s>', 'replaces every emoji with a text (default: nothing)', ((
    v: unknown,
    by?: unknown,
  ) => (isNothing(v) ? undefined : asText(v).replace(EMOJI, given(by) ? toText(by) : ''))) as never),
  f('msplit', '<xx:a>', "Make's split: the pieces of a text between separators", ((
    v: unknown,
    sep: unknown,
  ) => (isNothing(v) ? undefined : asText(v).split(toText(sep)))) as never),
  f(
    'startcase',
    '<x:s>',
    'every word capitalised, the other letters in lower case',
    text(startcase) as never,
  ),
  f('stripHTML', '<x:s>', 'the text without its HTML tags', text((s) => s.replace(/<[^>]*>/g, '')) as never),
  f('toBinary', '<xx?:x>', 'text as binary data (a buffer), read as utf8, hex or base64', toBinary as never),
  f(
    'mtoString',
    '<xx?:s>',
    "Make's toString: any value as text (a buffer decoded as UTF-8)",
    mtoString as never,
  ),
];
