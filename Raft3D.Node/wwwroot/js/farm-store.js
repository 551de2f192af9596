// What the page knows of the farm: printers, spools and jobs by id, and the ledgers of the spools being
// looked at. Lists come from the API; events keep them current. An entity's version is the log index of its
// last change, so an event is applied only when its version is at least the one held: a replayed or late
// event never undoes a newer one. (A spool event whose only change is reserved grams keeps its version,
// hence "at least", not "greater".)

const paths = {
  printer: '/api/v1/printers',
  filament: '/api/v1/filaments?include_archived=true',
  print_job: '/api/v1/print_jobs',
};

export class FarmStore {
  constructor(api) {
    this.api = api;
    this.printers = new Map();
    this.filaments = new Map();
    this.jobs = new Map();
    this.deletedPrinters = new Map(); // id → version of the delete, so a late copy cannot bring it back
    this.ledgers = new Map();         // filament id → Map(sequence → entry), only for spools on screen
    this.listeners = new Set();
    this.reloading = null;
    this.buffer = null;
    this.loaded = false;
  }

  /** listener(kind): kind is 'printer', 'filament', 'print_job', 'ledger' or 'all'. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(kind) {
    for (const listener of this.listeners) listener(kind);
  }

  /**
   * Replaces every list with a fresh read. Events that arrive meanwhile are held and applied after the lists,
   * in stream order: the lists may be older or newer than any of them, and the version check sorts that out
   * for every kind; for a spool's reserved grams the last event of it is also the newest state.
   */
  reload() {
    if (!this.reloading) {
      this.reloading = this.readLists().finally(() => { this.reloading = null; });
    }
    return this.reloading;
  }

  async readLists() {
    this.buffer = [];
    try {
      const [printers, filaments, jobs] = await Promise.all([
        this.api.get(paths.printer), this.api.get(paths.filament), this.api.get(paths.print_job)]);
      this.printers = byId(printers);
      this.filaments = byId(filaments);
      this.jobs = byId(jobs);
      this.deletedPrinters.clear();
      for (const id of [...this.ledgers.keys()]) {
        try {
          await this.readLedger(id);
        } catch (error) {
          // A spool that does not exist has no ledger to keep; it must not stop the lists from loading.
          if (error?.status === 404) this.ledgers.delete(id);
          else throw error;
        }
      }
      const held = this.buffer;
      this.buffer = null;
      for (const event of held) this.applyNow(event.type, event.data);
      this.loaded = true;
    } finally {
      this.buffer = null;
    }
    this.notify('all');
  }

  /**
   * Sends a write and applies the entity it answers with (the same JSON an event carries), so the page shows
   * its own change at once; the event that follows has the same version and changes nothing.
   */
  async write(type, method, path, body, idempotencyKey) {
    const result = await this.api.write(method, path, body, idempotencyKey);
    if (result) this.apply(type, result);
    return result;
  }

  /** Applies one entity event from the stream (type is the SSE event name, data its parsed JSON). */
  apply(type, data) {
    if (this.buffer) {
      this.buffer.push({ type, data });
      return;
    }
    if (this.applyNow(type, data)) this.notify(type);
  }

  applyNow(type, data) {
    if (!data || typeof data !== 'object' || data.id === undefined && type !== 'ledger') return false;
    switch (type) {
      case 'printer': return this.applyPrinter(data);
      case 'filament': return newer(this.filaments, data);
      case 'print_job': return newer(this.jobs, data);
      case 'ledger': return this.applyLedger(data);
      default: return false;
    }
  }

  applyPrinter(data) {
    const gone = this.deletedPrinters.get(data.id);
    if (gone !== undefined && data.version <= gone) return false;
    if (data.deleted) {
      const held = this.printers.get(data.id);
      if (held && held.version > data.version) return false;
      this.printers.delete(data.id);
      this.deletedPrinters.set(data.id, data.version);
      return true;
    }
    return newer(this.printers, data);
  }

  applyLedger(entry) {
    const ledger = this.ledgers.get(entry.filament_id);
    if (!ledger) return false;
    ledger.set(entry.sequence, entry); // entries are never edited: one per sequence
    return true;
  }

  /** Starts keeping a spool's ledger current; its rows, oldest first. */
  async watchLedger(filamentId) {
    if (!this.ledgers.has(filamentId)) this.ledgers.set(filamentId, new Map());
    try {
      await this.readLedger(filamentId);
    } catch (error) {
      if (error?.status === 404) this.ledgers.delete(filamentId);
      throw error;
    }
    this.notify('ledger');
    return this.ledger(filamentId);
  }

  unwatchLedger(filamentId) {
    this.ledgers.delete(filamentId);
  }

  async readLedger(filamentId) {
    const rows = await this.api.get(`/api/v1/filaments/${encodeURIComponent(filamentId)}/ledger`);
    const ledger = this.ledgers.get(filamentId);
    if (!ledger) return;
    for (const row of rows || []) ledger.set(row.sequence, row);
  }

  ledger(filamentId) {
    return [...(this.ledgers.get(filamentId)?.values() || [])].sort((a, b) => a.sequence - b.sequence);
  }

  /** Printers in the order the farm created them (the API's list order, then new ones as they come). */
  printerList() {
    return [...this.printers.values()];
  }

  /** Spools in use (archived ones are kept for their history, not shown on the board). */
  filamentList() {
    return [...this.filaments.values()].filter(f => !f.archived);
  }

  jobList() {
    return [...this.jobs.values()];
  }
}

function byId(list) {
  return new Map((list || []).map(item => [item.id, item]));
}

function newer(map, data) {
  const held = map.get(data.id);
  if (held && Number(data.version) < Number(held.version)) return false;
  map.set(data.id, data);
  return true;
}
