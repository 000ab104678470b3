/**
 * The seed's three curl commands against the cache as `npm start` configures it (its defaults for
 * users, pool and CORS), with only the base URL changed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startCache, type RunningCache } from '../../src/sandbox/cache-launcher.ts';
import { cacheEnv } from '../../src/sandbox/sandbox-config.ts';
import { requireBinary } from '../server/helpers/binaries.ts';

const run = promisify(execFile);
const SEED = [
  `curl --user "username:password" -v -i -H "Content-Type:application/json" -X POST -d '{"value" : "12345678", "ani" : "1234567890"}' https://yourDomain.com/cticache/DNIS-ANI`,
  `curl --user "username:password" -v -i https://yourDomain.com/cticache/DNIS-ANI/5551234568:1234567890`,
  `curl --user "username:password" -v -i -X DELETE https://yourDomain.com/cticache/DNIS-ANI/5551234568:1234567890`,
] as const;

describe("npm start's cache answers the seed's curl commands", () => {
  let cache: RunningCache | undefined;
  before(async () => {
    requireBinary('curl', 'apt-get install -y curl');
    const started = await startCache(cacheEnv({ CTI_CACHE_PORT: '0', CTI_CACHE_LOG_LEVEL: 'silent' }, 5173));
    assert.ok(started.ok, started.ok ? '' : started.error);
    cache = started.value;
  });
  after(() => cache?.close());

  it('POST, GET, DELETE as in the article', async () => {
    const outputs: string[] = [];
    for (const command of SEED) {
      const { stdout } = await run('bash', ['-c', command.replace('https://yourDomain.com', cache?.url ?? '')], { timeout: 20_000 });
      outputs.push(stdout);
    }
    const [post = '', get = '', del = ''] = outputs;
    assert.match(post, /^HTTP\/1\.1 201 Created/);
    assert.match(post, /Location: \/cticache\/DNIS-ANI\/5551234568:1234567890/i);
    assert.ok(post.endsWith('{"dnis":"5551234568","ani":"1234567890","value":"12345678"}'), post);
    assert.match(get, /^HTTP\/1\.1 200 OK/);
    assert.ok(get.endsWith('{"value":"12345678"}'), get);
    assert.match(del, /^HTTP\/1\.1 200 OK/);
    assert.ok(del.endsWith('{"value":"12345678"}'), del);
  });
});
