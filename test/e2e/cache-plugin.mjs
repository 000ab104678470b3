// @web/test-runner plugin: the real call-data cache service (src/server, seed 000's API) for the
// whole run, as its own Node process on 127.0.0.1, allowing the test pages' origin (CORS).
//   'cache-info' -> { url, username, password, pools, hungUrl, scriptedUrl }
//   'cache-script' { status, body, contentType } -> { scriptedUrl }: what the scripted cache answers from now on
// `hungUrl` is a server that accepts connections and never answers (a hung cache); `scriptedUrl` is a
// cache that answers every request as scripted (garbage JSON, 413, 401…), with CORS for the test pages.
// Pools: `default` (seed 000's 5551234560-5551234569) and `agent1003` (extension 1003 alone, so
// that a call transferred to a DNIS of that pool rings the widget registered as 1003).
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
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
  let script = { status: 200, body: 'not json', contentType: 'application/json' };
  const scripted = createHttpServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, idempotency-key');
      res.writeHead(204).end();
      return;
    }
    req.resume();
    res.writeHead(script.status, { 'Content-Type': script.contentType }).end(script.body);
  });
  let scriptedUrl = '';
  const listen = (/** @type {import('node:net').Server} */ server) =>
    new Promise((resolve) =>
      server.listen(0, HOST, () => {
        const address = server.address();
        resolve(`http://${HOST}:${typeof address === 'object' && address ? address.port : 0}`);
      }),
    );
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
      hungUrl = String(await listen(hung));
      scriptedUrl = String(await listen(scripted));
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
      scripted.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    /** @param {{ command: string, payload?: unknown }} args */
    async executeCommand({ command, payload }) {
      if (command === 'cache-script') {
        script = { ...script, .../** @type {Partial<typeof script>} */ (payload ?? {}) };
        return { scriptedUrl };
      }
      if (command !== 'cache-info') return undefined;
      return { url, username: USERNAME, password: PASSWORD, pools: POOLS, hungUrl, scriptedUrl };
    },
  };
}
