import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatConfigError, loadCacheConfigFromEnv } from '../../src/server/config.ts';
import { parseDnisPool } from '../../src/server/dnis-pool.ts';

const base = { CTI_CACHE_USERS: 'username:password' };

function issues(env: Record<string, string>): string {
  const r = loadCacheConfigFromEnv(env);
  assert.equal(r.ok, false, 'expected a config error');
  return r.ok ? '' : formatConfigError(r.error);
}

describe('parseDnisPool', () => {
  it('expands ranges, keeps leading zeros and order, drops duplicates', () => {
    assert.deepEqual(parseDnisPool('5551234560-5551234562, 5559990000,5551234561'), {
      ok: true,
      value: ['5551234560', '5551234561', '5551234562', '5559990000'],
    });
    assert.deepEqual(parseDnisPool('0098-0101'), { ok: true, value: ['0098', '0099', '0100', '0101'] });
  });

  it('rejects what is not a number or a sane range', () => {
    for (const bad of ['', ' , ', 'abc', '555-12', '20-10', '1-2-3', '0-100000', '+1555']) {
      assert.equal(parseDnisPool(bad).ok, false, bad);
    }
  });
});

describe('loadCacheConfigFromEnv', () => {
  it('has the documented defaults', () => {
    const r = loadCacheConfigFromEnv(base);
    assert.ok(r.ok);
    const c = r.value;
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 8787);
    assert.equal(c.ttlS, 120);
    assert.equal(c.maxValueBytes, 8192);
    assert.equal(c.maxBytes, 64 * 1024 * 1024);
    assert.equal(c.redis, undefined);
    assert.equal(c.tls, undefined);
    assert.deepEqual(c.corsOrigins, []);
    assert.equal(c.pools['default']?.length, 10);
    assert.deepEqual(c.users, [{ user: 'username', password: 'password' }]);
  });

  it('reads every variable', () => {
    const r = loadCacheConfigFromEnv({
      CTI_CACHE_PORT: '9000',
      CTI_CACHE_HOST: '0.0.0.0',
      CTI_CACHE_USERS: 'a:1, b:pa:ss',
      CTI_CACHE_POOL: '100-102,200',
      CTI_CACHE_TTL_S: '30',
      CTI_CACHE_MAX_TTL_S: '60',
      CTI_CACHE_MAX_VALUE_BYTES: '1024',
      CTI_CACHE_MAX_ENTRIES: '50',
      CTI_CACHE_MAX_BYTES: '1048576',
      CTI_CACHE_REDIS_URL: 'redis://127.0.0.1:6390',
      CTI_CACHE_TLS_CERT: '/c.pem',
      CTI_CACHE_TLS_KEY: '/k.pem',
      CTI_CACHE_CORS_ORIGINS: 'https://crm.example.com,http://localhost:5173',
    });
    assert.ok(r.ok, r.ok ? '' : formatConfigError(r.error));
    const c = r.value;
    assert.equal(c.port, 9000);
    assert.equal(c.host, '0.0.0.0');
    assert.deepEqual(c.users, [
      { user: 'a', password: '1' },
      { user: 'b', password: 'pa:ss' },
    ]);
    assert.deepEqual(c.pools['default'], ['100', '101', '102', '200']);
    assert.equal(c.ttlS, 30);
    assert.equal(c.maxTtlS, 60);
    assert.equal(c.maxValueBytes, 1024);
    assert.equal(c.maxEntries, 50);
    assert.equal(c.maxBytes, 1_048_576);
    assert.deepEqual(c.redis, {
      url: 'redis://127.0.0.1:6390',
      keyPrefix: 'cticache:',
      commandTimeoutMs: 80,
    });
    assert.deepEqual(c.tls, { certPath: '/c.pem', keyPath: '/k.pem' });
    assert.deepEqual(c.corsOrigins, ['https://crm.example.com', 'http://localhost:5173']);
  });

  it('names the variable in each error', () => {
    assert.match(issues({}), /CTI_CACHE_USERS/);
    assert.match(issues({ CTI_CACHE_USERS: 'nopassword' }), /CTI_CACHE_USERS/);
    assert.match(issues({ ...base, CTI_CACHE_PORT: 'eighty' }), /CTI_CACHE_PORT/);
    assert.match(issues({ ...base, CTI_CACHE_PORT: '70000' }), /CTI_CACHE_PORT/);
    assert.match(issues({ ...base, CTI_CACHE_POOL: '20-10' }), /CTI_CACHE_POOL.*end is before start/);
    assert.match(issues({ ...base, CTI_CACHE_TTL_S: '0' }), /CTI_CACHE_TTL_S/);
    assert.match(issues({ ...base, CTI_CACHE_MAX_BYTES: '4096' }), /CTI_CACHE_MAX_BYTES.*maxValueBytes/);
    assert.match(
      issues({ ...base, CTI_CACHE_TTL_S: '600', CTI_CACHE_MAX_TTL_S: '60' }),
      /CTI_CACHE_MAX_TTL_S/,
    );
    assert.match(issues({ ...base, CTI_CACHE_REDIS_URL: 'localhost:6379' }), /CTI_CACHE_REDIS_URL/);
    assert.match(issues({ ...base, CTI_CACHE_TLS_CERT: '/c.pem' }), /CTI_CACHE_TLS_KEY/);
    assert.match(issues({ ...base, CTI_CACHE_CORS_ORIGINS: 'https://x.com/path' }), /CTI_CACHE_CORS_ORIGINS/);
  });

  describe('with a CTI_CACHE_CONFIG file', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cticache-config-'));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('takes named pools and users from the file; the environment wins', async () => {
      const file = join(dir, 'ok.json');
      await writeFile(
        file,
        JSON.stringify({
          users: [{ user: 'x', password: 'y' }],
          pools: { default: ['5551234560-5551234561'], billing: '7770000001-7770000003' },
          ttlS: 60,
          redis: { url: 'redis://10.0.0.5:6379', keyPrefix: 'a:' },
        }),
      );
      const r = loadCacheConfigFromEnv({
        CTI_CACHE_CONFIG: file,
        CTI_CACHE_TTL_S: '90',
        CTI_CACHE_REDIS_URL: 'redis://127.0.0.1:1',
      });
      assert.ok(r.ok, r.ok ? '' : formatConfigError(r.error));
      assert.deepEqual(r.value.users, [{ user: 'x', password: 'y' }]);
      assert.deepEqual(r.value.pools['billing'], ['7770000001', '7770000002', '7770000003']);
      assert.deepEqual(r.value.pools['default'], ['5551234560', '5551234561']);
      assert.equal(r.value.ttlS, 90);
      assert.deepEqual(r.value.redis, { url: 'redis://127.0.0.1:1', keyPrefix: 'a:', commandTimeoutMs: 80 });
    });

    it('reports an unreadable, malformed or invalid file clearly', async () => {
      assert.match(issues({ CTI_CACHE_CONFIG: join(dir, 'missing.json') }), /cannot read/);
      const broken = join(dir, 'broken.json');
      await writeFile(broken, '{ nope');
      assert.match(issues({ CTI_CACHE_CONFIG: broken }), /not valid JSON/);
      const invalid = join(dir, 'invalid.json');
      await writeFile(invalid, JSON.stringify({ users: ['a:b'], pools: { 'bad name!': '1' } }));
      assert.match(issues({ CTI_CACHE_CONFIG: invalid }), /pools/);
      const noDefault = join(dir, 'nodefault.json');
      await writeFile(noDefault, JSON.stringify({ users: ['a:b'], pools: { billing: '1' } }));
      assert.match(issues({ CTI_CACHE_CONFIG: noDefault }), /"default"/);
    });
  });
});
