// The real call-data cache service (src/server/, memory store) in the bench process, on 127.0.0.1,
// configured as an operator would (CTI_CACHE_* variables, here passed as an object), allowing the
// bench page's origin (CORS). `store()` is seed 000's POST, as the agent who transfers a call does it.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { formatConfigError, loadCacheConfigFromEnv } from '../../src/server/config.ts';
import { startCacheService } from '../../src/server/service.ts';
import type { CacheAccess } from '../page/protocol.ts';

export interface BenchCache {
  /** What the page needs: base URL and the Basic credentials of the bench's cache user. */
  readonly access: CacheAccess;
  /** POST /cticache/DNIS-ANI: stores `value` for `ani`; returns the DNIS the pool gave. */
  store(ani: string, value: Readonly<Record<string, string>>): Promise<string>;
  close(): Promise<void>;
}

const REQUEST_MS = 5_000;
const Created = z.object({ dnis: z.string() });

/** `pool` is the DNIS pool (e.g. the callee's extension, so a call to the DNIS rings that widget). */
export async function startBenchCache(o: { pool: string; pageOrigin: string }): Promise<BenchCache> {
  const username = 'bench';
  const password = randomBytes(12).toString('hex');
  const config = loadCacheConfigFromEnv({
    CTI_CACHE_HOST: '127.0.0.1',
    CTI_CACHE_PORT: '0',
    CTI_CACHE_USERS: `${username}:${password}`,
    CTI_CACHE_POOL: o.pool,
    CTI_CACHE_CORS_ORIGINS: o.pageOrigin,
    CTI_CACHE_LOG_LEVEL: 'warn',
  });
  if (!config.ok) throw new Error(formatConfigError(config.error));
  // Its log goes to stderr: stdout carries the report (or its JSON).
  const service = await startCacheService(config.value, {
    logSink: { write: (line) => void process.stderr.write(`[cache] ${line}`) },
  });
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return {
    access: { url: service.url, username, password },
    async store(ani, value) {
      const response = await fetch(`${service.url}/cticache/DNIS-ANI`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ value, ani, ttl: 120 }),
        signal: AbortSignal.timeout(REQUEST_MS),
      });
      const body = await response.text();
      if (response.status !== 201) throw new Error(`cache POST for ${ani}: ${response.status} ${body}`);
      return Created.parse(JSON.parse(body)).dnis;
    },
    close: () => service.close(),
  };
}
