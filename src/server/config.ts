import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CacheConfigSchema, type CacheConfig } from './config-schema.ts';
import { err, type Result } from '../core/result.ts';

export {
  CacheConfigSchema,
  type CacheConfig,
  type CacheConfigInput,
  type CacheUser,
} from './config-schema.ts';

export interface ConfigError {
  readonly kind: 'config';
  /** One line per problem, naming the environment variable or file field. */
  readonly issues: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** Environment variable for each config path, so errors name what the user set. */
const ENV_NAMES: Readonly<Record<string, string>> = {
  port: 'CTI_CACHE_PORT',
  host: 'CTI_CACHE_HOST',
  users: 'CTI_CACHE_USERS',
  'pools.default': 'CTI_CACHE_POOL',
  ttlS: 'CTI_CACHE_TTL_S',
  maxTtlS: 'CTI_CACHE_MAX_TTL_S',
  maxValueBytes: 'CTI_CACHE_MAX_VALUE_BYTES',
  maxEntries: 'CTI_CACHE_MAX_ENTRIES',
  maxBytes: 'CTI_CACHE_MAX_BYTES',
  maxEventsPerDevice: 'CTI_CACHE_MAX_EVENTS_PER_DEVICE',
  'redis.url': 'CTI_CACHE_REDIS_URL',
  'redis.keyPrefix': 'CTI_CACHE_REDIS_PREFIX',
  'redis.commandTimeoutMs': 'CTI_CACHE_REDIS_TIMEOUT_MS',
  'tls.certPath': 'CTI_CACHE_TLS_CERT',
  'tls.keyPath': 'CTI_CACHE_TLS_KEY',
  corsOrigins: 'CTI_CACHE_CORS_ORIGINS',
  logLevel: 'CTI_CACHE_LOG_LEVEL',
};

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';
/** Non-numeric text becomes NaN, which the schema rejects with the variable's name. */
const num = (v: string | undefined): number | undefined => (present(v) ? Number(v.trim()) : undefined);
const list = (v: string | undefined): string[] | undefined =>
  present(v)
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : undefined;

/** Drops undefined values so they do not hide the file's or the schema's defaults. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function readConfigFile(path: string): Result<Record<string, unknown>, ConfigError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e: unknown) {
    return err({
      kind: 'config',
      issues: [`CTI_CACHE_CONFIG: cannot read ${path}: ${(e as Error).message}`],
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({ kind: 'config', issues: [`CTI_CACHE_CONFIG: ${path} is not valid JSON`] });
  }
  const obj = z.record(z.string(), z.unknown()).safeParse(json);
  if (!obj.success)
    return err({ kind: 'config', issues: [`CTI_CACHE_CONFIG: ${path} must hold a JSON object`] });
  return { ok: true, value: obj.data };
}

/**
 * Builds the service configuration from CTI_CACHE_* variables, on top of the
 * optional JSON file named by CTI_CACHE_CONFIG (environment wins).
 */
export function loadCacheConfigFromEnv(env: Env): Result<CacheConfig, ConfigError> {
  let file: Record<string, unknown> = {};
  if (present(env['CTI_CACHE_CONFIG'])) {
    const read = readConfigFile(env['CTI_CACHE_CONFIG']);
    if (!read.ok) return read;
    file = read.value;
  }
  const fileRedis = z.record(z.string(), z.unknown()).safeParse(file['redis']);
  const fileTls = z.record(z.string(), z.unknown()).safeParse(file['tls']);
  const filePools = z.record(z.string(), z.unknown()).safeParse(file['pools']);
  const redis = {
    ...(fileRedis.success ? fileRedis.data : {}),
    ...defined({
      url: env['CTI_CACHE_REDIS_URL'],
      keyPrefix: env['CTI_CACHE_REDIS_PREFIX'],
      commandTimeoutMs: num(env['CTI_CACHE_REDIS_TIMEOUT_MS']),
    }),
  };
  const tls = {
    ...(fileTls.success ? fileTls.data : {}),
    ...defined({ certPath: env['CTI_CACHE_TLS_CERT'], keyPath: env['CTI_CACHE_TLS_KEY'] }),
  };
  const envPool = present(env['CTI_CACHE_POOL']) ? { default: env['CTI_CACHE_POOL'] } : {};
  const pools =
    filePools.success || 'default' in envPool
      ? { ...(filePools.success ? filePools.data : {}), ...envPool }
      : undefined;
  const raw = defined({
    ...file,
    port: num(env['CTI_CACHE_PORT']) ?? file['port'],
    host: present(env['CTI_CACHE_HOST']) ? env['CTI_CACHE_HOST'].trim() : file['host'],
    users: list(env['CTI_CACHE_USERS']) ?? file['users'],
    pools,
    ttlS: num(env['CTI_CACHE_TTL_S']) ?? file['ttlS'],
    maxTtlS: num(env['CTI_CACHE_MAX_TTL_S']) ?? file['maxTtlS'],
    maxValueBytes: num(env['CTI_CACHE_MAX_VALUE_BYTES']) ?? file['maxValueBytes'],
    maxEntries: num(env['CTI_CACHE_MAX_ENTRIES']) ?? file['maxEntries'],
    maxBytes: num(env['CTI_CACHE_MAX_BYTES']) ?? file['maxBytes'],
    maxEventsPerDevice: num(env['CTI_CACHE_MAX_EVENTS_PER_DEVICE']) ?? file['maxEventsPerDevice'],
    redis: Object.keys(redis).length > 0 || file['redis'] !== undefined ? redis : undefined,
    tls: Object.keys(tls).length > 0 || file['tls'] !== undefined ? tls : undefined,
    corsOrigins: list(env['CTI_CACHE_CORS_ORIGINS']) ?? file['corsOrigins'],
    logLevel: present(env['CTI_CACHE_LOG_LEVEL']) ? env['CTI_CACHE_LOG_LEVEL'].trim() : file['logLevel'],
  });
  const parsed = CacheConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return err({ kind: 'config', issues: parsed.error.issues.map((i) => describeIssue(i.path, i.message)) });
}

function describeIssue(path: readonly PropertyKey[], message: string): string {
  const dotted = path.map(String).join('.');
  const key = Object.keys(ENV_NAMES).find((k) => dotted === k || dotted.startsWith(`${k}.`));
  const where = key !== undefined ? `${ENV_NAMES[key] ?? key} (${dotted})` : dotted || 'config';
  return `${where}: ${message}`;
}

/** One readable block for a startup failure. */
export function formatConfigError(e: ConfigError): string {
  return `Invalid cache service configuration:\n${e.issues.map((i) => `  - ${i}`).join('\n')}`;
}
