import type { PhoneEvent } from '../core/events.ts';
import { openJournalDb, type JournalDb } from './db.ts';
import { foldIntoCalls, readCalls } from './call-store.ts';
import { endsCall, liveKey, parseLive } from './live-calls.ts';
import { cursorKey, eventRecordSchema, metaKeys, RECORD_VERSION, type EventRecord } from './records.ts';

export const DEFAULT_JOURNAL_NAME = 'cti-softphone-journal';

/** What a read found: the records that parsed, in seq order, and how many were quarantined. */
export interface ReadResult {
  readonly records: readonly EventRecord[];
  readonly quarantined: number;
}

const seqOf = (raw: unknown): number =>
  typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? raw : 1;

/**
 * The event journal's store: events in IndexedDB under a per-browser `seq` that is handed out
 * inside the writing transaction (so two tabs writing at once never share or skip one), read back
 * through zod. The connection closes when another tab needs to upgrade the schema and reopens on
 * the next call. The only code that knows the database's layout.
 */
export class Journal {
  #db: Promise<JournalDb> | undefined;
  #deviceId = '';
  #liveCalls = 0;
  #closed = false;
  /** Records were set aside because they did not parse (the phone says so with an error event). */
  onQuarantine: ((count: number, reason: string) => void) | undefined;
  /** This journal's writer: its live calls are kept under this id (see live-calls.ts). */
  readonly owner = crypto.randomUUID();

  private constructor(
    readonly name: string,
    readonly now: () => number,
  ) {}

  static async open(name = DEFAULT_JOURNAL_NAME, now: () => number = Date.now): Promise<Journal> {
    const journal = new Journal(name, now);
    journal.#deviceId = await journal.#ensureDeviceId();
    return journal;
  }

  get deviceId(): string {
    return this.#deviceId;
  }

