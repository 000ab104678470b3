import type { FastifyInstance } from 'fastify';
import { buildCacheApp } from '../../../src/server/app.ts';
import { MemoryStore } from '../../../src/server/memory-store.ts';
import { AUTH, testConfig, type LogCollector } from './config.ts';

/** An in-process app on a memory store, for `app.inject` tests. */
export function makeApp(overrides: Parameters<typeof testConfig>[0] = {}, sink?: LogCollector) {
  const config = testConfig(overrides);
  const store = new MemoryStore({ maxEntries: config.maxEntries, maxBytes: config.maxBytes });
  const app = buildCacheApp({ config, store, ...(sink ? { logSink: sink } : {}) });
  return { app, store };
}

export const post = (
  app: FastifyInstance,
  payload: object,
  headers: Record<string, string> = { authorization: AUTH },
) =>
  app.inject({
    method: 'POST',
    url: '/cticache/DNIS-ANI',
    headers: { 'content-type': 'application/json', ...headers },
    payload,
  });
