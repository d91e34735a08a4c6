import { createSseParser, type SseFrame } from '../../src/api/sse';

// The event-stream format (WHATWG HTML §9.2): frames end at a blank line, data lines join
// with "\n", comments are ignored, and any line ending may arrive split across chunks.

function parse(chunks: string[]): SseFrame[] {
  const frames: SseFrame[] = [];
  const parser = createSseParser((f) => frames.push(f));
  chunks.forEach((c) => parser.push(c));
  parser.end();
  return frames;
}

describe('SSE parser', () => {
  it('reads frames with their event names, in whatever chunks they arrive', () => {
    const text =
      'event: module.started\ndata: {"a":1}\n\n: keep-alive\n\nevent: execution.finished\ndata: {"b":2}\n\n';
    const whole = parse([text]);
    expect(whole).toEqual([
      { event: 'module.started', data: '{"a":1}' },
      { event: 'execution.finished', data: '{"b":2}' },
    ]);
    // One character at a time gives the same frames.
    expect(parse(text.split(''))).toEqual(whole);
  });

  it('joins data lines, defaults the event to "message", and keeps the last id', () => {
    expect(parse(['id: 7\ndata: first\ndata:second\n\n'])).toEqual([
      { event: 'message', data: 'first\nsecond', id: '7' },
    ]);
  });

  it('accepts CRLF and CR line ends, a CRLF even when split between chunks', () => {
    expect(parse(['data: x\r', '\n\r', '\ndata: y\r\r'])).toEqual([
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('drops a frame the stream ended in the middle of, and frames without data', () => {
    expect(parse(['event: ping\n\ndata: cut off'])).toEqual([]);
  });
});
