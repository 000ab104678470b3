/** `npm start` settings from the environment, validated (zod) with the defaults the demo pages expect. */
import { z } from 'zod';
import { err, ok } from '../core/result.ts';
import type { Result } from '../core/result.ts';

const port = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be a port number')
    .transform(Number)
    .refine((n) => n >= 0 && n <= 65535, 'must be 0–65535')
    .optional()
    .transform((n) => n ?? fallback);

const envSchema = z.object({
  CTI_SANDBOX_SIP_PORT: port(5066),
  CTI_SANDBOX_WEB_PORT: port(5173),
});

/** Demo extensions: user → password (the phone page uses `pw` + user). */
export const DEMO_USERS: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from({ length: 9 }, (_, i) => String(1001 + i)).map((user) => [user, `pw${user}`]),
);

/**
 * Cache-service credentials and pool used when not set: the seed article's own `username:password`,
 * and a pool whose first number is the DNIS its POST got, so its three curl commands work as
 * written against `npm start` (with the base URL changed).
 */
export const DEMO_CACHE_USER = 'username:password';
export const DEMO_CACHE_POOL = '5551234568-5551234569,5551234560-5551234567';

export interface SandboxConfig {
  readonly host: '127.0.0.1';
  readonly sipPort: number;
  readonly webPort: number;
}

export function loadSandboxConfig(
  env: Readonly<Record<string, string | undefined>>,
): Result<SandboxConfig, string> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return err(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return ok({
    host: '127.0.0.1',
    sipPort: parsed.data.CTI_SANDBOX_SIP_PORT,
    webPort: parsed.data.CTI_SANDBOX_WEB_PORT,
  });
}

/** Environment for the cache service: demo user and CORS for the demo pages, unless already set. */
export function cacheEnv(
  env: Readonly<Record<string, string | undefined>>,
  webPort: number,
): Record<string, string | undefined> {
  return {
    CTI_CACHE_USERS: DEMO_CACHE_USER,
    CTI_CACHE_POOL: DEMO_CACHE_POOL,
    CTI_CACHE_CORS_ORIGINS: `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== '')),
  };
}
