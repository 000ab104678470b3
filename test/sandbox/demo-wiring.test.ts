/**
 * How `npm start` wires its demo: pool numbers as DIDs of the agent, what /sandbox.json tells the
 * pages (cache running or why not), and how a page reads it back.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { err, ok } from '../../src/core/result.ts';
import {
  DEMO_POOL_AGENT,
  acceptsDemoLogin,
  browserUrl,
  pageCache,
  poolRoutes,
  sandboxPage,
  type CacheSettings,
} from '../../src/sandbox/demo-wiring.ts';
import { NO_SANDBOX_PAGE, cacheNote, parseSandboxPage } from '../../src/sandbox/page-config.ts';
import { DEMO_USERS, cacheEnv } from '../../src/sandbox/sandbox-config.ts';
import { loadCacheConfigFromEnv } from '../../src/server/config.ts';

function settingsFor(env: Record<string, string>): CacheSettings {
  const loaded = loadCacheConfigFromEnv(cacheEnv(env, 0));
  return loaded.ok ? loaded : err('bad settings');
}
const running = { url: 'http://127.0.0.1:8787', close: async () => undefined };

describe('sandbox demo wiring', () => {
  it("routes every number of npm start's default pool to the CRM page's agent", () => {
    const routes = poolRoutes(settingsFor({}), DEMO_USERS);
    assert.equal(Object.keys(routes).length, 10);
    assert.equal(routes['5551234568'], DEMO_POOL_AGENT, "the seed article's DNIS");
    assert.equal(routes['5551234560'], '1001');
    assert.equal(routes['5551234570'], undefined);
  });

  it('routes every pool of the settings, but never takes over an extension', () => {
    const routes = poolRoutes(
      settingsFor({ CTI_CACHE_POOL: '1002,7770000001-7770000002' }),
      DEMO_USERS,
      '1003',
    );
    assert.deepEqual(routes, { '7770000001': '1003', '7770000002': '1003' });
    assert.deepEqual(poolRoutes(err('no settings'), DEMO_USERS), {});
  });

  it('tells the pages the cache runs only when it started and takes the demo login', () => {
    const demo = settingsFor({});
    assert.equal(acceptsDemoLogin(demo.ok ? demo.value : assert.fail()), true);
    assert.deepEqual(pageCache(demo, ok(running)), { running: true, url: 'http://127.0.0.1:8787' });

    const failed = pageCache(demo, err('Invalid cache service configuration:\n  - CTI_CACHE_PORT: bad'));
    assert.deepEqual(failed, { running: false, reason: 'it did not start (- CTI_CACHE_PORT: bad)' });

    const own = settingsFor({ CTI_CACHE_USERS: 'me:secret' });
    const off = pageCache(own, ok(running));
    assert.equal(off.running, false);
    assert.match(off.running ? '' : off.reason, /demo login username:password/);
    assert.doesNotMatch(JSON.stringify(off), /secret/, 'no configured password reaches a page');
  });

  it('gives the pages a URL a browser can fetch', () => {
    assert.equal(browserUrl('http://0.0.0.0:8787'), 'http://127.0.0.1:8787');
    assert.equal(browserUrl('http://[::]:8787'), 'http://[::1]:8787');
    assert.equal(browserUrl('https://cti.example.com:8443'), 'https://cti.example.com:8443');
  });

  it('builds a /sandbox.json that the pages parse back unchanged', () => {
    const settings = settingsFor({});
    const page = sandboxPage(settings, pageCache(settings, ok(running)));
    assert.deepEqual(page.poolSample, ['5551234568', '5551234569', '5551234560']);
    assert.deepEqual(parseSandboxPage(JSON.parse(JSON.stringify(page))), page);
    assert.match(cacheNote(page.cache), /http:\/\/127\.0\.0\.1:8787/);
  });

  it('falls back to "no cache" for a page not served by npm start, or a garbled answer', () => {
    for (const garbled of [undefined, null, 'x', { poolAgent: '1001' }, { ...NO_SANDBOX_PAGE, cache: 1 }])
      assert.deepEqual(parseSandboxPage(garbled), NO_SANDBOX_PAGE);
    const javascriptUrl = { ...NO_SANDBOX_PAGE, cache: { running: true, url: 'javascript:alert(1)' } };
    assert.deepEqual(parseSandboxPage(javascriptUrl), NO_SANDBOX_PAGE);
    assert.match(cacheNote(NO_SANDBOX_PAGE.cache), /off: this page is not served by `npm start`/);
  });
});
