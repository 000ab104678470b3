/**
 * Child process for the bench: starts one target and prints `READY <url>`.
 * Usage: tsx bench/cache/serve.ts fastify-memory|fastify-redis|express-redis [redisUrl]
 */
import { CacheConfigSchema } from '../../src/server/config-schema.ts';
import { startCacheService } from '../../src/server/service.ts';
import { startBaseline } from './baseline-express.ts';

export const BENCH_USER = 'username';
export const BENCH_PASSWORD = 'password';
const POOL = '5551234560-5551234569';

const [kind, redisUrl = ''] = process.argv.slice(2);

async function start(): Promise<{ url: string; close(): Promise<void> }> {
  if (kind === 'express-redis') {
    const pool = Array.from({ length: 10 }, (_, i) => String(5551234560 + i));
    return startBaseline({ redisUrl, user: BENCH_USER, password: BENCH_PASSWORD, pool, ttlS: 120 });
  }
  const config = CacheConfigSchema.parse({
    port: 0,
    users: [`${BENCH_USER}:${BENCH_PASSWORD}`],
    pools: { default: POOL },
    // No per-request log lines: the baseline logs nothing either.
    logLevel: 'warn',
    ...(kind === 'fastify-redis' ? { redis: { url: redisUrl, keyPrefix: 'bench:' } } : {}),
  });
  return startCacheService(config);
}

if (kind !== undefined) {
  const server = await start();
  process.stdout.write(`READY ${server.url}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}
