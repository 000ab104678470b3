/**
 * How `npm start` ties its parts into one demo: the cache's pool numbers (seed 000's DNIS pool)
 * are DIDs of the sandbox PBX that ring the demo CRM page's agent, and the pages learn whether
 * the cache runs (page-config.ts). Pure: main.ts feeds it the loaded settings.
 */
import type { Result } from '../core/result.ts';
import type { CacheConfig } from '../server/config-schema.ts';
import type { RunningCache } from './cache-launcher.ts';
import { DEMO_CACHE_USER } from './sandbox-config.ts';
import type { SandboxPage, SandboxPageCache } from './page-config.ts';
import type { ReceiverTarget } from './receiver-proxy.ts';

/** The demo PBX's inbound route: every pool number rings the agent of demo/crm.html. */
export const DEMO_POOL_AGENT = '1001';

/** The cache settings main.ts will start the cache with (a failure: why it will not start). */
export type CacheSettings = Result<CacheConfig, string>;

/**
 * DID → extension for the SIP router: every number of every pool rings `agent`, except a number
 * that is itself an extension (that one keeps ringing its own phone).
 */
export function poolRoutes(
  settings: CacheSettings,
  extensions: Readonly<Record<string, unknown>>,
  agent = DEMO_POOL_AGENT,
): Record<string, string> {
  if (!settings.ok) return {};
  const numbers = Object.values(settings.value.pools).flat();
  return Object.fromEntries(numbers.filter((n) => !Object.hasOwn(extensions, n)).map((n) => [n, agent]));
}

const [demoUser = '', demoPassword = ''] = DEMO_CACHE_USER.split(':');

/** The pages log in with the public demo login only: does this cache accept it? */
export function acceptsDemoLogin(config: CacheConfig): boolean {
  return config.users.some((u) => u.user === demoUser && u.password === demoPassword);
}

/** A URL a browser can fetch: an unspecified listen address (0.0.0.0, ::) means this machine. */
export function browserUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const u = new URL(url);
  if (u.hostname === '0.0.0.0') u.hostname = '127.0.0.1';
  else if (u.hostname === '[::]') u.hostname = '[::1]';
  return u.origin;
}

/** What the pages are told about the cache once it started, or failed to. */
export function pageCache(settings: CacheSettings, started: Result<RunningCache, string>): SandboxPageCache {
  if (!started.ok) return { running: false, reason: `it did not start (${firstLine(started.error)})` };
  if (settings.ok && !acceptsDemoLogin(settings.value))
    return { running: false, reason: `CTI_CACHE_USERS does not include the demo login ${DEMO_CACHE_USER}` };
  return { running: true, url: browserUrl(started.value.url) };
}

/**
 * Where the demo CRM page's sink forwards its events: the started cache's reference receiver,
 * logged in as the cache's first user (server-side: the page never holds it).
 */
export function eventReceiver(
  settings: CacheSettings,
  started: Result<RunningCache, string>,
): ReceiverTarget | undefined {
  const user = settings.ok ? settings.value.users[0] : undefined;
  if (!started.ok || !user) return undefined;
  return {
    url: `${browserUrl(started.value.url)}/events`,
    credentials: { username: user.user, password: user.password },
  };
}

/** /sandbox.json before the cache has started, and after. */
export function sandboxPage(
  settings: CacheSettings,
  cache: SandboxPageCache,
  agent = DEMO_POOL_AGENT,
): SandboxPage {
  const pool = settings.ok ? (settings.value.pools['default'] ?? []) : [];
  return { poolAgent: agent, poolSample: pool.slice(0, 3), cache };
}

function firstLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  // formatConfigError's heading is followed by the problems: the first one says more.
  return (lines.length > 1 && lines[0]?.endsWith(':') ? lines[1] : lines[0])?.slice(0, 300) ?? '';
}
