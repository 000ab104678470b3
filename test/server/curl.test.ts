/**
 * The seed's three curl exchanges, run verbatim with the real curl against a
 * listening service: once over HTTPS exactly as written (curl is pointed at the
 * test server with --connect-to and trusts a throwaway certificate for
 * yourDomain.com), once over plain HTTP with only the base URL changed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { requireBinary } from './helpers/binaries.ts';
import { testConfig } from './helpers/config.ts';

const run = promisify(execFile);

/** Copied from shared/seeds/000 (the article), character for character. */
const SEED = {
  post: `curl --user "username:password" -v -i -H "Content-Type:application/json" -X POST -d '{"value" : "12345678", "ani" : "1234567890"}' https://yourDomain.com/cticache/DNIS-ANI`,
  get: `curl --user "username:password" -v -i https://yourDomain.com/cticache/DNIS-ANI/5551234568:1234567890`,
  delete: `curl --user "username:password" -v -i -X DELETE https://yourDomain.com/cticache/DNIS-ANI/5551234568:1234567890`,
} as const;

interface CurlResponse {
  statusLine: string;
  headers: Map<string, string>;
  body: string;
}

async function curl(command: string, extra: string): Promise<CurlResponse> {
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
async function checkSeedExchanges(extra: string, rewrite: (cmd: string) => string = (c) => c): Promise<void> {
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

describe("the seed's curl examples against a listening service", () => {
  let dir!: string;
  before(async () => {
    requireBinary('curl', 'apt-get install -y curl');
    requireBinary('openssl', 'apt-get install -y openssl');
    dir = await mkdtemp(join(tmpdir(), 'cticache-tls-'));
  });
  after(async () => {
    if ((dir as string | undefined) !== undefined) await rm(dir, { recursive: true, force: true });
  });

  // The article's POST got 5551234568: a pool starting there gives the same exchange.
  const pools = { default: '5551234568-5551234569' };

  it('work verbatim over HTTPS (TLS from CTI_CACHE_TLS_CERT/KEY)', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      '/CN=yourDomain.com',
      '-addext',
      'subjectAltName=DNS:yourDomain.com',
    ]);
    const service: CacheService = await startCacheService(
      testConfig({ pools, tls: { certPath: cert, keyPath: key } }),
    );
    try {
      assert.match(service.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const port = new URL(service.url).port;
      await checkSeedExchanges(`--connect-to yourDomain.com:443:127.0.0.1:${port} --cacert ${cert}`);
    } finally {
      await service.close();
    }
  });

  it('work over plain HTTP with only the base URL changed', async () => {
    const service = await startCacheService(testConfig({ pools }));
    try {
      await checkSeedExchanges('', (cmd) => cmd.replace('https://yourDomain.com', service.url));
    } finally {
      await service.close();
    }
  });
});
