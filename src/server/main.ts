/**
 * `npm run start:cache`: the call-data cache service alone, configured from
 * CTI_CACHE_* environment variables (see docs/cache-api.md).
 */
import { formatConfigError, loadCacheConfigFromEnv } from './config.ts';
import { startCacheService } from './service.ts';

const loaded = loadCacheConfigFromEnv(process.env);
if (!loaded.ok) {
  console.error(formatConfigError(loaded.error));
  process.exit(1);
}
const config = loaded.value;
const service = await startCacheService(config);
const pools = Object.entries(config.pools).map(([name, numbers]) => `${name} (${numbers.length})`);
console.log(
  `cti cache service on ${service.url} (store: ${service.store}, pools: ${pools.join(', ')}, ttl ${config.ttlS}s)`,
);

let closing = false;
const shutdown = (signal: string): void => {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  service.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
