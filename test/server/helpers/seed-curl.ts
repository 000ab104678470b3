/**
 * The seed article's three curl commands (shared/seeds/000) and a runner that holds a
 * service to the exchanges the article shows. Used by test/server/curl.test.ts and by
 * test/sandbox/seed-curl.test.ts (the `npm start` cache).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Copied from shared/seeds/000 (the article), character for character. */
export const SEED = {
  post: `curl --user "username:password" -v -i -H "Content-Type:application/json" -X POST -d '{"value" : "12345678", "ani" : "1234567890"}' https://yourDomain.com/cticache/DNIS-ANI`,
  get: `curl --user "username:password" -v -i https://yourDomain.com/cticache/DNIS-ANI/5551234568:1234567890`,
  delete: `curl --user "username:password" -v -i -X DELETE https://yourDomain.com/cticache/DNIS-ANI/5551234568:1234567890`,
} as const;

export interface CurlResponse {
  statusLine: string;
  headers: Map<string, string>;
  body: string;
}

/** Runs a curl command line (with `extra` arguments appended) and splits its `-i` output. */
export async function curl(command: string, extra: string): Promise<CurlResponse> {
  const { stdout } = await run('bash', ['-c', `${command} ${extra}`], { timeout: 20_000 });
  const split = stdout.indexOf('\r\n\r\n');
  assert.ok(split > 0, `no header block in curl output:\n${stdout}`);
  const [statusLine = '', ...lines] = stdout.slice(0, split).split('\r\n');
  const headers = new Map(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { statusLine, headers, body: stdout.slice(split + 4) };
}

/** The responses the article shows (Express-only headers such as X-Powered-By and ETag aside). */
export async function checkSeedExchanges(
  extra: string,
  rewrite: (cmd: string) => string = (c) => c,
): Promise<void> {
  const post = await curl(rewrite(SEED.post), extra);
  assert.equal(post.statusLine, 'HTTP/1.1 201 Created');
  assert.equal(post.headers.get('location'), '/cticache/DNIS-ANI/5551234568:1234567890');
  assert.equal(post.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(post.headers.get('content-length'), '59');
  assert.equal(post.body, '{"dnis":"5551234568","ani":"1234567890","value":"12345678"}');

  const get = await curl(rewrite(SEED.get), extra);
  assert.equal(get.statusLine, 'HTTP/1.1 200 OK');
  assert.equal(get.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(get.headers.get('content-length'), '20');
  assert.equal(get.body, '{"value":"12345678"}');

  const del = await curl(rewrite(SEED.delete), extra);
  assert.equal(del.statusLine, 'HTTP/1.1 200 OK');
  assert.equal(del.headers.get('content-length'), '20');
  assert.equal(del.body, '{"value":"12345678"}');

  const gone = await curl(rewrite(SEED.get), extra);
  assert.equal(gone.statusLine, 'HTTP/1.1 404 Not Found');
}
