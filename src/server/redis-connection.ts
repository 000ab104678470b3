import { createClient } from 'redis';

export interface StoreLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface RedisConnectionOptions {
  readonly url: string;
  /**
   * A command unanswered for this long, or a handshake stuck this long, means
   * the connection is dead even if its socket looks open (half-open TCP, a
   * black-holed path, a hung server): the client is replaced by a fresh one.
   */
  readonly livenessMs: number;
  readonly log?: StoreLog | undefined;
}

/** Reconnect forever: 50 ms, 100 ms, … capped at 500 ms, with a little jitter. */
export const reconnectDelay = (retries: number): number =>
  Math.min(50 * 2 ** Math.min(retries, 10), 500) + Math.floor(Math.random() * 50);

/** Bounds the commands waiting on a hung Redis; beyond it commands fail at once. */
const MAX_QUEUED_COMMANDS = 10_000;

function makeClient(url: string) {
  return createClient({
    url,
    // Fail at once while disconnected instead of queueing until Redis returns.
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
    // node-redis only times out commands it has not sent yet; the store's
    // deadline covers every command, so its own timeout is off.
    commandOptions: { timeout: 0 },
    socket: { connectTimeout: 1000, reconnectStrategy: reconnectDelay },
  });
}

export type RedisClient = ReturnType<typeof makeClient>;

/**
 * One node-redis client, watched for liveness. node-redis reconnects when a
 * socket closes, but a connection that stays open and answers nothing (Redis
 * host gone without a RST, a firewall dropping packets) would only fail when
 * the kernel gives up, ~15 min later. So every command is tracked; if the
 * oldest has waited more than livenessMs, or a new connection's handshake
 * has, the client is destroyed and a fresh one connects. An idle connection
 * is probed with a PING so a dead one is found before the next request.
 */
export class RedisConnection {
  #client: RedisClient;
  readonly #options: RedisConnectionOptions;
  /** Commands in flight on the current client: id → start (Map order = oldest first). */
  readonly #pending = new Map<number, number>();
  #nextId = 0;
  /** When the current client's TCP connection opened while not ready yet. */
  #connectedAt: number | undefined;
  #lastSent = performance.now();
  readonly #timer: NodeJS.Timeout;
  #down = false;
  #replaced = 0;

  constructor(options: RedisConnectionOptions) {
    this.#options = options;
    this.#client = this.#open();
    const tick = Math.max(50, Math.min(250, options.livenessMs / 4));
    this.#timer = setInterval(() => this.#check(), tick);
    this.#timer.unref();
  }

  /** Connects the first client; rejects only if it was closed meanwhile. */
  connect(): Promise<unknown> {
    return this.#client.connect();
  }

  get isReady(): boolean {
    return this.#client.isReady;
  }

  /** How many times a stalled client was replaced (for tests and logs). */
  get replaced(): number {
    return this.#replaced;
  }

  /** Runs one command on the current client, tracked for liveness. */
  run<T>(command: (client: RedisClient) => Promise<T>): Promise<T> {
    const id = this.#nextId++;
    const now = performance.now();
    this.#pending.set(id, now);
    this.#lastSent = now;
    let sent: Promise<T>;
    try {
      sent = command(this.#client);
    } catch (e: unknown) {
      sent = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return sent.finally(() => this.#pending.delete(id));
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    const client = this.#client;
    if (!client.isOpen) return;
    if (!client.isReady) {
      client.destroy();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        client.destroy();
        resolve();
      }, 1000);
    });
    await Promise.race([client.close(), forced]);
    clearTimeout(timer);
  }

  #open(): RedisClient {
    const client = makeClient(this.#options.url);
    const log = this.#options.log;
    // An 'error' listener is mandatory (else the process dies); log once per outage.
    client.on('error', (e: unknown) => {
      if (client !== this.#client || this.#down) return;
      this.#down = true;
      log?.warn({ store: 'redis', reason: e instanceof Error ? e.message : String(e) }, 'redis unavailable');
    });
    client.on('connect', () => {
      if (client === this.#client) this.#connectedAt = performance.now();
    });
    client.on('ready', () => {
      if (client !== this.#client) return;
      this.#connectedAt = undefined;
      if (this.#down) log?.info({ store: 'redis' }, 'redis ready again');
      this.#down = false;
    });
    return client;
  }

  #check(): void {
    const now = performance.now();
    const limit = this.#options.livenessMs;
    const oldest = this.#pending.values().next();
    if (!oldest.done && now - oldest.value > limit) {
      this.#replace(`no reply for ${Math.round(now - oldest.value)} ms`);
    } else if (this.#connectedAt !== undefined && now - this.#connectedAt > limit) {
      this.#replace(`handshake unanswered for ${Math.round(now - this.#connectedAt)} ms`);
    } else if (this.#client.isReady && this.#pending.size === 0 && now - this.#lastSent > limit / 2) {
      // Probe an idle connection so a dead one is replaced before traffic needs it.
      this.run((c) => c.ping()).catch(() => undefined);
    }
  }

  #replace(reason: string): void {
    const old = this.#client;
    this.#pending.clear();
    this.#connectedAt = undefined;
    this.#replaced++;
    this.#client = this.#open();
    old.destroy(); // rejects its commands at once
    if (!this.#down)
      this.#options.log?.warn({ store: 'redis', reason }, 'redis connection stalled, reconnecting');
    this.#down = true;
    this.#client.connect().catch(() => undefined); // only rejects if replaced or closed meanwhile
  }
}
