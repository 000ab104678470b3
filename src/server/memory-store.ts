import { err, ok } from '../core/result.ts';
import { entryKey, PoolCursor, type AllocateRequest, type CacheStore, type StoreResult } from './store.ts';

interface Entry {
  readonly value: string;
  /** What this entry counts against the byte budget: its key and value, UTF-8. */
  readonly bytes: number;
  /** On the store's monotonic clock, in ms. */
  readonly expiresAt: number;
  timer: NodeJS.Timeout | undefined;
}

export interface MemoryStoreOptions {
  readonly maxEntries: number;
  /** Budget for the stored keys and values (UTF-8 bytes); full → 503 store_full. */
  readonly maxBytes: number;
  /** Monotonic milliseconds; injectable so tests can step time. */
  readonly now?: () => number;
}

/** Retry-After hint when the store is full: entries free up as TTLs run out. */
const FULL_RETRY_MS = 1000;

/**
 * In-process store (one service instance). Expiry is checked on every read,
 * so an entry is never returned after its TTL even if its timer is late, and
 * a per-entry timer removes it so memory does not hold dead entries.
 */
export class MemoryStore implements CacheStore {
  readonly kind = 'memory';
  readonly #entries = new Map<string, Entry>();
  readonly #cursor = new PoolCursor();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  /** Running total of the bytes of every held entry. */
  #bytes = 0;
  readonly #now: () => number;
  #closed = false;

  constructor(options: MemoryStoreOptions) {
    this.#maxEntries = options.maxEntries;
    this.#maxBytes = options.maxBytes;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Entries held, including any expired one whose timer has not run yet. */
  get size(): number {
    return this.#entries.size;
  }

  /** Bytes held (keys and values), including expired entries not swept yet. */
  get bytes(): number {
    return this.#bytes;
  }

  async allocate(req: AllocateRequest): Promise<StoreResult<{ dnis: string }>> {
    if (this.#closed) return err({ kind: 'unavailable', reason: 'store closed' });
    const now = this.#now();
    const n = req.pool.length;
    const start = this.#cursor.start(req.pool);
    let soonest = Number.POSITIVE_INFINITY;
    // Synchronous from check to set: nothing else runs in between, so this is atomic.
    for (let i = 0; i < n; i++) {
      const dnis = req.pool[(start + i) % n];
      if (dnis === undefined) continue;
      const key = entryKey(dnis, req.ani);
      const live = this.#live(key, now);
      if (live !== undefined) {
        soonest = Math.min(soonest, live.expiresAt - now);
        continue;
      }
      const bytes = Buffer.byteLength(key) + Buffer.byteLength(req.value);
      if (this.#entries.size >= this.#maxEntries || this.#bytes + bytes > this.#maxBytes)
        return err({ kind: 'full', retryAfterMs: FULL_RETRY_MS });
      this.#set(key, req.value, bytes, now + req.ttlMs, req.ttlMs);
      return ok({ dnis });
    }
    return err({
      kind: 'pool-exhausted',
      retryAfterMs: Number.isFinite(soonest) ? Math.ceil(soonest) : FULL_RETRY_MS,
    });
  }

  async get(key: string): Promise<StoreResult<string | undefined>> {
    if (this.#closed) return err({ kind: 'unavailable', reason: 'store closed' });
    return ok(this.#live(key, this.#now())?.value);
  }

  async getAndDelete(key: string): Promise<StoreResult<string | undefined>> {
    if (this.#closed) return err({ kind: 'unavailable', reason: 'store closed' });
    const live = this.#live(key, this.#now());
    if (live !== undefined) this.#remove(key, live);
    return ok(live?.value);
  }

  async ping(): Promise<StoreResult<void>> {
    return this.#closed ? err({ kind: 'unavailable', reason: 'store closed' }) : ok(undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const entry of this.#entries.values()) clearTimeout(entry.timer);
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** The entry if it is live; an expired one is removed on the spot (no resurrection). */
  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return entry;
    this.#remove(key, entry);
    return undefined;
  }

  #set(key: string, value: string, bytes: number, expiresAt: number, ttlMs: number): void {
    const entry: Entry = { value, bytes, expiresAt, timer: undefined };
    this.#entries.set(key, entry);
    this.#bytes += bytes;
    this.#schedule(key, entry, ttlMs);
  }

  #schedule(key: string, entry: Entry, delayMs: number): void {
    entry.timer = setTimeout(() => this.#sweep(key, entry), delayMs);
    entry.timer.unref();
  }

  /** Timers may fire a little early (libuv caches loop time): re-arm until really due. */
  #sweep(key: string, entry: Entry): void {
    if (this.#entries.get(key) !== entry) return;
    const remaining = entry.expiresAt - this.#now();
    if (remaining > 0) this.#schedule(key, entry, Math.ceil(remaining));
    else this.#remove(key, entry);
  }

  #remove(key: string, entry: Entry): void {
    clearTimeout(entry.timer);
    if (this.#entries.get(key) !== entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
