/**
 * Development SIP registrar + proxy over WebSocket (RFC 7118, subprotocol `sip`),
 * pure Node (`ws`), for `npm start`. Not for production: no TLS, no forking,
 * digest only on REGISTER (when `users` is given), state in memory.
 *
 * Robustness: every frame is parsed defensively; anything malformed is logged
 * and dropped, and no input can throw out of a socket handler.
 */
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import type { RawData } from 'ws';

type VerifyCallback = (result: boolean, code?: number, message?: string) => void;
import { z } from 'zod';
import { DigestAuthenticator } from './sip-digest.ts';
import { MAX_MESSAGE_BYTES, parseSipMessage } from './sip-message.ts';
import { SipRouter } from './sip-router.ts';
import type { Outbound } from './sip-router.ts';

export const sipServerOptionsSchema = z.object({
  port: z.number().int().min(0).max(65535),
  host: z.string().min(1).default('127.0.0.1'),
  /** user → password. Given: only these users exist and REGISTER needs digest. */
  users: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,32}$/), z.string().min(1)).optional(),
  realm: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,64}$/)
    .default('sandbox'),
  /** How often idle WebSockets are pinged; a tab that misses a ping is dropped. */
  pingIntervalMs: z.number().int().min(100).default(30_000),
  /** Open WebSockets at most; more are refused with 503 (a dev sandbox has a few tabs). */
  maxConnections: z.number().int().min(1).default(64),
  /** Called numbers (DIDs, e.g. the cache's pool) → the extension they ring; To keeps the DID. */
  numbers: z.record(z.string().regex(/^\d{1,20}$/), z.string().regex(/^[A-Za-z0-9._-]{1,32}$/)).optional(),
});
export type SipServerOptions = z.input<typeof sipServerOptionsSchema> & {
  readonly log?: (line: string) => void;
};

export interface SipServer {
  readonly url: string;
  readonly port: number;
  /** AOR users with at least one live binding, sorted. */
  registrations(): string[];
  close(): Promise<void>;
}

const PING = '\r\n\r\n'; // RFC 5626 §3.5.1 keep-alive, answered with a single CRLF
const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function startSipServer(input: SipServerOptions): Promise<SipServer> {
  const options = sipServerOptionsSchema.parse(input);
  const log = input.log ?? (() => undefined);
  const connections = new Map<number, WebSocket>();
  const alive = new Set<number>();
  let nextId = 1;
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
    res.end('SIP over WebSocket: connect with subprotocol "sip"\n');
  });
  const wss = new WebSocketServer({
    server: http,
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: ({ req }: { req: IncomingMessage }, accept: VerifyCallback) => {
      if (!offersSip(req) || !fromLocalPage(req)) accept(false, 401);
      else if (connections.size >= options.maxConnections) accept(false, 503, 'Too Many Connections');
      else accept(true);
    },
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  wss.on('error', (error) => log(`websocket server error: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  http.on('error', (error) => log(`http server error: ${error.message}`));
  const port = (http.address() as AddressInfo).port;

  const users = options.users;
  const router = new SipRouter({
    host: options.host,
    port,
    users: users ? new Set(Object.keys(users)) : undefined,
    digest: users ? new DigestAuthenticator(options.realm, (user) => users[user]) : undefined,
    numbers: options.numbers ? new Map(Object.entries(options.numbers)) : undefined,
    log,
  });

  const deliver = (out: Outbound): void => {
    const ws = connections.get(out.connId);
    if (ws?.readyState === WebSocket.OPEN) ws.send(out.text);
    else log(`conn ${out.connId} is gone; message dropped`);
  };

  wss.on('connection', (ws, req) => {
    // Handshakes verified concurrently may all have passed the check above.
    if (connections.size >= options.maxConnections) return ws.close(1013, 'Too Many Connections');
    const connId = nextId++;
    connections.set(connId, ws);
    alive.add(connId);
    log(`conn ${connId} open from ${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`);
    ws.on('pong', () => alive.add(connId));
    ws.on('error', (error) => log(`conn ${connId} error: ${error.message}`));
    ws.on('close', () => {
      connections.delete(connId);
      alive.delete(connId);
      router.connectionClosed(connId);
      log(`conn ${connId} closed`);
    });
    ws.on('message', (data, isBinary) => {
      try {
        const text = decode(data, isBinary);
        if (text === undefined) return log(`conn ${connId}: dropped a frame that is not UTF-8`);
        if (text === PING) return ws.send('\r\n');
        if (text.trim() === '') return undefined; // a pong or stray CRLF
        const parsed = parseSipMessage(text);
        if (!parsed.ok) return log(`conn ${connId}: dropped bad frame (${parsed.error})`);
        router.handle(connId, parsed.value).forEach(deliver);
      } catch (error: unknown) {
        // Last resort: a bug must not take the sandbox down with it.
        log(
          `conn ${connId}: error handling a frame: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
      return undefined;
    });
    return undefined;
  });

  // Drop tabs that vanished without a close frame, so their bindings go too; purge expired ones.
  const pinger = setInterval(() => {
    router.registrar.purgeExpired();
    for (const [connId, ws] of connections) {
      if (!alive.has(connId)) ws.terminate();
      else {
        alive.delete(connId);
        ws.ping();
      }
    }
  }, options.pingIntervalMs);
  pinger.unref();

  return {
    url: `ws://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    registrations: () => router.registrar.users(),
    close: async () => {
      clearInterval(pinger);
      for (const ws of connections.values()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function offersSip(req: IncomingMessage): boolean {
  const header = req.headers['sec-websocket-protocol'] ?? '';
  return header.split(',').some((p) => p.trim().toLowerCase() === 'sip');
}

/** Any web page can open a WebSocket: accept only pages served from this machine (or no Origin, e.g. Node). */
function fromLocalPage(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin === undefined || /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.test(origin);
}

function decode(data: RawData, isBinary: boolean): string | undefined {
  const buffer = Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(new Uint8Array(data));
  if (!isBinary) return buffer.toString('utf8'); // ws has already validated text frames
  try {
    return utf8.decode(buffer);
  } catch {
    return undefined;
  }
}
