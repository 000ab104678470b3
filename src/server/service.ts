import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildCacheApp } from './app.ts';
import type { CacheConfig } from './config-schema.ts';
import type { LogSink } from './logging.ts';
import type { EventStore } from './event-store.ts';
import { MemoryEventStore } from './memory-event-store.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisEventStore } from './redis-event-store.ts';
import { RedisStore, type StoreLog } from './redis-store.ts';
import type { CacheStore } from './store.ts';

export interface CacheService {
  /** Base URL, e.g. http://127.0.0.1:8787 (the port is the real one when config.port is 0). */
  readonly url: string;
  readonly store: CacheStore['kind'];
  /** Where the reference event receiver keeps events: the same kind of store as the cache. */
  readonly events: CacheStore['kind'];
  close(): Promise<void>;
}

export interface CacheServiceOptions {
  readonly logSink?: LogSink;
}

async function createStore(config: CacheConfig, log: StoreLog): Promise<CacheStore> {
  if (config.redis === undefined)
    return new MemoryStore({ maxEntries: config.maxEntries, maxBytes: config.maxBytes });
  return RedisStore.create({
    url: config.redis.url,
    keyPrefix: config.redis.keyPrefix,
    commandTimeoutMs: config.redis.commandTimeoutMs,
    log,
  });
}

/** The event receiver's store, and how to close it. */
interface EventBackend {
  readonly kind: CacheStore['kind'];
  readonly store: EventStore;
  close(): Promise<void>;
}

/** Events go where the cache goes: Redis (a connection of their own) when configured, else memory. */
async function createEventStore(config: CacheConfig, log: StoreLog): Promise<EventBackend> {
  const { maxEventsPerDevice } = config;
  if (config.redis === undefined) {
    const store = new MemoryEventStore({ maxEventsPerDevice });
    return { kind: 'memory', store, close: async () => undefined };
  }
  const store = await RedisEventStore.create({
    url: config.redis.url,
    keyPrefix: config.redis.keyPrefix,
    commandTimeoutMs: config.redis.commandTimeoutMs,
    maxEventsPerDevice,
    log,
  });
  return { kind: 'redis', store, close: () => store.close() };
}

/**
 * Starts the cache service in this process (used by main.ts and by the `npm start`
 * sandbox). Memory stores (cache and events) unless config.redis is set. With Redis down at start it
 * still listens: /readyz answers 503 until Redis answers.
 */
export async function startCacheService(
  config: CacheConfig,
  options: CacheServiceOptions = {},
): Promise<CacheService> {
  let app: FastifyInstance | undefined;
  // The store logs through the app's logger once the app exists (stderr before).
  const log: StoreLog = {
    warn: (obj, msg) => (app ? app.log.warn(obj, msg) : console.warn(msg, obj)),
    info: (obj, msg) => (app ? app.log.info(obj, msg) : console.info(msg, obj)),
  };
  const tls =
    config.tls === undefined
      ? undefined
      : { cert: await readFile(config.tls.certPath), key: await readFile(config.tls.keyPath) };
  const [store, events] = await Promise.all([createStore(config, log), createEventStore(config, log)]);
  try {
    app = buildCacheApp({
      config,
      store,
      events: events.store,
      ...(tls ? { tls } : {}),
      ...(options.logSink ? { logSink: options.logSink } : {}),
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (e: unknown) {
    await app?.close();
    await Promise.all([store.close(), events.close()]);
    throw e;
  }
  const running = app;
  const { port } = running.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    store: store.kind,
    events: events.kind,
    async close() {
      await running.close();
      await Promise.all([store.close(), events.close()]);
    },
  };
}
