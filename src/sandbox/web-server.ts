/** Vite dev server for the demo pages (index.html, demo/crm.html) using the project's vite.config.ts. */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

export interface WebServer {
  readonly port: number;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startWebServer(options: {
  host: string;
  port: number;
  sipPort: number;
}): Promise<WebServer> {
  // The pages read the SIP port from import.meta.env (Vite exposes VITE_* variables).
  process.env['VITE_CTI_SANDBOX_SIP_PORT'] = String(options.sipPort);
  const server = await createServer({
    root: ROOT,
    configFile: `${ROOT}vite.config.ts`,
    mode: 'development',
    server: { host: options.host, port: options.port, strictPort: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { port, close: () => server.close() };
}
