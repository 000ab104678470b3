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

const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/**
 * Environment for the cache service: the user's own variables, plus CORS for the demo pages.
 * The demo users/pool/host are added only where the user configured nothing: the cache service
 * lets a variable override its CTI_CACHE_CONFIG file, so injecting them would silently replace
 * the file's values. The host is pinned to loopback because the demo credentials are public.
 */
export function cacheEnv(
  env: Readonly<Record<string, string | undefined>>,
  webPort: number,
): Record<string, string | undefined> {
  const hasFile = isSet(env['CTI_CACHE_CONFIG']);
  const demo = (name: string, value: string) => (hasFile || isSet(env[name]) ? {} : { [name]: value });
  return {
    ...demo('CTI_CACHE_USERS', DEMO_CACHE_USER),
    ...demo('CTI_CACHE_POOL', DEMO_CACHE_POOL),
    ...demo('CTI_CACHE_HOST', '127.0.0.1'),
    CTI_CACHE_CORS_ORIGINS: `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => isSet(v))),
  };
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\]|::1)$/i;

/** A banner warning when the public demo credentials are served on a non-loopback address. */
export function cacheWarning(
  env: Readonly<Record<string, string | undefined>>,
  cacheUrl: string,
): string | undefined {
  const users = (env['CTI_CACHE_USERS'] ?? '').split(',').map((u) => u.trim());
  if (!users.includes(DEMO_CACHE_USER)) return undefined;
  const host = URL.canParse(cacheUrl) ? new URL(cacheUrl).hostname : cacheUrl;
  if (LOOPBACK.test(host)) return undefined;
  return `the cache accepts the public demo login ${DEMO_CACHE_USER} on ${host.replace(/^\[|\]$/g, '')}: set CTI_CACHE_USERS or CTI_CACHE_HOST=127.0.0.1`;
}
