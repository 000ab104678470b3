import { z } from 'zod';
import { parseDnisPool } from './dnis-pool.ts';

/** setTimeout's ceiling (~24.8 days): TTLs beyond it cannot be swept by a timer. */
const MAX_TTL_S = Math.floor((2 ** 31 - 1) / 1000);

const UserSchema = z.object({
  user: z
    .string()
    .min(1)
    .regex(/^[^:]+$/, 'user must not contain ":"'),
  password: z.string().min(1),
});
export type CacheUser = z.output<typeof UserSchema>;

/** `user:password` (split at the first colon), or an object. */
const UserSpecSchema = z.union([
  UserSchema,
  z.string().transform((spec, ctx) => {
    const colon = spec.indexOf(':');
    const parsed = UserSchema.safeParse({ user: spec.slice(0, colon), password: spec.slice(colon + 1) });
    if (colon <= 0 || !parsed.success) {
      ctx.addIssue('expected "user:password" with a non-empty user and password');
      return z.NEVER;
    }
    return parsed.data;
  }),
]);

const PoolSchema = z.union([z.string(), z.array(z.string())]).transform((spec, ctx) => {
  const parsed = parseDnisPool(spec);
  if (!parsed.ok) {
    ctx.addIssue(parsed.error);
    return z.NEVER;
  }
  return parsed.value;
});

export const POOL_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
export const DEFAULT_POOL_SPEC = '5551234560-5551234569';

const OriginSchema = z
  .string()
  .regex(/^https?:\/\/[^/\s]+$/, 'origin must look like https://host[:port] (no path)');

const SecondsSchema = z.number().positive().max(MAX_TTL_S);

/**
 * The service configuration. Field names are also the keys of the optional
 * CTI_CACHE_CONFIG JSON file; environment variables override the file.
 */
export const CacheConfigSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(8787),
    host: z.string().min(1).default('127.0.0.1'),
    users: z
      .array(UserSpecSchema, {
        error: (issue) =>
          issue.input === undefined ? 'required, as user:password[,user2:password2]' : undefined,
      })
      .min(1, 'at least one user is required (user:password)'),
    /** Named DNIS pools; `default` is used when a POST names no pool. */
    pools: z
      .record(z.string().regex(POOL_NAME, 'pool names are letters, digits, _ . -'), PoolSchema)
      .prefault({ default: DEFAULT_POOL_SPEC })
      .refine((p) => 'default' in p, 'a pool named "default" is required'),
    ttlS: SecondsSchema.default(120),
    maxTtlS: SecondsSchema.default(3600),
    maxValueBytes: z.number().int().min(16).max(1_048_576).default(8192),
    maxEntries: z.number().int().min(1).max(10_000_000).default(100_000),
    /** Memory store budget for keys + values (UTF-8 bytes), 64 MiB by default. */
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .max(2 ** 40)
      .default(64 * 1024 * 1024),
    /** The event receiver's retention: past this many events a device's oldest (lowest seq) go. */
    maxEventsPerDevice: z.number().int().min(1).max(10_000_000).default(100_000),
    redis: z
      .object({
        url: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
        keyPrefix: z.string().max(64).default('cticache:'),
        /** A command slower than this fails, so a hung Redis answers 503 fast. */
        commandTimeoutMs: z.number().int().min(1).max(60_000).default(80),
      })
      .optional(),
    tls: z.object({ certPath: z.string().min(1), keyPath: z.string().min(1) }).optional(),
    corsOrigins: z.array(OriginSchema).default([]),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((c) => c.maxTtlS >= c.ttlS, { message: 'maxTtlS must be >= ttlS', path: ['maxTtlS'] })
  .refine((c) => c.maxBytes >= c.maxValueBytes, {
    message: 'maxBytes must be >= maxValueBytes',
    path: ['maxBytes'],
  });

export type CacheConfigInput = z.input<typeof CacheConfigSchema>;
export type CacheConfig = z.output<typeof CacheConfigSchema>;
