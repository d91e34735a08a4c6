// A Server-Sent Events parser for streams read with fetch (an EventSource cannot send the
// bearer token). Text goes in as it arrives, in chunks of any size; a frame comes out at each
// blank line. Follows the WHATWG event-stream format: `event:`, `data:` (joined with "\n"),
// `id:`, comment lines starting with ":", and any of CRLF, LF or CR as line ends.

export interface SseFrame {
  event: string;
  data: string;
  id?: string;
}

export interface SseParser {
  push(text: string): void;
  /** The stream ended: a frame without its closing blank line is dropped, as the format says. */
  end(): void;
}

export function createSseParser(onFrame: (frame: SseFrame) => void): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
  let pendingCr = false;

  const dispatch = () => {
    if (data.length)
      onFrame({ event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
    event = '';
    data = [];
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  };

  return {
    push(text: string) {
      if (pendingCr && text.startsWith('\n')) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      const parts = buffer.split(/\r\n|\n|\r/);
      buffer = parts.pop() ?? '';
      if (buffer === '' && text.endsWith('\r')) pendingCr = true;
      for (const part of parts) line(part);
    },
    end() {
      buffer = '';
      event = '';
      data = [];
    },
  };
}
