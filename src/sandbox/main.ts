/**
 * `npm start`: the development sandbox. Starts the SIP-over-WebSocket registrar/proxy,
 * the Vite dev server for the demo pages and the call-data cache service, prints the
 * URLs, and stops everything on Ctrl-C (SIGINT) or SIGTERM with exit code 0.
 */
import { formatBanner } from './banner.ts';
import { DEMO_USERS, cacheWarning } from './sandbox-config.ts';
import { startSandbox, type Stop } from './sandbox.ts';

const stops: Stop[] = [];
const verbose = process.env['CTI_SANDBOX_SIP_LOG'] === '1';

async function main(): Promise<void> {
  const log = verbose ? (line: string) => console.log(`[sip] ${line}`) : undefined;
  const { sip, web, cache, cacheEnv: env } = await startSandbox(process.env, stops, log);
  if (!cache.ok) console.warn(`[sandbox] call-data cache not started: ${cache.error}`);

  const cacheUser = env['CTI_CACHE_USERS']?.split(',')[0] ?? 'users from CTI_CACHE_CONFIG';
  console.log(
    formatBanner({
      webPort: web.port,
      sipUrl: sip.url,
      cache: cache.ok
        ? { url: cache.value.url, user: cacheUser, warning: cacheWarning(env, cache.value.url) }
        : { error: cache.error },
      users: DEMO_USERS,
    }),
  );
}

let stopping = false;
async function shutdown(signal: string, code: number): Promise<void> {
  if (stopping) {
    console.log(`[sandbox] ${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  if (signal) console.log(`\n[sandbox] ${signal}: stopping…`);
  // A stuck close must not leave the terminal hanging.
  setTimeout(() => {
    console.error('[sandbox] shutdown took over 5 s; exiting');
    process.exit(1);
  }, 5000).unref();
  for (const { name, stop } of stops.reverse()) {
    await stop().catch((error: unknown) => console.error(`[sandbox] closing ${name}: ${String(error)}`));
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  const hint =
    code === 'EADDRINUSE'
      ? ' (port in use: set CTI_SANDBOX_SIP_PORT / CTI_SANDBOX_WEB_PORT / CTI_CACHE_PORT)'
      : '';
  console.error(
    `[sandbox] failed to start: ${error instanceof Error ? error.message : String(error)}${hint}`,
  );
  void shutdown('', 1);
});
