import { err, ok } from '../core/result.ts';
import { RedisConnection, type StoreLog } from './redis-connection.ts';
import {
  ALLOCATE,
  ALLOCATE_CHUNK,
  AllocateReplySchema,
  RELEASE,
  runScript,
  TAKE,
  TakeReplySchema,
} from './redis-scripts.ts';
import { entryKey, PoolCursor, type AllocateRequest, type CacheStore, type StoreResult } from './store.ts';

export { reconnectDelay, type StoreLog } from './redis-connection.ts';

export interface RedisStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
  /** Each request's Redis work fails after this long, so a hung Redis answers 503 quickly. */
  readonly commandTimeoutMs: number;
  /** How long create waits for the first connection before starting anyway (not ready). */
  readonly connectWaitMs?: number;
  /** No reply for this long replaces the connection (default max(1000, 3 × commandTimeoutMs)). */
  readonly livenessMs?: number;
  readonly log?: StoreLog;
}

const unavailable = (e: unknown) =>
  err({
    kind: 'unavailable',
    reason: e instanceof Error ? `${e.name}: ${e.message}` : 'redis error',
  } as const);

export class RedisTimeoutError extends Error {
  override readonly name = 'RedisTimeoutError';
}

const timedOut = (ms: number) => unavailable(new RedisTimeoutError(`no answer within ${ms} ms`));

/**
 * Shared store: several service instances behind a load balancer use one Redis.
 * A request that answered 503 leaves Redis as it was: its work stops at the
 * deadline, and a write whose reply came too late is undone (see #deadline).
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis';
  readonly #conn: RedisConnection;
  readonly #prefix: string;
  readonly #cursor = new PoolCursor();
  readonly #timeoutMs: number;
  readonly #log: StoreLog | undefined;

  private constructor(conn: RedisConnection, options: RedisStoreOptions) {
    this.#conn = conn;
    this.#prefix = options.keyPrefix;
    this.#timeoutMs = options.commandTimeoutMs;
    this.#log = options.log;
  }

  /** Connects in the background; resolves once connected or after connectWaitMs. */
  static async create(options: RedisStoreOptions): Promise<RedisStore> {
    const conn = new RedisConnection({
      url: options.url,
      livenessMs: options.livenessMs ?? Math.max(1000, 3 * options.commandTimeoutMs),
      log: options.log,
    });
    const store = new RedisStore(conn, options);
    const connected = conn.connect().then(
      () => undefined,
      () => undefined, // only rejects when closed meanwhile
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.connectWaitMs ?? 2000);
    });
    await Promise.race([connected, waited]);
    clearTimeout(timer);
    return store;
  }

  get isReady(): boolean {
    return this.#conn.isReady;
  }

  /** How many times a stalled connection was replaced. */
  get reconnects(): number {
    return this.#conn.replaced;
  }

  allocate(req: AllocateRequest): Promise<StoreResult<{ dnis: string }>> {
    return this.#deadline((signal) => this.#allocate(req, signal));
  }

  async #allocate(req: AllocateRequest, signal: AbortSignal): Promise<StoreResult<{ dnis: string }>> {
    const n = req.pool.length;
    const start = this.#cursor.start(req.pool);
    const ttl = String(Math.max(1, Math.round(req.ttlMs)));
    let soonest = -1;
    try {
      for (let offset = 0; offset < n; offset += ALLOCATE_CHUNK) {
        // The request has answered 503 already: claim nothing more.
        if (signal.aborted) return timedOut(this.#timeoutMs);
        const dnis: string[] = [];
        for (let i = offset; i < Math.min(n, offset + ALLOCATE_CHUNK); i++)
          dnis.push(req.pool[(start + i) % n] ?? '');
        const keys = dnis.map((d) => this.#key(entryKey(d, req.ani)));
        const reply = await this.#conn.run((c) => runScript(c, ALLOCATE, keys, [req.value, ttl]));
        const [index, pttl] = AllocateReplySchema.parse(reply);
        const picked = index > 0 ? dnis[index - 1] : undefined;
        const key = index > 0 ? keys[index - 1] : undefined;
        if (picked !== undefined && key !== undefined) {
          if (!signal.aborted) return ok({ dnis: picked });
          // The POSTer got 503 and never learned this DNIS: free it again.
          this.#undo('allocate', (c) => runScript(c, RELEASE, [key], [req.value]));
          return timedOut(this.#timeoutMs);
        }
        if (pttl >= 0 && (soonest < 0 || pttl < soonest)) soonest = pttl;
      }
    } catch (e: unknown) {
      return unavailable(e);
    }
    return err({ kind: 'pool-exhausted', retryAfterMs: soonest >= 0 ? soonest : 1000 });
  }

  get(key: string): Promise<StoreResult<string | undefined>> {
    return this.#deadline(() =>
      this.#conn.run((c) => c.get(this.#key(key))).then((v) => ok(v ?? undefined), unavailable),
    );
  }

  getAndDelete(key: string): Promise<StoreResult<string | undefined>> {
    return this.#deadline(async (signal) => {
      const k = this.#key(key);
      let taken;
      try {
        taken = TakeReplySchema.parse(await this.#conn.run((c) => runScript(c, TAKE, [k], [])));
      } catch (e: unknown) {
        return unavailable(e);
      }
      if (!taken) return ok(undefined);
      const [value, pttl] = taken;
      if (!signal.aborted) return ok(value);
      // The client got 503 and will retry: put the entry back as it was (unless it just expired).
      if (pttl > 0 || pttl === -1) {
        const expiration = pttl > 0 ? { expiration: { type: 'PX', value: pttl } as const } : {};
        this.#undo('delete', (c) => c.set(k, value, { condition: 'NX', ...expiration }));
      }
      return timedOut(this.#timeoutMs);
    });
  }

  ping(): Promise<StoreResult<void>> {
    return this.#deadline(() => this.#conn.run((c) => c.ping()).then(() => ok(undefined), unavailable));
  }

  close(): Promise<void> {
    return this.#conn.close();
  }

  /**
   * Answers `unavailable` if the operation has not finished within the command
   * timeout (a hung server keeps the socket open, so nothing else would fail).
   * The signal then tells the operation to stop and to undo any write whose
   * reply arrives late, so the failed request changes nothing.
   */
  #deadline<T>(op: (signal: AbortSignal) => Promise<StoreResult<T>>): Promise<StoreResult<T>> {
    const abort = new AbortController();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        abort.abort();
        resolve(timedOut(this.#timeoutMs));
      }, this.#timeoutMs);
      void op(abort.signal).then((result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  /** Best effort: if Redis is gone again, the entry stays until its TTL; say so (no value logged). */
  #undo(what: string, command: Parameters<RedisConnection['run']>[0]): void {
    this.#conn.run(command).catch((e: unknown) => {
      this.#log?.warn(
        { store: 'redis', undo: what, reason: e instanceof Error ? e.message : String(e) },
        'could not undo a write that answered after its deadline',
      );
    });
  }

  #key(key: string): string {
    return this.#prefix + key;
  }
}
