import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_CACHE_USER,
  DEMO_USERS,
  cacheEnv,
  loadSandboxConfig,
} from '../../src/sandbox/sandbox-config.ts';
import { formatBanner } from '../../src/sandbox/banner.ts';

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
