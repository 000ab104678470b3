/**
 * Vite dev server for the demo pages (index.html and demo/*.html: see banner.ts) using the
 * project's vite.config.ts, plus /sandbox.json: what the pages need to know of this `npm start`
 * (page-config.ts), answered from `page()` at each request since the cache starts after Vite, and
 * the sandbox's own `routes` (the demo CRM page's switchable event sink: sink-switch.ts).
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { Handler } from './http-io.ts';
import { SANDBOX_JSON_PATH, type SandboxPage } from './page-config.ts';

export interface WebServer {
  readonly port: number;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startWebServer(options: {
  host: string;
  port: number;
  sipPort: number;
  page: () => SandboxPage;
  /** Mounted ahead of Vite's own middleware, each seeing the whole URL. */
  routes?: readonly Handler[];
}): Promise<WebServer> {
  // The pages read the SIP port from import.meta.env (Vite exposes VITE_* variables).
  process.env['VITE_CTI_SANDBOX_SIP_PORT'] = String(options.sipPort);
  const server = await createServer({
    root: ROOT,
    configFile: `${ROOT}vite.config.ts`,
    mode: 'development',
    server: { host: options.host, port: options.port, strictPort: false },
    plugins: [
      {
        name: 'cti-sandbox-page',
        configureServer(dev) {
          dev.middlewares.use(SANDBOX_JSON_PATH, (req, res) => {
            const head = req.method === 'HEAD';
            if (req.method !== 'GET' && !head) {
              res.writeHead(405, { Allow: 'GET, HEAD' }).end();
              return;
            }
            res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
            res.end(head ? undefined : JSON.stringify(options.page()));
          });
          for (const route of options.routes ?? []) dev.middlewares.use(route);
        },
      },
    ],
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { port, close: () => server.close() };
}
