// Serves the journal bench page on 127.0.0.1 (free port): one HTML page and its module. A real
// http origin, because IndexedDB is per origin (and refused to opaque ones such as about:blank).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { listenOnLoopback } from '../softphone/server.ts';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cti-softphone journal bench</title>
<script type="module" src="/journal-page.js"></script></head><body></body></html>`;

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function servePage(script: string): Promise<PageServer> {
  const server = createServer((req, res) => {
    const route = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = { 'cache-control': 'no-store' };
    if (route === '/')
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (route === '/journal-page.js')
      readFile(script).then(
        (body) => res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(body),
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
    else res.writeHead(route === '/favicon.ico' ? 204 : 404).end();
  });
  return listenOnLoopback(server);
}
