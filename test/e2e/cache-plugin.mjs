// @web/test-runner plugin: the real call-data cache service (src/server, seed 000's API) for the
// whole run, as its own Node process on 127.0.0.1, allowing the test pages' origin (CORS).
//   'cache-info' -> { url, username, password, pools, hungUrl }
// `hungUrl` is a server that accepts connections and never answers (a hung cache).
// Pools: `default` (seed 000's 5551234560-5551234569) and `agent1003` (extension 1003 alone, so
// that a call transferred to a DNIS of that pool rings the widget registered as 1003).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, HOST } from './kamailio-support.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const USERNAME = 'username';
const PASSWORD = 'password';
const POOLS = { default: '5551234560-5551234569', agent1003: '1003' };

export function cachePlugin() {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let url = '';
  let dir = '';
  const hung = createServer(() => undefined);
  let hungUrl = '';
  return {
    name: 'cti-cache',
    /** @param {{ config: { port?: number, hostname?: string } }} args */
    async serverStart({ config }) {
      const port = await findFreePort();
      const pagePort = config.port ?? 8000;
      dir = mkdtempSync(path.join(tmpdir(), 'cti-cache-'));
      const file = path.join(dir, 'cache.json');
      const corsOrigins = [`http://localhost:${pagePort}`, `http://127.0.0.1:${pagePort}`];
      writeFileSync(file, JSON.stringify({ users: [`${USERNAME}:${PASSWORD}`], pools: POOLS, corsOrigins }));
      child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          CTI_CACHE_CONFIG: file,
          CTI_CACHE_PORT: String(port),
          CTI_CACHE_HOST: HOST,
          CTI_CACHE_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      url = `http://${HOST}:${port}`;
      await new Promise((resolve) => hung.listen(0, HOST, () => resolve(undefined)));
      const hungAddress = hung.address();
      hungUrl = `http://${HOST}:${typeof hungAddress === 'object' && hungAddress ? hungAddress.port : 0}`;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ready = await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (child.exitCode !== null) throw new Error(`the cache service exited with ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error('the cache service did not become ready in 30 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async serverStop() {
      child?.kill('SIGTERM');
      hung.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    /** @param {{ command: string }} args */
    async executeCommand({ command }) {
      if (command !== 'cache-info') return undefined;
      return { url, username: USERNAME, password: PASSWORD, pools: POOLS, hungUrl };
    },
  };
}
