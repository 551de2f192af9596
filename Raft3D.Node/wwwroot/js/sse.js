// A streaming parser for text/event-stream, read with fetch rather than EventSource: EventSource cannot
// send headers, and a node that requires a token wants it in the Authorization header, not in the URL. It follows the WHATWG "interpret an
// event stream" rules: CR, LF or CRLF line ends, a leading BOM, comments, multi-line data, and an id that
// persists until changed. A field without a value and an unknown field are ignored as the spec says.

export class SseParser {
  /** onEvent({type, id, data}) is called once per dispatched event; onRetry(ms) for a retry field. */
  constructor(onEvent, onRetry = () => {}) {
    this.onEvent = onEvent;
    this.onRetry = onRetry;
    this.buffer = '';
    this.first = true;
    this.lastEventId = '';
    this.resetEvent();
  }

  resetEvent() {
    this.type = '';
    this.data = [];
    this.hasData = false;
  }

  /** Feeds a decoded chunk; complete lines are interpreted now, a partial line waits for the next chunk. */
  push(text) {
    this.buffer += text;
    if (this.first && this.buffer.length > 0) {
      if (this.buffer.charCodeAt(0) === 0xfeff) this.buffer = this.buffer.slice(1);
      this.first = false;
    }

    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next chunk.
      if (c === '\r' && i === this.buffer.length - 1) break;
      this.line(this.buffer.slice(start, i));
      if (c === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') { this.dispatch(); return; }
    if (line.startsWith(':')) return; // a comment, e.g. the heartbeat
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event': this.type = value; break;
      case 'data': this.data.push(value); this.hasData = true; break;
      case 'id': if (!value.includes('\0')) this.lastEventId = value; break;
      case 'retry': if (/^\d+$/.test(value)) this.onRetry(Number(value)); break;
      default: break;
    }
  }

  dispatch() {
    if (this.hasData) {
      this.onEvent({ type: this.type || 'message', id: this.lastEventId, data: this.data.join('\n') });
    }
    this.resetEvent();
  }
}

/**
 * Reads a fetch Response body to its end, calling onEvent per event. Rejects if the connection breaks, or
 * if nothing at all (not even a heartbeat comment) arrives for idleMs: a frozen node keeps the socket open.
 */
export async function readEventStream(response, { onEvent, onRetry, idleMs }) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser(onEvent, onRetry);
  try {
    for (;;) {
      let timer;
      const idle = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no data for ${idleMs / 1000} s`)), idleMs);
      });
      let result;
      try {
        result = await Promise.race([reader.read(), idle]);
      } finally {
        clearTimeout(timer);
      }
      if (result.done) break;
      parser.push(decoder.decode(result.value, { stream: true }));
    }
    parser.push(decoder.decode());
  } finally {
    // Closes the connection when the stream went quiet, so the node is asked afresh.
    reader.cancel().catch(() => {});
  }
}
