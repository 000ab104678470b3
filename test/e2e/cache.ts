// Browser-side access to the run's cache service (served by cache-plugin.mjs).
import { executeServerCommand } from '@web/test-runner-commands';
import { z } from 'zod';

const CacheInfo = z.object({
  url: z.string(),
  username: z.string(),
  password: z.string(),
  pools: z.record(z.string(), z.string()),
  /** A server that accepts connections and never answers. */
  hungUrl: z.string(),
});
export type CacheInfo = z.infer<typeof CacheInfo>;

export async function cacheInfo(): Promise<CacheInfo> {
  return CacheInfo.parse(await executeServerCommand('cache-info'));
}

/** The widget's `cache` config for the run's cache service. */
export async function cacheConfig(extra: { consume?: boolean; timeoutMs?: number; url?: string } = {}) {
  const info = await cacheInfo();
  return {
    url: extra.url ?? info.url,
    credentials: async () => ({ username: info.username, password: info.password }),
    consume: extra.consume ?? false,
    timeoutMs: extra.timeoutMs ?? 2_000,
  };
}
