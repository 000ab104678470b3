// A static server on 127.0.0.1 (free port) for the load benches: the production widget build
// (dist/embed, every file of its directory at the root: the loader /cti-softphone.js, the module,
// chunks/), the bare sip.js bundle at /bare-register.js, and the HTML pages given. Nothing else.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { listenOnLoopback } from '../softphone/server.ts';

export interface LoadServer {
  /** e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  /** Serves `html` at `/${name}` from now on. */
  page(name: string, html: string): void;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript', '.mjs': 'text/javascript' };

export async function startLoadServer(files: { widget: string; bare: string }): Promise<LoadServer> {
  const widgetDir = path.resolve(path.dirname(files.widget));
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (type: string, body: string | Buffer): void => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    const html = pages.get(pathname);
    if (html !== undefined) return send('text/html; charset=utf-8', html);
    const file =
      pathname === '/bare-register.js' ? files.bare : path.join(widgetDir, path.normalize(pathname));
    const type = TYPES[path.extname(file)];
    if (!type || (file !== files.bare && !file.startsWith(widgetDir + path.sep))) {
      res.writeHead(pathname === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    readFile(file).then(
      (body) => send(type, body),
      (e: unknown) => res.writeHead((e as NodeJS.ErrnoException).code === 'ENOENT' ? 404 : 500).end(),
    );
  });
  return { ...(await listenOnLoopback(server)), page: (name, html) => void pages.set(`/${name}`, html) };
}
