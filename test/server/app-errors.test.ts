/**
 * Answers Fastify would give in its own format, in ours instead: wrong method on
 * the health routes, a text/plain body, a malformed URL, and unexpected 500s.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildCacheApp } from '../../src/server/app.ts';
import type { CacheStore } from '../../src/server/store.ts';
import { makeApp } from './helpers/app.ts';
import { AUTH, LogCollector, testConfig } from './helpers/config.ts';

describe('framework errors in the service error format', () => {
  const { app, store } = makeApp();
  after(async () => {
    await app.close();
    await store.close();
  });

  for (const url of ['/healthz', '/readyz']) {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      it(`${method} ${url} → 405 with Allow: GET, HEAD`, async () => {
        const res = await app.inject({ method, url });
        assert.equal(res.statusCode, 405, res.body);
        assert.equal(res.headers.allow, 'GET, HEAD');
        assert.equal(res.json<{ error: string }>().error, 'method_not_allowed');
      });
    }
    it(`GET and HEAD ${url} still answer 200`, async () => {
      assert.equal((await app.inject({ method: 'GET', url })).statusCode, 200);
      assert.equal((await app.inject({ method: 'HEAD', url })).statusCode, 200);
    });
  }

  it('a text/plain body → 415 naming content-type (no text parser)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/cticache/DNIS-ANI',
      headers: { authorization: AUTH, 'content-type': 'text/plain' },
      payload: '{"value":"1","ani":"2"}',
    });
    assert.equal(res.statusCode, 415, res.body);
    assert.deepEqual(res.json(), {
      error: 'unsupported_media_type',
      message: 'send the body as Content-Type: application/json',
      field: 'content-type',
    });
    assert.equal(store.size, 0);
  });

  it('a URL with broken percent-encoding → our 400 body, not echoing the URL', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await app.inject({
        method,
        url: '/cticache/DNIS-ANI/1:%E0%A4%A',
        headers: { authorization: AUTH },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      const body = res.json<Record<string, unknown>>();
      assert.deepEqual(Object.keys(body).sort(), ['error', 'field', 'message']);
      assert.equal(body['error'], 'bad_url');
      assert.equal(body['field'], 'url');
      assert.ok(!res.body.includes('%E0'), res.body);
    }
  });
});

describe('unexpected errors', () => {
  const failing = (): Promise<never> => Promise.reject(new Error('secret detail: redis at 10.0.0.5'));
  const store: CacheStore = {
    kind: 'memory',
    allocate: failing,
    get: failing,
    getAndDelete: failing,
    ping: failing,
    close: async () => undefined,
  };
  const sink = new LogCollector();
  const app = buildCacheApp({ config: testConfig({ logLevel: 'warn' }), store, logSink: sink });
  after(() => app.close());

  it('answer 500 internal_error with a generic message; the detail goes to the log only', async () => {
    for (const [method, url] of [
      ['GET', '/cticache/DNIS-ANI/5551234560:1234567890'],
      ['DELETE', '/cticache/DNIS-ANI/5551234560:1234567890'],
      ['GET', '/readyz'],
    ] as const) {
      const res = await app.inject({ method, url, headers: { authorization: AUTH } });
      assert.equal(res.statusCode, 500, `${method} ${url}: ${res.body}`);
      assert.deepEqual(res.json(), { error: 'internal_error', message: 'Internal error' });
    }
    assert.match(sink.text, /secret detail/);
  });
});
