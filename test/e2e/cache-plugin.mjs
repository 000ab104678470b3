// @web/test-runner plugin: the real call-data cache service (src/server, seed 000's API) for the
// whole run, as its own Node process on 127.0.0.1, allowing the test pages' origin (CORS).
//   'cache-info' -> { url, username, password, pools, hungUrl, scriptedUrl, proxyUrl }
//   'cache-script' { status, body, contentType, headers?, hang? } -> { scriptedUrl }: what the scripted cache
//                  answers from now on (status, body and contentType stay until changed; `headers` (sent and
//                  exposed to the page through CORS) and `hang` (accept the request and never answer) hold only
//                  for the script they come with); the requests it received are forgotten
//   'cache-script-requests' -> [{ method, path, idempotencyKey, body, at }]: the non-OPTIONS requests the scripted
//                  cache received since the last 'cache-script' (at most 1,000; `at` is epoch ms on arrival)
//   'cache-proxy' { state: 'up' | 'down' } -> { proxyUrl }: a loopback TCP proxy in front of the cache service
//                  (`proxyUrl`, also in 'cache-info'); 'down' closes its port and cuts every connection (the
//                  receiver is gone: connections are refused), 'up' listens again on the same port
// `hungUrl` is a server that accepts connections and never answers (a hung cache); `scriptedUrl` is a
// cache that answers every request as scripted (garbage JSON, 413, 401…), with CORS for the test pages.
// Pools: `default` (seed 000's 5551234560-5551234569) and `agent1003` (extension 1003 alone, so
// that a call transferred to a DNIS of that pool rings the widget registered as 1003).
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer } from 'node:net';
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
  /** Per script only (reset by every 'cache-script'). @type {{ headers: Record<string, string>, hang: boolean }} */
  let extras = { headers: {}, hang: false };
  /** @type {{ method: string, path: string, idempotencyKey: string, body: string, at: number }[]} */
  let received = [];
  const scripted = createHttpServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, idempotency-key');
      res.writeHead(204).end();
      return;
    }
    const at = Date.now();
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      // The script in force once the request is complete answers it (and its log holds it).
      const { headers, hang } = extras;
      if (received.length < 1000)
        received.push({
          method: req.method ?? '',
          path: req.url ?? '',
          idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
          at,
        });
      if (hang) return; // the socket stays open until the client gives up (or the run ends)
      const names = Object.keys(headers);
      if (names.length > 0) res.setHeader('Access-Control-Expose-Headers', names.join(', '));
      res.writeHead(script.status, { ...headers, 'Content-Type': script.contentType }).end(script.body);
    });
  });
  let scriptedUrl = '';
  // The proxy in front of the cache service: the same port throughout, its listener closed while 'down'.
  /** @type {Set<import('node:net').Socket>} */
  const piped = new Set();
  let cachePort = 0;
  let proxyPort = 0;
  let proxyUrl = '';
  const proxy = createServer((client) => {
    const upstream = connect(cachePort, HOST);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      piped.delete(client);
      piped.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      piped.add(socket);
      socket.on('error', drop);
      socket.on('close', drop);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const proxyDown = () =>
    new Promise((resolve) => {
      if (!proxy.listening) return resolve(undefined);
      proxy.close(() => resolve(undefined));
      for (const socket of piped) socket.destroy();
    });
  /** Listens on `proxyPort` again, waiting out an EADDRINUSE (someone took the port for a moment). */
  const proxyUp = async () => {
    const deadline = Date.now() + 10_000;
    while (!proxy.listening) {
      const error = await new Promise((resolve) => {
        proxy.once('error', resolve);
        proxy.listen(proxyPort, HOST, () => (proxy.off('error', resolve), resolve(undefined)));
      });
      if (error === undefined) break;
      if (Date.now() > deadline)
        throw new Error(`the cache proxy could not listen on ${proxyPort} again: ${error}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
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
      cachePort = port;
      proxyUrl = String(await listen(proxy));
      proxyPort = Number(new URL(proxyUrl).port);
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
      scripted.closeAllConnections();
      await proxyDown();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    /** @param {{ command: string, payload?: unknown }} args */
    async executeCommand({ command, payload }) {
      if (command === 'cache-script') {
        const { headers, hang, ...rest } = /** @type {Partial<typeof script & typeof extras>} */ (
          payload ?? {}
        );
        script = { ...script, ...rest };
        extras = { headers: headers ?? {}, hang: hang ?? false };
        received = [];
        return { scriptedUrl };
      }
      if (command === 'cache-script-requests') return received;
      if (command === 'cache-proxy') {
        const state = /** @type {{ state?: unknown }} */ (payload ?? {}).state;
        if (state === 'down') await proxyDown();
        else if (state === 'up') await proxyUp();
        else throw new Error(`cache-proxy: state must be 'up' or 'down', not ${String(state)}`);
        return { proxyUrl };
      }
      if (command !== 'cache-info') return undefined;
      return { url, username: USERNAME, password: PASSWORD, pools: POOLS, hungUrl, scriptedUrl, proxyUrl };
    },
  };
}
