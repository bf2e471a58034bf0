import { api, ApiError, uploadPhoto, type Case } from './api';

// Reports a member or a resident writes are first stored in IndexedDB, then sent; what cannot be sent now
// (no connection, server busy, session ended) stays and is sent later. Each report carries one
// Idempotency-Key from the moment it is written, so a report sent twice (a reply lost on the
// way back) still makes one case: the server replays its first answer.
export interface QueuedReport {
  key: string; // the Idempotency-Key
  body: Record<string, unknown>;
  created: number;
  error?: string; // refused for good (a 4xx other than 401/403/408/429): kept to show, not resent
  photo?: Blob; // sent after the case is made, with its PIN (and the session, for a member)
  code?: string; // set once the case exists: only the photo is left to send
  pin?: string;
}

export type SendOutcome = 'sent' | 'retry' | { failed: string };

const STORE = 'outbox';

function promisify<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function newKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  private db: Promise<IDBDatabase> | null = null;
  private flushing: Promise<{ sent: number; waiting: number }> | null = null;
  private again = false;

  constructor(
    private readonly idb: IDBFactory,
    private readonly name = 'jembatan',
  ) {}

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const req = this.idb.open(this.name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
      this.db = promisify(req);
    }
    return this.db;
  }

  private async tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    const t = db.transaction(STORE, mode);
    const result = promisify(fn(t.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
    return result;
  }

  // `key`: the Idempotency-Key a send already tried with (a form whose link dropped), so that
  // the report kept here and that try make one case. Adding the same key again replaces it.
  async add(body: Record<string, unknown>, now = Date.now(), photo?: Blob, key = newKey()): Promise<QueuedReport> {
    const r: QueuedReport = { key, body, created: now };
    if (photo) r.photo = photo;
    await this.tx('readwrite', (s) => s.put(r));
    return r;
  }

  // Records progress on a report (the case was made, the photo still waits).
  async put(r: QueuedReport): Promise<void> {
    await this.tx('readwrite', (s) => s.put(r));
  }

  async list(): Promise<QueuedReport[]> {
    const all = await this.tx<QueuedReport[]>('readonly', (s) => s.getAll() as IDBRequest<QueuedReport[]>);
    return all.sort((a, b) => a.created - b.created);
  }

  async remove(key: string): Promise<void> {
    await this.tx('readwrite', (s) => s.delete(key));
  }

  async waiting(): Promise<number> {
    return (await this.list()).filter((r) => !r.error).length;
  }

  // Sends every waiting report, oldest first, one at a time. Only one flush runs at a time; a
  // flush asked for while one runs (the connection came back while the last try still hung)
  // runs again right after it, and its caller waits for that second round.
  flush(send: (r: QueuedReport) => Promise<SendOutcome>): Promise<{ sent: number; waiting: number }> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    const rounds = async () => {
      let sent = 0;
      let result: { sent: number; waiting: number };
      do {
        this.again = false;
        result = await this.doFlush(send);
        sent += result.sent;
      } while (this.again);
      return { sent, waiting: result.waiting };
    };
    this.flushing = rounds().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async doFlush(send: (r: QueuedReport) => Promise<SendOutcome>): Promise<{ sent: number; waiting: number }> {
    let sent = 0;
    for (const r of await this.list()) {
      if (r.error) continue;
      const outcome = await send(r);
      if (outcome === 'sent') {
        await this.remove(r.key);
        sent++;
      } else if (outcome === 'retry') {
        break; // no connection or server busy: the rest would fail the same way
      } else {
        await this.tx('readwrite', (s) => s.put({ ...r, error: outcome.failed }));
      }
    }
    return { sent, waiting: await this.waiting() };
  }
}

// How a send attempt's HTTP status decides the report's fate.
export function outcomeOf(status: number, detail: string): SendOutcome {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 401 || status === 403 || status === 408 || status === 429 || status >= 500) return 'retry';
  return { failed: detail };
}

// Sends one report in two steps, each safe to repeat: the case (one Idempotency-Key from the
// moment it was written), then its photo with the case's PIN. Progress is kept in `box`, so a
// photo that could not go yet is sent on the next try without a second case. `created` hears
// of each new case (the member's slip, the resident's receipt); `photoDone` whether its photo
// was stored (a refused photo does not hold the report back: the case itself is made).
export async function sendReport(
  box: Outbox, r: QueuedReport, created: (c: Case, r: QueuedReport) => void,
  photoDone: (code: string, stored: boolean) => void = () => undefined,
): Promise<SendOutcome> {
  if (!r.code) {
    try {
      const c = await api<Case>('/api/v1/cases', { method: 'POST', body: r.body, idempotencyKey: r.key });
      created(c, r);
      r = { ...r, code: c.code, pin: c.pin };
      if (r.photo) await box.put(r);
    } catch (e) {
      if (e instanceof ApiError) return outcomeOf(e.status, e.detail);
      return 'retry'; // no connection
    }
  }
  if (!r.photo) return 'sent';
  try {
    await uploadPhoto(r.code!, r.photo, r.pin);
    photoDone(r.code!, true);
  } catch (e) {
    if (!(e instanceof ApiError)) return 'retry';
    const outcome = outcomeOf(e.status, e.detail);
    if (outcome === 'retry') return 'retry';
    photoDone(r.code!, false);
  }
  return 'sent';
}
