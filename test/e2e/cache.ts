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
  /** The cache service behind a loopback proxy that `proxyCache('down')` takes away (same port when back). */
  proxyUrl: z.string(),
});
export type CacheInfo = z.infer<typeof CacheInfo>;

export async function cacheInfo(): Promise<CacheInfo> {
  return CacheInfo.parse(await executeServerCommand('cache-info'));
}

/**
 * From now on the scripted cache answers every request with this status and body; `headers` go with
 * this script only (exposed to the page through CORS), `hang` accepts requests and never answers.
 * The requests it received so far are forgotten (see `scriptedRequests`).
 */
export async function scriptCache(script: {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  hang?: boolean;
}) {
  return z.object({ scriptedUrl: z.string() }).parse(await executeServerCommand('cache-script', script))
    .scriptedUrl;
}

const ScriptedRequest = z.object({
  method: z.string(),
  path: z.string(),
  idempotencyKey: z.string(),
  body: z.string(),
  /** Epoch ms when the request reached the scripted cache. */
  at: z.number(),
});
export type ScriptedRequest = z.infer<typeof ScriptedRequest>;

/** The requests (not preflights) the scripted cache received since the last `scriptCache`, in order. */
export async function scriptedRequests(): Promise<ScriptedRequest[]> {
  return z.array(ScriptedRequest).parse(await executeServerCommand('cache-script-requests'));
}

/** Takes the proxy in front of the cache service away (its port refuses connections) or brings it back. */
export async function proxyCache(state: 'up' | 'down'): Promise<string> {
  return z.object({ proxyUrl: z.string() }).parse(await executeServerCommand('cache-proxy', { state }))
    .proxyUrl;
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
