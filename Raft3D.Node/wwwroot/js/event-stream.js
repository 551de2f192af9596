// Keeps one event stream open to the node the API client is using. It remembers the id of the last event
// it saw and resumes with ?since=<the index before it> after any break, on the same node or, when that node stopped
// answering, on the one the API client moved to; the node replays what was missed, or says reset.
// ?since= rather than the Last-Event-ID header: a GET without custom headers needs no CORS preflight when
// the stream crosses to another member's origin (with a token, its Authorization header needs one anyway).

import { readEventStream } from './sse.js';
import { delay } from './api.js';

// The node sends a heartbeat comment every 15 s; twice that and more with no byte means it froze.
const idleMs = 35000;

// A frozen node (stopped, not dead) accepts the connection and never answers: without a limit on the wait for
// the headers, the page would wait on it for ever while its reads and writes have moved on.
const connectTimeoutMs = 10000;

export class EventStreamClient {
  /** handlers: {onEvent(type, data, id), onReset(data, id), onCluster(data), onState(state, detail)} */
  constructor(api, handlers) {
    this.api = api;
    this.handlers = handlers;
    this.lastEventId = null;
    this.retryMs = 1000;
  }

  /** Where to resume: events after this log index. Set before start when the lists were read at a known index. */
  resumeAfter(index) {
    this.lastEventId = String(index);
  }

  /** Runs for the life of the page: a broken stream is always resumed, here or on another node. */
  async start() {
    for (;;) {
      const base = this.api.baseUrl;
      try {
        const query = this.lastEventId !== null ? `?since=${encodeURIComponent(this.lastEventId)}` : '';
        // The limit covers the wait for the headers only (each try's own, if a token had to be asked for first):
        // the body is a stream that lasts as long as the page.
        let timer;
        const connecting = () => {
          clearTimeout(timer);
          const controller = new AbortController();
          timer = setTimeout(() => controller.abort(new Error(`no answer in ${connectTimeoutMs / 1000} s`)), connectTimeoutMs);
          return controller.signal;
        };
        let response;
        try {
          response = await this.api.authorizedFetch(`${base}/api/v1/events${query}`, { headers: { Accept: 'text/event-stream' }, cache: 'no-store' }, connecting);
        } finally {
          clearTimeout(timer);
        }
        if (!response.ok || !response.body) {
          // The node answers but has no stream (an older release): the caller falls back to polling.
          this.handlers.onState('unavailable', `HTTP ${response.status}`);
          await delay(15000);
          continue;
        }
        this.handlers.onState('open', base);
        await readEventStream(response, {
          onEvent: event => this.dispatch(event),
          onRetry: ms => { this.retryMs = Math.min(Math.max(ms, 250), 30000); },
          idleMs,
        });
        // The node closed the stream (it fell us behind its buffer, or it is stopping): resume below.
        this.handlers.onState('closed', base);
      } catch (error) {
        this.handlers.onState('broken', error.message);
      }

      await delay(this.retryMs);
      try {
        await this.api.ensureAnswering(base);
      } catch {
        // No node answers; the API client has said so. Keep trying.
      }
    }
  }

  dispatch(event) {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return; // not ours to guess at
    }
    if (event.type === 'cluster') {
      this.handlers.onCluster(data);
      return;
    }
    // Resume from just before an entry's index, not after it: a stream cut inside an entry (a dropped slow
    // client, a network cut) has only some of its events, and resuming after its index would lose the rest.
    // The events of that entry come again, and the version check makes them change nothing. A reset's index
    // is where the events that follow start, so it is kept as it is.
    if (event.id !== '') this.lastEventId = event.type === 'reset' ? event.id : String(Math.max(0, Number(event.id) - 1));
    if (event.type === 'reset') this.handlers.onReset(data, event.id);
    else this.handlers.onEvent(event.type, data, event.id);
  }
}
