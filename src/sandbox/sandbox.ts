/**
 * The sandbox's parts, started in order: the SIP registrar/proxy (whose DIDs are the cache's pool
 * numbers), Vite for the demo pages (with /sandbox.json), then the call-data cache (its CORS needs
 * the port Vite got). A cache that fails to start is a value: the phones work without it, and
 * /sandbox.json tells the pages why. Used by main.ts (`npm start`) and by the tests.
 * The demo CRM page's phone delivers its journal to the web server's switchable sink, which
 * forwards to the cache's event receiver with the cache's first login (sink-switch.ts).
 */
import type { Result } from '../core/result.ts';
import { err } from '../core/result.ts';
import { formatConfigError, loadCacheConfigFromEnv } from '../server/config.ts';
import { startCache, type RunningCache } from './cache-launcher.ts';
import { eventReceiver, pageCache, poolRoutes, sandboxPage, type CacheSettings } from './demo-wiring.ts';
import type { SandboxPage } from './page-config.ts';
import type { ReceiverTarget } from './receiver-proxy.ts';
import { DEMO_USERS, cacheEnv, loadSandboxConfig } from './sandbox-config.ts';
import { createSinkSwitch, type SinkSwitch } from './sink-switch.ts';
import { startSipServer, type SipServer } from './sip-server.ts';
import { startWebServer, type WebServer } from './web-server.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** What stops one part; pushed as each part starts, so a failed start still closes the others. */
export interface Stop {
  readonly name: string;
  stop(): Promise<void>;
}

export interface Sandbox {
  readonly sip: SipServer;
  readonly web: WebServer;
  readonly cache: Result<RunningCache, string>;
  /** The cache service's environment (with the demo's defaults and CORS). */
  readonly cacheEnv: Readonly<Record<string, string | undefined>>;
  /** The demo CRM page's event sink: online, offline (503) or refusing (422). */
  readonly sink: SinkSwitch;
  /** What /sandbox.json answers now. */
  page(): SandboxPage;
}

export async function startSandbox(env: Env, stops: Stop[], log?: (line: string) => void): Promise<Sandbox> {
  const config = loadSandboxConfig(env);
  if (!config.ok) throw new Error(`bad sandbox environment: ${config.error}`);
  const { host } = config.value;

  // The cache's settings come first, for its pool numbers; it starts last (CORS needs the web port).
  const planned = loadCacheConfigFromEnv(cacheEnv(env, 0));
  const settings: CacheSettings = planned.ok ? planned : err(formatConfigError(planned.error));

  const sip = await startSipServer({
    host,
    port: config.value.sipPort,
    users: { ...DEMO_USERS },
    numbers: poolRoutes(settings, DEMO_USERS),
    ...(log ? { log } : {}),
  });
  stops.push({ name: 'SIP server', stop: () => sip.close() });

  // /sandbox.json is read at each request: "still starting" until the cache has settled.
  let page = sandboxPage(settings, { running: false, reason: 'it is still starting' });
  let receiver: ReceiverTarget | undefined = undefined; // known once the cache has started
  const sink = createSinkSwitch(() => receiver);
  const web = await startWebServer({
    host,
    port: config.value.webPort,
    sipPort: sip.port,
    page: () => page,
    routes: [sink.handle],
  });
  stops.push({ name: 'Vite', stop: () => web.close() });

  const servedEnv = cacheEnv(env, web.port);
  const cache = await startCache(servedEnv);
  if (cache.ok) stops.push({ name: 'cache service', stop: () => cache.value.close() });
  page = sandboxPage(settings, pageCache(settings, cache));
  receiver = eventReceiver(settings, cache);
  return { sip, web, cache, cacheEnv: servedEnv, sink, page: () => page };
}
