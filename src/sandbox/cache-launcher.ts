/**
 * Starts the call-data cache service (src/server) for the sandbox. A failure is a
 * value: `npm start` then still serves a working phone and prints why the cache is off.
 */
import { err, ok } from '../core/result.ts';
import type { Result } from '../core/result.ts';
import { formatConfigError, loadCacheConfigFromEnv } from '../server/config.ts';
import { startCacheService } from '../server/service.ts';

export interface RunningCache {
  readonly url: string;
  close(): Promise<void>;
}

export async function startCache(
  env: Readonly<Record<string, string | undefined>>,
): Promise<Result<RunningCache, string>> {
  const config = loadCacheConfigFromEnv(env);
  if (!config.ok) return err(formatConfigError(config.error));
  try {
    return ok(await startCacheService(config.value));
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code;
    const hint = code === 'EADDRINUSE' ? ' (port in use: set CTI_CACHE_PORT)' : '';
    return err(`${error instanceof Error ? error.message : String(error)}${hint}`);
  }
}
