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
import { checkSeedExchanges } from './helpers/seed-curl.ts';

const run = promisify(execFile);

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
