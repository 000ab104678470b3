import { createHash } from 'node:crypto';
import { z } from 'zod';
import { err, ok } from '../core/result.ts';
import type { AppendOutcome, EventStore, StoredEvent } from './event-store.ts';
import { RedisConnection, type StoreLog } from './redis-connection.ts';
import { runScript, type RedisScript } from './redis-scripts.ts';
import { RedisTimeoutError } from './redis-store.ts';
import type { StoreResult } from './store.ts';

const script = (source: string): RedisScript => ({
  source,
  sha1: createHash('sha1').update(source).digest('hex'),
});

/**
 * KEYS: stream, seq index, ids; ARGV: retention, then id, seq, json for each event.
 * Per event: 1 if stored, 0 if its id was already held (one script, so two concurrent
 * appends of one id store it once). Then the lowest seqs beyond the retention limit go,
 * from all three keys at once.
 */
const APPEND = script(`
if redis.replicate_commands then redis.replicate_commands() end
local flags = {}
for i = 2, #ARGV, 3 do
  if redis.call('HEXISTS', KEYS[3], ARGV[i]) == 1 then
    flags[#flags + 1] = 0
  else
    local sid = redis.call('XADD', KEYS[1], '*', 'id', ARGV[i], 'seq', ARGV[i + 1], 'json', ARGV[i + 2])
    redis.call('ZADD', KEYS[2], ARGV[i + 1], sid)
    redis.call('HSET', KEYS[3], ARGV[i], sid)
    flags[#flags + 1] = 1
  end
end
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[1])
if over > 0 then
  local gone = redis.call('ZPOPMIN', KEYS[2], over)
  for j = 1, #gone, 2 do
    local entry = redis.call('XRANGE', KEYS[1], gone[j], gone[j])[1]
    if entry then redis.call('HDEL', KEYS[3], entry[2][2]) end
    redis.call('XDEL', KEYS[1], gone[j])
  end
end
return flags
`);

/** KEYS: stream, seq index; ARGV: after, limit. The entries' fields, in seq order. */
const READ = script(`
local sids = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf', 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for i = 1, #sids do
  local entry = redis.call('XRANGE', KEYS[1], sids[i], sids[i])[1]
  if entry then out[#out + 1] = entry[2] end
end
return out
`);

const AppendReplySchema = z.array(z.union([z.literal(0), z.literal(1)]));
const ReadReplySchema = z.array(
  z.tuple([z.literal('id'), z.string(), z.literal('seq'), z.string(), z.literal('json'), z.string()]),
);

export interface RedisEventStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
  /** Each request's Redis work fails (503) after this long. */
  readonly commandTimeoutMs: number;
  /** Retention: past this many events a device's lowest seqs are dropped, ids with them. */
  readonly maxEventsPerDevice: number;
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

/**
 * The receiver's events in Redis, shared by every service instance. Per device:
 * - `<prefix>events:<device>`: a Stream holding each event (fields id, seq, json), in arrival order;
 * - `<prefix>event-seqs:<device>`: a sorted set of the stream's entry ids scored by seq (the
 *   read order: a retried older batch that arrives after a newer one still reads in seq order);
 * - `<prefix>event-ids:<device>`: a hash from event id to entry id (deduplication).
 * Appends and reads are Lua scripts, so the three keys always agree.
 *
 * An append that answered 503 after its deadline may still have been stored: the client
 * retries, and those ids come back as duplicates (that is what deduplication is for).
 */
export class RedisEventStore implements EventStore {
  readonly #conn: RedisConnection;
  readonly #options: RedisEventStoreOptions;

  private constructor(conn: RedisConnection, options: RedisEventStoreOptions) {
    this.#conn = conn;
    this.#options = options;
  }

  /** Connects in the background; resolves once connected or after connectWaitMs. */
  static async create(options: RedisEventStoreOptions): Promise<RedisEventStore> {
    const conn = new RedisConnection({
      url: options.url,
      livenessMs: options.livenessMs ?? Math.max(1000, 3 * options.commandTimeoutMs),
      log: options.log,
    });
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
    return new RedisEventStore(conn, options);
  }

  get isReady(): boolean {
    return this.#conn.isReady;
  }

  /** The keys of one device's events: stream, seq index, ids. */
  keys(device: string): [stream: string, seqs: string, ids: string] {
    const p = this.#options.keyPrefix;
    return [`${p}events:${device}`, `${p}event-seqs:${device}`, `${p}event-ids:${device}`];
  }

  append(device: string, events: readonly StoredEvent[]): Promise<StoreResult<AppendOutcome>> {
    const args = [String(this.#options.maxEventsPerDevice)];
    for (const e of events) args.push(e.id, String(e.seq), e.json);
    return this.#deadline(async () => {
      const reply = await this.#conn.run((c) => runScript(c, APPEND, this.keys(device), args));
      const flags = AppendReplySchema.parse(reply);
      if (flags.length !== events.length)
        throw new Error(`${flags.length} flags for ${events.length} events`);
      const stored: string[] = [];
      const duplicates: string[] = [];
      events.forEach((e, i) => (flags[i] === 1 ? stored : duplicates).push(e.id));
      return { stored, duplicates };
    });
  }

  read(device: string, after: number, limit: number): Promise<StoreResult<readonly StoredEvent[]>> {
    const [stream, seqs] = this.keys(device);
    return this.#deadline(async () => {
      const reply = await this.#conn.run((c) =>
        runScript(c, READ, [stream, seqs], [String(after), String(limit)]),
      );
      return ReadReplySchema.parse(reply).map(([, id, , seq, , json]) => ({ id, seq: Number(seq), json }));
    });
  }

  close(): Promise<void> {
    return this.#conn.close();
  }

  /** The operation's value, or `unavailable` if it failed or took longer than the command timeout. */
  #deadline<T>(op: () => Promise<T>): Promise<StoreResult<T>> {
    const ms = this.#options.commandTimeoutMs;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve(unavailable(new RedisTimeoutError(`no answer within ${ms} ms`))),
        ms,
      );
      op().then(
        (value) => {
          clearTimeout(timer);
          resolve(ok(value));
        },
        (e: unknown) => {
          clearTimeout(timer);
          resolve(unavailable(e));
        },
      );
    });
  }
}
