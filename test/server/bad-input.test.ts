import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildCacheApp } from '../../src/server/app.ts';
import { MemoryStore } from '../../src/server/memory-store.ts';
import { AUTH, testConfig } from './helpers/config.ts';

const config = testConfig({
  maxValueBytes: 64,
  maxTtlS: 600,
  pools: { default: '5551234560-5551234569', sales: '100' },
});
const store = new MemoryStore({ maxEntries: 100, maxBytes: 1 << 20 });
const app = buildCacheApp({ config, store });

interface PostCase {
  readonly name: string;
  readonly payload: string;
  readonly status: number;
  readonly field: string;
  readonly contentType?: string;
}

const json = (o: unknown): string => JSON.stringify(o);
const ok = { value: '12345678', ani: '1234567890' };

const postCases: readonly PostCase[] = [
  { name: 'invalid JSON', payload: '{"value": "1", "ani": ', status: 400, field: 'body' },
  { name: 'empty body', payload: '', status: 400, field: 'body' },
  { name: 'JSON array', payload: '[1,2]', status: 400, field: 'body' },
  { name: 'JSON string', payload: '"hello"', status: 400, field: 'body' },
  { name: 'JSON null', payload: 'null', status: 400, field: 'body' },
  {
    name: 'prototype pollution',
    payload: '{"__proto__": {"x": 1}, "value": "1", "ani": "1"}',
    status: 400,
    field: 'body',
  },
  { name: 'missing value', payload: json({ ani: '1' }), status: 400, field: 'value' },
  { name: 'missing ani', payload: json({ value: '1' }), status: 400, field: 'ani' },
  { name: 'value is a number', payload: json({ ...ok, value: 5 }), status: 400, field: 'value' },
  { name: 'value is null', payload: json({ ...ok, value: null }), status: 400, field: 'value' },
  { name: 'value is an array', payload: json({ ...ok, value: [1] }), status: 400, field: 'value' },
  { name: 'ani is a number', payload: json({ ...ok, ani: 1234567890 }), status: 400, field: 'ani' },
  { name: 'ani with letters', payload: json({ ...ok, ani: '12ab' }), status: 400, field: 'ani' },
  { name: 'ani empty', payload: json({ ...ok, ani: '' }), status: 400, field: 'ani' },
  { name: 'ani too long', payload: json({ ...ok, ani: '1'.repeat(33) }), status: 400, field: 'ani' },
  { name: 'ani with a colon', payload: json({ ...ok, ani: '12:34' }), status: 400, field: 'ani' },
  { name: 'ani with a + inside', payload: json({ ...ok, ani: '12+34' }), status: 400, field: 'ani' },
  { name: 'ani with CRLF', payload: json({ ...ok, ani: '12\r\nX: y' }), status: 400, field: 'ani' },
  { name: 'unknown field', payload: json({ ...ok, dnis: '5551234560' }), status: 400, field: 'dnis' },
  { name: 'unknown pool', payload: json({ ...ok, pool: 'nope' }), status: 400, field: 'pool' },
  { name: 'pool not a string', payload: json({ ...ok, pool: 3 }), status: 400, field: 'pool' },
  { name: 'ttl zero', payload: json({ ...ok, ttl: 0 }), status: 400, field: 'ttl' },
  { name: 'ttl negative', payload: json({ ...ok, ttl: -5 }), status: 400, field: 'ttl' },
  { name: 'ttl as a string', payload: json({ ...ok, ttl: '60' }), status: 400, field: 'ttl' },
  { name: 'ttl above the maximum', payload: json({ ...ok, ttl: 601 }), status: 400, field: 'ttl' },
  {
    name: 'value over maxValueBytes',
    payload: json({ ...ok, value: 'x'.repeat(65) }),
    status: 413,
    field: 'value',
  },
  {
    name: 'object value over maxValueBytes',
    payload: json({ ...ok, value: { a: 'é'.repeat(40) } }),
    status: 413,
    field: 'value',
  },
  {
    name: 'body over the body limit',
    payload: json({ ...ok, value: 'x'.repeat(5000) }),
    status: 413,
    field: 'body',
  },
  {
    name: 'form-encoded body',
    payload: 'value=1&ani=2',
    status: 415,
    field: 'content-type',
    contentType: 'application/x-www-form-urlencoded',
  },
];

describe('bad input gets a clear answer and changes nothing', () => {
  after(async () => {
    await app.close();
    await store.close();
  });

  for (const c of postCases) {
    it(`POST ${c.name} → ${c.status} naming "${c.field}"`, async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/cticache/DNIS-ANI',
        headers: { authorization: AUTH, 'content-type': c.contentType ?? 'application/json' },
        payload: c.payload,
      });
      assert.equal(res.statusCode, c.status, res.body);
      const body = res.json<{ error: string; field?: string; message: string }>();
      assert.equal(body.field, c.field, res.body);
      assert.ok(body.message.length > 0);
      assert.equal(store.size, 0, 'a rejected request stored something');
    });
  }

  const keyCases = [
    { url: '/cticache/DNIS-ANI/5551234560', field: 'key' },
    { url: '/cticache/DNIS-ANI/abc:1234567890', field: 'dnis' },
    { url: '/cticache/DNIS-ANI/:1234567890', field: 'dnis' },
    { url: '/cticache/DNIS-ANI/5551234560:', field: 'ani' },
    { url: '/cticache/DNIS-ANI/5551234560:12ab', field: 'ani' },
    { url: `/cticache/DNIS-ANI/5551234560:${'9'.repeat(40)}`, field: 'ani' },
  ];
  for (const c of keyCases) {
    for (const method of ['GET', 'DELETE'] as const) {
      it(`${method} ${c.url.slice(0, 50)} → 400 naming "${c.field}"`, async () => {
        const res = await app.inject({ method, url: c.url, headers: { authorization: AUTH } });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json<{ field: string }>().field, c.field);
      });
    }
  }

  it('accepts the unusual but valid ANIs: anonymous, *, #, leading +', async () => {
    for (const ani of ['anonymous', '*31#', '+15551234567', '#']) {
      const res = await app.inject({
        method: 'POST',
        url: '/cticache/DNIS-ANI',
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        payload: { value: 'v', ani },
      });
      assert.equal(res.statusCode, 201, `${ani}: ${res.body}`);
      const got = await app.inject({
        method: 'GET',
        url: String(res.headers.location),
        headers: { authorization: AUTH },
      });
      assert.equal(got.statusCode, 200, `GET ${String(res.headers.location)}`);
    }
  });
});
