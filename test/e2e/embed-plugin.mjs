// @web/test-runner plugin: the script-tag build (dist/embed: the loader, the module, its chunks) as
// a CRM would host it, on its own 127.0.0.1 origin (CORS on, as a CDN's), built from the current
// sources on first use (vite --mode embed, then --mode embed-loader; a few seconds) into a
// temporary directory, so the run never depends on (or overwrites) a stale dist/.
//   'embed-info' -> { url }   e.g. http://127.0.0.1:PORT/ : `${url}cti-softphone.js` is the script tag's src
//   'embed-config' {name, body, status?} -> { url }   serves `body` (text, as application/json) at
//                  `${url}config/${name}` from now on: a central config for data-config-url
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST } from './kamailio-support.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Module scripts need a JavaScript MIME type (the browser refuses them otherwise). */
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

/** @param {string} outDir */
async function buildEmbed(outDir) {
  const { build } = await import('vite');
  for (const mode of ['embed', 'embed-loader'])
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      root: ROOT,
      mode,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: mode === 'embed' },
    });
}

/** Answers for /config/NAME, set by 'embed-config'. @type {Map<string, { body: string, status: number }>} */
const configs = new Map();

/** @param {string} dir */
function staticServer(dir) {
  return createServer((req, res) => {
    const config = configs.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (config) {
      const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*' };
      return void res.writeHead(config.status, { ...headers, 'cache-control': 'no-store' }).end(config.body);
    }
    const file = path.join(dir, path.normalize(new URL(req.url ?? '/', 'http://x').pathname));
    const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file))];
    if (!file.startsWith(dir + path.sep) || !type) return void res.writeHead(404).end();
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': type,
            'access-control-allow-origin': '*',
            'cache-control': 'no-store',
          })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
}

export function embedPlugin() {
  /** @type {Promise<string> | undefined} */
  let ready;
  /** @type {import('node:http').Server | undefined} */
  let server;
  let dir = '';
  const start = async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cti-embed-'));
    await buildEmbed(dir);
    server = staticServer(dir);
    await new Promise((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(0, HOST, () => resolve(undefined));
    });
    const address = /** @type {import('node:net').AddressInfo} */ (server.address());
    return `http://${HOST}:${address.port}/`;
  };
  return {
    name: 'cti-embed',
    /** @param {{ command: string, payload?: unknown }} args */
    async executeCommand({ command, payload }) {
      if (command !== 'embed-info' && command !== 'embed-config') return undefined;
      ready ??= start();
      const url = await ready;
      if (command === 'embed-info') return { url };
      const {
        name,
        body,
        status = 200,
      } = /** @type {{ name: string, body: string, status?: number }} */ (payload);
      configs.set(`/config/${name}`, { body: String(body), status });
      return { url: `${url}config/${name}` };
    },
    async serverStop() {
      server?.closeAllConnections();
      await new Promise((resolve) => (server ? server.close(() => resolve(undefined)) : resolve(undefined)));
      if (dir) rmSync(dir, { recursive: true, force: true });
      configs.clear();
    },
  };
}
