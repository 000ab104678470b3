import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildCacheApp } from './app.ts';
import type { CacheConfig } from './config-schema.ts';
import type { LogSink } from './logging.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore, type StoreLog } from './redis-store.ts';
import type { CacheStore } from './store.ts';

export interface CacheService {
  /** Base URL, e.g. http://127.0.0.1:8787 (the port is the real one when config.port is 0). */
  readonly url: string;
  readonly store: CacheStore['kind'];
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

/**
 * Starts the cache service in this process (used by main.ts and by the `npm start`
 * sandbox). Memory store unless config.redis is set. With Redis down at start it
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
  const store = await createStore(config, log);
  try {
    app = buildCacheApp({
      config,
      store,
      ...(tls ? { tls } : {}),
      ...(options.logSink ? { logSink: options.logSink } : {}),
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (e: unknown) {
    await app?.close();
    await store.close();
    throw e;
  }
  const running = app;
  const { port } = running.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    store: store.kind,
    async close() {
      await running.close();
      await store.close();
    },
  };
}
