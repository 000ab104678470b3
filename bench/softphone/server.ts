// A tiny static server on 127.0.0.1 (free port) for the bench page: the production widget build
// (every file of its directory, as a CRM serves dist/embed: the loader, the module, chunks/), the
// bench page bundle and one HTML page. Nothing else is served.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cti-softphone bench</title>
<script type="module" src="/bench-page.js"></script></head><body></body></html>`;

export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Module scripts are refused without a JavaScript MIME type. */
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
};

type Route = () => Promise<{ type: string; body: string | Buffer }>;

/** A file of the widget's directory (its loader is `/cti-softphone.js`), or undefined. */
function widgetFile(dir: string, pathname: string): Route | undefined {
  const file = path.join(dir, path.normalize(pathname));
  const type = TYPES[path.extname(file)];
  if (!type || !file.startsWith(dir + path.sep)) return undefined;
  return async () => ({ type, body: await readFile(file) });
}

/** `widget`: the loader, dist/embed/cti-softphone.js; its whole directory is served at the root. */
export async function startBenchServer(files: { widget: string; benchPage: string }): Promise<BenchServer> {
  const widgetDir = path.resolve(path.dirname(files.widget));
  const routes = new Map<string, Route>([
    ['/', async () => ({ type: 'text/html; charset=utf-8', body: PAGE })],
    ['/bench-page.js', async () => ({ type: 'text/javascript', body: await readFile(files.benchPage) })],
  ]);
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = routes.get(pathname) ?? widgetFile(widgetDir, pathname);
    if (!route) {
      // favicon.ico and anything else: nothing to serve (204 keeps the console free of 404 noise).
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    route().then(
      ({ type, body }) => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body),
      (e: unknown) =>
        res.writeHead((e as NodeJS.ErrnoException).code === 'ENOENT' ? 404 : 500).end(String(e)),
    );
  });
  return listenOnLoopback(server);
}

/** Listens on a free loopback port; `close` also ends open keep-alive connections. */
export async function listenOnLoopback(server: Server): Promise<BenchServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
