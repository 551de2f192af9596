// The API token this tab uses, for nodes that require one. It lives in sessionStorage: gone when the tab is
// closed, never shared with other tabs, never in localStorage (which outlives the session) and never in a URL
// (which history, logs and Referer headers keep). A page that is never asked for a token never stores one.

const key = 'raft3d.token';

export class TokenStore {
  constructor(storage = sessionStorageOrNull()) {
    this.storage = storage;
    this.memory = null; // when the browser refuses storage (a sandboxed frame): this page load only
  }

  get() {
    try {
      return this.storage?.getItem(key) ?? this.memory;
    } catch {
      return this.memory;
    }
  }

  set(token) {
    this.memory = token;
    try {
      this.storage?.setItem(key, token);
    } catch {
      // Kept in memory only.
    }
  }

  forget() {
    this.memory = null;
    try {
      this.storage?.removeItem(key);
    } catch {
      // Nothing stored.
    }
  }
}

/** A token a header can carry: printable ASCII without spaces. fetch throws on anything else. */
export function isWellFormedToken(token) {
  return /^[\x21-\x7e]+$/.test(token);
}

function sessionStorageOrNull() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
