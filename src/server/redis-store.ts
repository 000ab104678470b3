import { createClient } from 'redis';
import { ALLOCATE_CHUNK, ALLOCATE_SCRIPT, ALLOCATE_SHA1, AllocateReplySchema } from './redis-allocate.ts';
import { err, ok } from './result.ts';
import { entryKey, PoolCursor, type AllocateRequest, type CacheStore, type StoreResult } from './store.ts';

export interface RedisStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
  /** Each command fails after this long, so a hung Redis answers 503 quickly. */
  readonly commandTimeoutMs: number;
  /** How long create waits for the first connection before starting anyway (not ready). */
  readonly connectWaitMs?: number;
  readonly log?: StoreLog;
}

export interface StoreLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** Reconnect forever: 50 ms, 100 ms, … capped at 500 ms, with a little jitter. */
export const reconnectDelay = (retries: number): number =>
  Math.min(50 * 2 ** Math.min(retries, 10), 500) + Math.floor(Math.random() * 50);

const unavailable = (e: unknown) =>
  err({
    kind: 'unavailable',
    reason: e instanceof Error ? `${e.name}: ${e.message}` : 'redis error',
  } as const);

/** Bounds the commands waiting on a hung Redis; beyond it commands fail at once. */
const MAX_QUEUED_COMMANDS = 10_000;

export class RedisTimeoutError extends Error {
  override readonly name = 'RedisTimeoutError';
}

function makeClient(options: RedisStoreOptions) {
  return createClient({
    url: options.url,
    // Fail at once while disconnected instead of queueing until Redis returns.
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
    // node-redis only times out commands it has not sent yet (with a timer per
    // command); #deadline covers every command, so its own timeout is off.
    commandOptions: { timeout: 0 },
    socket: { connectTimeout: 1000, reconnectStrategy: reconnectDelay },
  });
}

/** Shared store: several service instances behind a load balancer use one Redis. */
export class RedisStore implements CacheStore {
  readonly kind = 'redis';
  readonly #client: ReturnType<typeof makeClient>;
  readonly #prefix: string;
  readonly #cursor = new PoolCursor();
  readonly #timeoutMs: number;
  #down = false;

  private constructor(client: ReturnType<typeof makeClient>, options: RedisStoreOptions) {
    this.#client = client;
    this.#prefix = options.keyPrefix;
    this.#timeoutMs = options.commandTimeoutMs;
    const log = options.log;
    // An 'error' listener is mandatory (else the process dies); log once per outage.
    client.on('error', (e: unknown) => {
      if (this.#down) return;
      this.#down = true;
      log?.warn({ store: 'redis', reason: e instanceof Error ? e.message : String(e) }, 'redis unavailable');
    });
    client.on('ready', () => {
      if (this.#down) log?.info({ store: 'redis' }, 'redis ready again');
      this.#down = false;
    });
  }

  /** Connects in the background; resolves once connected or after connectWaitMs. */
  static async create(options: RedisStoreOptions): Promise<RedisStore> {
    const client = makeClient(options);
    const store = new RedisStore(client, options);
    const connected = client.connect().then(
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
    return this.#client.isReady;
  }

  allocate(req: AllocateRequest): Promise<StoreResult<{ dnis: string }>> {
    return this.#deadline(this.#allocate(req));
  }

  async #allocate(req: AllocateRequest): Promise<StoreResult<{ dnis: string }>> {
    const n = req.pool.length;
    const start = this.#cursor.start(req.pool);
    const ttl = String(Math.max(1, Math.round(req.ttlMs)));
    let soonest = -1;
    try {
      for (let offset = 0; offset < n; offset += ALLOCATE_CHUNK) {
        const dnis: string[] = [];
        for (let i = offset; i < Math.min(n, offset + ALLOCATE_CHUNK); i++)
          dnis.push(req.pool[(start + i) % n] ?? '');
        const keys = dnis.map((d) => this.#key(entryKey(d, req.ani)));
        const [index, pttl] = AllocateReplySchema.parse(await this.#runAllocate(keys, [req.value, ttl]));
        const picked = index > 0 ? dnis[index - 1] : undefined;
        if (picked !== undefined) return ok({ dnis: picked });
        if (pttl >= 0 && (soonest < 0 || pttl < soonest)) soonest = pttl;
      }
    } catch (e: unknown) {
      return unavailable(e);
    }
    return err({ kind: 'pool-exhausted', retryAfterMs: soonest >= 0 ? soonest : 1000 });
  }

  get(key: string): Promise<StoreResult<string | undefined>> {
    return this.#deadline(this.#client.get(this.#key(key)).then((v) => ok(v ?? undefined), unavailable));
  }

  getAndDelete(key: string): Promise<StoreResult<string | undefined>> {
    return this.#deadline(this.#client.getDel(this.#key(key)).then((v) => ok(v ?? undefined), unavailable));
  }

  ping(): Promise<StoreResult<void>> {
    return this.#deadline(this.#client.ping().then(() => ok(undefined), unavailable));
  }

  async close(): Promise<void> {
    if (!this.#client.isOpen) return;
    if (!this.#client.isReady) {
      this.#client.destroy();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.#client.destroy();
        resolve();
      }, 1000);
    });
    await Promise.race([this.#client.close(), forced]);
    clearTimeout(timer);
  }

  /**
   * Answers `unavailable` if Redis has not answered within the command timeout
   * (a hung server keeps the socket open, so nothing else would fail). A late
   * reply is dropped; a late write still happens in Redis (e.g. an allocation
   * the client was told failed keeps its DNIS busy until its TTL).
   */
  #deadline<T>(op: Promise<StoreResult<T>>): Promise<StoreResult<T>> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve(unavailable(new RedisTimeoutError(`no answer within ${this.#timeoutMs} ms`))),
        this.#timeoutMs,
      );
      void op.then((result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  #key(key: string): string {
    return this.#prefix + key;
  }

  /** EVALSHA, loading the script with EVAL when Redis does not know it (e.g. after a restart). */
  async #runAllocate(keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.#client.evalSha(ALLOCATE_SHA1, { keys, arguments: args });
    } catch (e: unknown) {
      if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
      return await this.#client.eval(ALLOCATE_SCRIPT, { keys, arguments: args });
    }
  }
}
