import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_CACHE_POOL,
  DEMO_CACHE_USER,
  DEMO_USERS,
  cacheEnv,
  cacheWarning,
  loadSandboxConfig,
} from '../../src/sandbox/sandbox-config.ts';
import { formatBanner } from '../../src/sandbox/banner.ts';
import { loadCacheConfigFromEnv } from '../../src/server/config.ts';

describe('sandbox configuration', () => {
  it('defaults to SIP 5066 and web 5173, overridable by the environment', () => {
    assert.deepEqual(loadSandboxConfig({}), {
      ok: true,
      value: { host: '127.0.0.1', sipPort: 5066, webPort: 5173 },
    });
    const custom = loadSandboxConfig({ CTI_SANDBOX_SIP_PORT: '0', CTI_SANDBOX_WEB_PORT: ' 6000 ' });
    assert.deepEqual(custom, { ok: true, value: { host: '127.0.0.1', sipPort: 0, webPort: 6000 } });
  });

  it('names the variable that is wrong', () => {
    const bad = loadSandboxConfig({ CTI_SANDBOX_SIP_PORT: '70000' });
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /CTI_SANDBOX_SIP_PORT/);
  });

  it('gives the cache service a demo user and CORS for the pages, unless set', () => {
    assert.equal(cacheEnv({}, 5173)['CTI_CACHE_USERS'], DEMO_CACHE_USER);
    assert.equal(cacheEnv({}, 5174)['CTI_CACHE_CORS_ORIGINS'], 'http://localhost:5174,http://127.0.0.1:5174');
    assert.equal(cacheEnv({ CTI_CACHE_USERS: 'me:x' }, 5173)['CTI_CACHE_USERS'], 'me:x');
    assert.equal(cacheEnv({}, 5173)['CTI_CACHE_POOL'], DEMO_CACHE_POOL);
    assert.equal(
      cacheEnv({ CTI_CACHE_POOL: '5550000000-5550000009' }, 5173)['CTI_CACHE_POOL'],
      '5550000000-5550000009',
    );
  });

  it('pins the cache to loopback unless CTI_CACHE_HOST (or a config file) says otherwise', () => {
    assert.equal(cacheEnv({}, 5173)['CTI_CACHE_HOST'], '127.0.0.1');
    assert.equal(cacheEnv({ CTI_CACHE_HOST: '0.0.0.0' }, 5173)['CTI_CACHE_HOST'], '0.0.0.0');
    assert.equal(cacheEnv({ CTI_CACHE_CONFIG: '/x.json' }, 5173)['CTI_CACHE_HOST'], undefined);
  });

  it('warns only when the demo credentials are served beyond loopback', () => {
    const demo = cacheEnv({ CTI_CACHE_HOST: '0.0.0.0' }, 5173);
    assert.match(cacheWarning(demo, 'http://0.0.0.0:8787') ?? '', /username:password.*0\.0\.0\.0/);
    assert.match(cacheWarning(demo, 'http://[2001:db8::1]:8787') ?? '', /2001:db8::1/);
    for (const url of [
      'http://127.0.0.1:8787',
      'http://127.0.0.2:1',
      'http://localhost:8787',
      'http://[::1]:8787',
    ])
      assert.equal(cacheWarning(demo, url), undefined, url);
    const own = cacheEnv({ CTI_CACHE_HOST: '0.0.0.0', CTI_CACHE_USERS: 'me:secret' }, 5173);
    assert.equal(cacheWarning(own, 'http://0.0.0.0:8787'), undefined);
  });

  it('prints a warning in the banner when given one', () => {
    const text = formatBanner({
      webPort: 5173,
      sipUrl: 'ws://127.0.0.1:5066',
      cache: { url: 'http://0.0.0.0:8787', user: DEMO_CACHE_USER, warning: 'demo credentials on 0.0.0.0' },
      users: DEMO_USERS,
    });
    assert.match(text, /WARNING: demo credentials on 0\.0\.0\.0/);
  });

  it('prints every URL a developer needs', () => {
    const text = formatBanner({
      webPort: 5173,
      sipUrl: 'ws://127.0.0.1:5066',
      cache: { url: 'http://127.0.0.1:8787', user: 'demo:demo-secret' },
      users: DEMO_USERS,
    });
    for (const expected of [
      'http://localhost:5173/?user=1001',
      'http://localhost:5173/?user=1002',
      'http://localhost:5173/?user=1003',
      'http://localhost:5173/demo/crm.html',
      'ws://127.0.0.1:5066',
      'http://127.0.0.1:8787',
      'pw1001',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
  });
});

describe('sandbox cache environment with a CTI_CACHE_CONFIG file', () => {
  let dir = '';
  let file = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-config-'));
    file = join(dir, 'cache.json');
    const config = {
      host: '127.0.0.1',
      users: ['alice:s3cret'],
      pools: { default: '5550001000-5550001009' },
    };
    await writeFile(file, JSON.stringify(config));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("keeps the file's users, pool and host (no demo values injected)", () => {
    const env = cacheEnv({ CTI_CACHE_CONFIG: file }, 5173);
    assert.equal(env['CTI_CACHE_USERS'], undefined);
    assert.equal(env['CTI_CACHE_POOL'], undefined);
    assert.equal(env['CTI_CACHE_HOST'], undefined);
    const loaded = loadCacheConfigFromEnv(env);
    const fileOnly = loadCacheConfigFromEnv({ CTI_CACHE_CONFIG: file });
    assert.ok(loaded.ok && fileOnly.ok);
    assert.deepEqual(loaded.value.users, [{ user: 'alice', password: 's3cret' }]);
    assert.deepEqual(loaded.value.pools, fileOnly.value.pools);
  });

  it('still lets a variable override the file, as the cache service documents', () => {
    const loaded = loadCacheConfigFromEnv(
      cacheEnv({ CTI_CACHE_CONFIG: file, CTI_CACHE_USERS: 'bob:pw' }, 5173),
    );
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.value.users, [{ user: 'bob', password: 'pw' }]);
  });
});
