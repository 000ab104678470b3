/** Small pieces of plain node:http for the sandbox's own routes (sink-switch.ts): bodies in, JSON out. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { err, ok, type Result } from '../core/result.ts';

/** A connect-style route, as Vite's dev server mounts it. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Reads the whole body, up to `limit` bytes (more: an error, the rest ignored). */
export function readBody(req: IncomingMessage, limit: number): Promise<Result<Buffer, 'too-large'>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? err('too-large') : ok(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** The error body of the sandbox's routes, shaped like the cache service's. */
export const problem = (error: string, message: string) => ({ error, message });

/** Only a JSON body is taken: a cross-site form cannot send one without a CORS preflight. */
export const isJson = (req: IncomingMessage): boolean =>
  /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');

/** The request's path and query string (the routes are mounted without a path: `url` is whole). */
export function requestTarget(req: IncomingMessage): { path: string; search: string } {
  const base = 'http://sandbox.invalid';
  const raw = req.url ?? '/';
  const url = URL.canParse(raw, base) ? new URL(raw, base) : undefined;
  return { path: url?.pathname ?? '', search: url?.search ?? '' };
}
