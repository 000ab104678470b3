// Small Node-side helpers for the Kamailio test bed: a free port, one-shot HTTP POST, old run dirs.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const HOST = '127.0.0.1';
export const RUN_DIR_PREFIX = 'cti-kamailio-';
const KEEP_RUN_DIRS_MS = 24 * 3600_000;

/** Resolves a port free on both TCP and UDP on 127.0.0.1 (Kamailio listens on both). */
export async function findFreePort() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, HOST, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, HOST, () => socket.close(() => resolve(true)));
    });
    if (udpFree) return /** @type {number} */ (port);
  }
  throw new Error('no free TCP+UDP port on 127.0.0.1');
}

/** Run directories (config + log) are kept for post-mortems; remove this bed's ones older than a day. */
export function pruneOldRunDirs() {
  const now = Date.now();
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = path.join(tmpdir(), name);
    try {
      if (now - statSync(dir).mtimeMs > KEEP_RUN_DIRS_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // raced with another run: fine
    }
  }
}

/**
 * One HTTP POST on a fresh connection. Not fetch(): its keep-alive pool reuses sockets that Kamailio's
 * xhttp closes after each reply, and that race fails a request now and then ("fetch failed").
 * @param {number} port @param {string} urlPath @param {string} payload @returns {Promise<string>}
 */
export function postOnce(port, urlPath, payload) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    const req = request(
      { host: HOST, port, path: urlPath, method: 'POST', agent: false, headers, timeout: 2_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}: ${text}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${HOST}:${port} in 2 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}
