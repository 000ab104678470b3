// A tiny static server on 127.0.0.1 (free port) for the bench page: the production widget bundle,
// the bench page bundle and one HTML page. Nothing else is served.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cti-softphone bench</title>
<script type="module" src="/bench-page.js"></script></head><body></body></html>`;

export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startBenchServer(files: { widget: string; benchPage: string }): Promise<BenchServer> {
  const routes = new Map<string, () => Promise<{ type: string; body: string | Buffer }>>([
    ['/', async () => ({ type: 'text/html; charset=utf-8', body: PAGE })],
    ['/cti-softphone.js', async () => ({ type: 'text/javascript', body: await readFile(files.widget) })],
    ['/bench-page.js', async () => ({ type: 'text/javascript', body: await readFile(files.benchPage) })],
  ]);
  const server: Server = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!route) {
      // favicon.ico and anything else: nothing to serve (204 keeps the console free of 404 noise).
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    route().then(
      ({ type, body }) => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body),
      (e: unknown) => res.writeHead(500).end(String(e)),
    );
  });
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
