// The one client for the nodes' API. It talks to one node at a time (first the node that served the page);
// when that node stops answering it moves to another member named by the last /cluster/status, tells its
// listeners, and sends the request again there. A write carries an Idempotency-Key, and a resend carries
// the same one, so a write whose answer was lost with the node is applied once (README rule 16).
// Every request carries the tab's API token, if it has one; a 401 asks the person for one (once, however many
// requests got it) and sends the request again with it. A 403 is an answer like any other: the token stays.

/** An RFC 7807 problem the node answered with. */
export class ApiProblem extends Error {
  constructor(status, body) {
    const problem = body && typeof body === 'object' ? body : {};
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || null;
    this.title = problem.title || null;
    this.detail = problem.detail || null;
    this.errors = problem.errors || null;
  }
}

/** No member of the cluster answered. */
export class NoNodeAnswered extends Error {}

const requestTimeoutMs = 10000;
const probeTimeoutMs = 2500;
const unavailableRetries = 3;
const maxUnanswered = 4;

function trimSlash(url) {
  return String(url).replace(/\/+$/, '');
}

export class ApiClient {
  /** tokens: the tab's TokenStore (token-store.js). */
  constructor(baseUrl, tokens) {
    this.baseUrl = trimSlash(baseUrl);
    this.tokens = tokens;
    this.nodeId = null;
    this.members = [];          // [{id, api_url}] from the last /cluster/status
    this.switching = null;      // the failover in progress, shared by every caller that saw the node fail
    this.listeners = new Set();
    this.askForToken = null;    // (problem, refused) => a promise that settles once a token was given
    this.asking = null;         // that question, while it is open, shared by every request that got a 401
  }

  /** listener({kind: 'switched', from, to, fromUrl, toUrl} | {kind: 'unreachable', from}) */
  onChange(listener) {
    this.listeners.add(listener);
  }

  emit(change) {
    for (const listener of this.listeners) listener(change);
  }

  /** Remembers the members a status names, so there is somewhere to go when this node stops answering. */
  learn(status) {
    if (!status || !Array.isArray(status.members)) return;
    this.members = status.members
      .filter(m => m.api_url)
      .map(m => ({ id: m.id || m.api_url, api_url: trimSlash(m.api_url) }));
    if (status.node_id) this.nodeId = status.node_id;
  }

  nameOf(url) {
    return this.members.find(m => m.api_url === url)?.id || url;
  }

  get(path) {
    return this.request('GET', path);
  }

  /** A write: POST, PATCH or DELETE with a JSON body, one Idempotency-Key for every attempt of it. */
  write(method, path, body, idempotencyKey = newIdempotencyKey()) {
    return this.request(method, path, { body, idempotencyKey });
  }

  async request(method, path, { body, idempotencyKey } = {}) {
    let unavailable = 0;
    let unanswered = 0;
    for (;;) {
      const base = this.baseUrl;
      let response;
      try {
        response = await this.authorizedFetch(base + path, {
          method,
          headers: {
            Accept: 'application/json',
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
        }, () => AbortSignal.timeout(requestTimeoutMs));
      } catch (error) {
        // No answer at all (refused, reset, timed out). If the node is gone or frozen, move; either way send
        // again, with the same key.
        if (++unanswered > maxUnanswered) throw new NoNodeAnswered(`No answer to ${method} ${path}: ${error.message}`);
        await this.ensureAnswering(base);
        continue;
      }

      const text = await response.text();
      const json = text ? safeJson(text) : null;
      if (response.ok) return json;

      // A 503 (no leader yet, an election under way) is worth a short wait when the retry is safe: a read,
      // or a write that carries its key.
      if (response.status === 503 && unavailable < unavailableRetries) {
        unavailable++;
        await delay(1000 * (Number(response.headers.get('Retry-After')) || 1));
        continue;
      }
      throw new ApiProblem(response.status, json);
    }
  }

  /**
   * fetch with the tab's token as a bearer. A 401 means no token, or one the nodes do not accept (they share
   * one configuration, so another node would say the same): ask for one and send again. signal() makes each
   * try's own signal, since a try may come minutes after the first, once someone typed a token.
   */
  async authorizedFetch(url, init, signal = () => undefined) {
    for (;;) {
      const token = this.tokens?.get();
      const headers = token ? { ...init.headers, Authorization: `Bearer ${token}` } : init.headers;
      const response = await fetch(url, { ...init, headers, signal: signal() });
      if (response.status !== 401 || !this.askForToken) return response;
      const text = await response.text();
      await this.tokenRefused(new ApiProblem(401, text ? safeJson(text) : null), token);
    }
  }

  tokenRefused(problem, sent) {
    const current = this.tokens.get();
    // Another request got a new token while this one was on its way: try that one first.
    if (current && current !== sent) return Promise.resolve();
    if (sent) this.tokens.forget(); // refused: sending it again would only be refused again
    if (!this.asking) {
      this.asking = this.askForToken(problem, Boolean(sent)).finally(() => { this.asking = null; });
    }
    return this.asking;
  }

  /** Checks that the node at url still answers; if it does not, moves to another. */
  async ensureAnswering(url) {
    if (url !== this.baseUrl) return;
    if (!(await this.statusOf(url))) await this.failover(url);
  }

  /** GET /cluster/status of the current node (and learns its members). A node that misses one status is asked
   *  once more before the page leaves it: a busy node is not a dead one. */
  async status() {
    for (;;) {
      const base = this.baseUrl;
      const status = await this.statusOf(base);
      if (status) {
        this.learn(status);
        return status;
      }
      await this.ensureAnswering(base);
    }
  }

  /** GET a member's /cluster/status; null when it does not answer in time. */
  async statusOf(url) {
    try {
      const response = await this.authorizedFetch(`${url}/cluster/status`, {}, () => AbortSignal.timeout(probeTimeoutMs));
      return response.ok ? await response.json() : null;
    } catch {
      return null;
    }
  }

  /** Moves away from deadUrl to the first other member that answers. One move at a time: every request that
   *  failed on the dead node waits for the same move instead of each picking a node of its own. */
  failover(deadUrl) {
    if (deadUrl !== this.baseUrl) return Promise.resolve();
    if (!this.switching) {
      this.switching = this.moveFrom(deadUrl).finally(() => { this.switching = null; });
    }
    return this.switching;
  }

  async moveFrom(deadUrl) {
    const from = this.nameOf(deadUrl);
    const candidates = this.members.filter(m => m.api_url !== deadUrl);
    for (const candidate of candidates) {
      const status = await this.statusOf(candidate.api_url);
      if (!status) continue;
      this.baseUrl = candidate.api_url;
      this.learn(status);
      this.emit({ kind: 'switched', from, to: status.node_id || candidate.id, fromUrl: deadUrl, toUrl: candidate.api_url });
      return;
    }

    // The dead node may be back (a restart), or every member is down: say so, then let the caller try again.
    if (await this.statusOf(deadUrl)) return;
    this.emit({ kind: 'unreachable', from });
    await delay(2000);
    throw new NoNodeAnswered(`No node of the cluster answers (last tried ${from}).`);
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 300) };
  }
}

/**
 * A fresh UUID for an Idempotency-Key. crypto.randomUUID exists only in a secure context (https, or
 * localhost); a phone that opens a node by its LAN address over http gets one from getRandomValues instead.
 */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function delay(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
