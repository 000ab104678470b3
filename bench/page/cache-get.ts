// The cache figure's baseline: one bare fetch GET of a cache entry from the page, with the request
// the widget's cache client sends (Basic auth, Accept JSON, no cookies), body read to the end.
import type { CacheAccess, CacheGetTiming } from './protocol.ts';
import { withTimeout } from './until.ts';

export async function cacheGet(cache: CacheAccess, path: string, timeoutMs: number): Promise<CacheGetTiming> {
  const abort = new AbortController();
  const start = performance.now();
  const request = (async () => {
    const response = await fetch(new URL(path, cache.url), {
      method: 'GET',
      headers: {
        authorization: `Basic ${btoa(`${cache.username}:${cache.password}`)}`,
        accept: 'application/json',
      },
      signal: abort.signal,
      credentials: 'omit',
      redirect: 'error',
    });
    await response.text();
    return { ms: performance.now() - start, status: response.status };
  })();
  try {
    return await withTimeout(request, timeoutMs, `GET ${path} from the cache`);
  } finally {
    abort.abort();
  }
}
