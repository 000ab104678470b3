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
  /** A cache that answers every request as `scriptCache` said. */
  scriptedUrl: z.string(),
});
export type CacheInfo = z.infer<typeof CacheInfo>;

export async function cacheInfo(): Promise<CacheInfo> {
  return CacheInfo.parse(await executeServerCommand('cache-info'));
}

/** From now on the scripted cache answers every request with this status and body. */
export async function scriptCache(script: { status: number; body: string; contentType?: string }) {
  return z.object({ scriptedUrl: z.string() }).parse(await executeServerCommand('cache-script', script))
    .scriptedUrl;
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