  /** The seq the next appended event gets (the phone's stamper starts here). */
  async nextSeq(): Promise<number> {
    return seqOf(await (await this.#conn()).get('meta', metaKeys.nextSeq));
  }

  /**
   * Appends events in their order, in one transaction; resolves with their seqs once committed.
   * `strict` durability: committed to disk before the promise resolves (state-changing events).
   * Each event is stored with the journal's seq; this journal's live calls are kept in the same
   * transaction, so after a crash the journal knows exactly which calls were left open.
   */
  async append(events: readonly PhoneEvent[], durability: 'strict' | 'relaxed'): Promise<number[]> {
    if (events.length === 0) return [];
    const db = await this.#conn();
    const tx = db.transaction(['events', 'meta', 'calls'], 'readwrite', { durability });
    const meta = tx.objectStore('meta');
    // Every read at once (one round trip): the seq, the live calls, the records to fold into.
    const [rawNext, rawLive, calls] = await Promise.all([
      meta.get(metaKeys.nextSeq),
      meta.get(liveKey(this.owner)),
      readCalls(tx.objectStore('calls'), events),
    ]);
    const first = seqOf(rawNext);
    const live = new Set(parseLive(rawLive)?.calls ?? []);
    const store = tx.objectStore('events');
    const stored = events.map((e, i) => ({ ...e, seq: first + i }));
    for (const event of stored) {
      const callId = 'callId' in event && typeof event.callId === 'string' ? event.callId : '';
      void store.put({ v: RECORD_VERSION, seq: event.seq, callId, event });
      if (event.type === 'offer' || event.type === 'dial') live.add(callId);
      else if (endsCall(event)) live.delete(callId);
    }
    void meta.put(first + events.length, metaKeys.nextSeq);
    void meta.put({ owner: this.owner, at: this.now(), calls: [...live] }, liveKey(this.owner));
    await foldIntoCalls(tx.objectStore('calls'), stored, calls);
    await tx.done;
    this.#liveCalls = live.size;
    return stored.map((e) => e.seq);
  }

  /** Calls this journal saw start and not end (its heartbeat runs while there are any). */
  get liveCalls(): number {
    return this.#liveCalls;
  }

  /** Up to `limit` events after `afterSeq`, parsed; a record that does not parse is quarantined. */
  async read(afterSeq: number, limit: number): Promise<ReadResult> {
    const db = await this.#conn();
    const range = IDBKeyRange.lowerBound(afterSeq, true);
    const tx = db.transaction('events');
    const [keys, raw] = await Promise.all([tx.store.getAllKeys(range, limit), tx.store.getAll(range, limit)]);
    const records: EventRecord[] = [];
    const bad: { key: number; raw: unknown; reason: string }[] = [];
    raw.forEach((value: unknown, i) => {
      const parsed = eventRecordSchema.safeParse(value);
      if (parsed.success) records.push(parsed.data);
      else
        bad.push({
          key: keys[i] ?? afterSeq + i + 1,
          raw: value,
          reason: parsed.error.issues[0]?.message ?? 'invalid',
        });
    });
    if (bad.length > 0) await this.quarantine('events', bad);
    return { records, quarantined: bad.length };
  }

  /** Every event of one call, in order. */
  async callEvents(callId: string): Promise<EventRecord[]> {
    const db = await this.#conn();
    const range = IDBKeyRange.bound([callId, 0], [callId, Number.MAX_SAFE_INTEGER]);
    const raw = await db.getAllFromIndex('events', 'by-call', range);
    return raw.flatMap((value: unknown) => {
      const parsed = eventRecordSchema.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** The last seq `sink` acknowledged (0: none yet). */
  async cursor(sink: string): Promise<number> {
    const raw = await (await this.#conn()).get('meta', cursorKey(sink));
    return typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : 0;
  }

  /**
   * Moves `sink`'s cursor to `seq` (never back); `dead` lists refused events to keep as dead
   * letters, in the same transaction, so a crash never loses them nor delivers them twice. Each
   * letter keeps a copy of its event: pruning acknowledged events never makes one unreplayable.
   */
  async advance(
    sink: string,
    seq: number,
    dead: { records: readonly EventRecord[]; reason: string } | undefined,
  ) {
    const db = await this.#conn();
    // A cursor lost in a crash only means a redelivery (at-least-once, same ids): relaxed. A
    // dead letter must not be lost: strict.
    const durability = dead && dead.records.length > 0 ? 'strict' : 'relaxed';
    const tx = db.transaction(['meta', 'dead'], 'readwrite', { durability });
    const current = await tx.objectStore('meta').get(cursorKey(sink));
    if (typeof current !== 'number' || current < seq) void tx.objectStore('meta').put(seq, cursorKey(sink));
    const at = Date.now();
    for (const record of dead?.records ?? [])
      void tx.objectStore('dead').put({ sink, seq: record.seq, reason: dead?.reason ?? '', at, record });
    await tx.done;
  }

  /** How many events are past `sink`'s cursor. */
  async pending(sink: string): Promise<number> {
    const cursor = await this.cursor(sink);
    return (await this.#conn()).count('events', IDBKeyRange.lowerBound(cursor, true));
  }

  /** How many records are quarantined, and how many dead letters `sink` has. */
  async counts(sink?: string): Promise<{ quarantined: number; dead: number }> {
    const db = await this.#conn();
    const range = IDBKeyRange.bound([sink ?? '', 0], [sink ?? '', Number.MAX_SAFE_INTEGER]);
    const [quarantined, dead] = await Promise.all([db.count('quarantine'), db.count('dead', range)]);
    return { quarantined, dead };
  }

  /** The dead letters of `sink`, oldest first. */
  async deadLetters(sink: string) {
    const range = IDBKeyRange.bound([sink, 0], [sink, Number.MAX_SAFE_INTEGER]);
    return (await this.#conn()).getAll('dead', range);
  }

  /** A replayed dead letter was acknowledged: it leaves the list. */
  async forgetDeadLetter(sink: string, seq: number): Promise<void> {
    await (await this.#conn()).delete('dead', [sink, seq]);
  }

  /** Closes for good: a later call rejects instead of quietly reopening the database. */
  async close(): Promise<void> {
    const db = this.#db;
    this.#closed = true;
    this.#db = undefined;
    (await db?.catch(() => undefined))?.close();
  }

  /** Moves records that did not parse out of `store` into the quarantine, and says so. */
  async quarantine(
    store: 'events' | 'calls',
    bad: readonly { key: number | string; raw: unknown; reason: string }[],
  ) {
    const db = await this.#conn();
    const tx = db.transaction([store, 'quarantine'], 'readwrite', { durability: 'strict' });
    for (const b of bad) {
      void tx
        .objectStore('quarantine')
        .add({ store, key: b.key, raw: b.raw, reason: b.reason, at: Date.now() });
      void tx.objectStore(store).delete(b.key as never);
    }
    await tx.done;
    this.onQuarantine?.(bad.length, bad[0]?.reason ?? 'invalid');
  }

  /** The database, for the journal's own modules (live-calls.ts, prune.ts): nobody else. */
  db(): Promise<JournalDb> {
    return this.#conn();
  }

  #conn(): Promise<JournalDb> {
    if (this.#closed) return Promise.reject(new DOMException('the journal is closed', 'InvalidStateError'));
    this.#db ??= openJournalDb(this.name, {
      // Another tab upgrades: let go now, reopen (at the new version) on the next call.
      onBlocking: () => (this.#db = undefined),
      onTerminated: () => (this.#db = undefined),
    });
    return this.#db;
  }

  async #ensureDeviceId(): Promise<string> {
    const db = await this.#conn();
    const tx = db.transaction('meta', 'readwrite');
    const known = await tx.store.get(metaKeys.deviceId);
    const id = typeof known === 'string' && known !== '' ? known : crypto.randomUUID();
    if (id !== known) await tx.store.put(id, metaKeys.deviceId);
    await tx.done;
    return id;
  }
}
