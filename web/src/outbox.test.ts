import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Outbox, outcomeOf, type QueuedReport, type SendOutcome } from './outbox';

let n = 0;
const fresh = () => new Outbox(indexedDB, `test-${++n}`);

describe('Outbox', () => {
  it('keeps reports until they are sent, oldest first, each with its own key', async () => {
    const box = fresh();
    const a = await box.add({ body: 'first' }, 1);
    const b = await box.add({ body: 'second' }, 2);
    expect(a.key).not.toEqual(b.key);
    expect(await box.waiting()).toBe(2);
    const seen: string[] = [];
    const r = await box.flush(async (q) => {
      seen.push(q.key);
      return 'sent';
    });
    expect(r).toEqual({ sent: 2, waiting: 0 });
    expect(seen).toEqual([a.key, b.key]);
    expect(await box.list()).toEqual([]);
  });

  it('runs again when a flush is asked for while one is still trying', async () => {
    const box = fresh();
    await box.add({ body: 'one' }, 1);
    let release: (o: SendOutcome) => void = () => undefined;
    let started: () => void = () => undefined;
    const hanging = new Promise<void>((ok) => { started = ok; });
    let calls = 0;
    const send = (): Promise<SendOutcome> => {
      calls++;
      if (calls > 1) return Promise.resolve('sent');
      started();
      return new Promise((ok) => { release = ok; }); // a try that hangs offline
    };
    const first = box.flush(send);
    await hanging;
    const second = box.flush(send); // the connection came back meanwhile
    release('retry');
    expect(await second).toEqual({ sent: 1, waiting: 0 });
    expect(await first).toEqual({ sent: 1, waiting: 0 });
    expect(calls).toBe(2);
  });

  it('stops at the first report that cannot be sent now and resends it later with the same key', async () => {
    const box = fresh();
    const a = await box.add({ body: 'one' }, 1);
    await box.add({ body: 'two' }, 2);
    const offline = await box.flush(async () => 'retry');
    expect(offline).toEqual({ sent: 0, waiting: 2 });
    const keys: string[] = [];
    await box.flush(async (q) => {
      keys.push(q.key);
      return 'sent';
    });
    expect(keys[0]).toBe(a.key);
    expect(await box.waiting()).toBe(0);
  });

  it('keeps a refused report with its reason and does not resend it', async () => {
    const box = fresh();
    await box.add({ body: '' }, 1);
    const calls: QueuedReport[] = [];
    const send = async (q: QueuedReport): Promise<SendOutcome> => {
      calls.push(q);
      return { failed: 'body is required' };
    };
    expect(await box.flush(send)).toEqual({ sent: 0, waiting: 0 });
    await box.flush(send);
    expect(calls.length).toBe(1);
    expect((await box.list())[0].error).toBe('body is required');
  });

  it('runs one flush at a time, so a report is not sent twice at once', async () => {
    const box = fresh();
    await box.add({ body: 'x' }, 1);
    let sends = 0;
    const send = async (): Promise<SendOutcome> => {
      sends++;
      await new Promise((r) => setTimeout(r, 10));
      return 'sent';
    };
    await Promise.all([box.flush(send), box.flush(send)]);
    expect(sends).toBe(1);
  });
});

describe('outcomeOf', () => {
  it('retries what may work later and drops what never will', () => {
    expect(outcomeOf(201, '')).toBe('sent');
    expect(outcomeOf(200, '')).toBe('sent'); // an idempotent replay
    for (const s of [401, 403, 408, 429, 500, 503]) expect(outcomeOf(s, 'x')).toBe('retry');
    expect(outcomeOf(400, 'bad')).toEqual({ failed: 'bad' });
    expect(outcomeOf(422, 'unknown unit')).toEqual({ failed: 'unknown unit' });
  });
});
