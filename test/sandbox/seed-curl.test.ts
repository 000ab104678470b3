/**
 * The seed's three curl commands against the cache as `npm start` configures it (its defaults for
 * users, pool, host and CORS), with only the base URL changed: the same full exchange
 * test/server/curl.test.ts demands of the service (201 + Location + Content-Length + body,
 * GET 200, DELETE 200, then GET 404).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCache, type RunningCache } from '../../src/sandbox/cache-launcher.ts';
import { cacheEnv } from '../../src/sandbox/sandbox-config.ts';
import { requireBinary } from '../server/helpers/binaries.ts';
import { checkSeedExchanges } from '../server/helpers/seed-curl.ts';

describe("npm start's cache answers the seed's curl commands", () => {
  let cache: RunningCache | undefined;
  before(async () => {
    requireBinary('curl', 'apt-get install -y curl');
    const started = await startCache(cacheEnv({ CTI_CACHE_PORT: '0', CTI_CACHE_LOG_LEVEL: 'silent' }, 5173));
    assert.ok(started.ok, started.ok ? '' : started.error);
    cache = started.value;
  });
  after(() => cache?.close());

  it('POST, GET, DELETE as in the article, then GET 404', async () => {
    const url = cache?.url ?? '';
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/, 'served on loopback');
    await checkSeedExchanges('', (cmd) => cmd.replace('https://yourDomain.com', url));
  });
});
