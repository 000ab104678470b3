import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  frameRequestNames,
  parseParentMessage,
  unsupportedSeedRequests,
  type FrameRequest,
} from '../../src/host/frame-protocol.ts';
import { frameConfigSchema, parsePhoneConfig } from '../../src/config.ts';
import { frameResponseSchema } from '../../src/host/frame-messages.ts';

const request = (m: unknown): FrameRequest => {
  const r = parseParentMessage(m);
  assert.ok(r.ok, `should parse: ${JSON.stringify(m)}: ${r.ok ? '' : r.error.message}`);
  assert.equal(r.value.kind, 'request');
  return (r.value as { request: FrameRequest }).request;
};
const failure = (m: unknown) => {
  const r = parseParentMessage(m);
  assert.ok(!r.ok, 'should fail');
  // Every failure can be answered: a valid response with the id read (or null).
  const { id, code, message } = r.error;
  const response = { v: 1, msgtype: 'response', id, result: 'failure', error: code, message };
  assert.ok(frameResponseSchema.safeParse(response).success, `answerable: ${code}`);
  return r.error;
};

describe('frame protocol: requests from the parent (seed 003 vocabulary)', () => {
  it("takes seed 003's own request strings as written in the article", () => {
    const seed = [
      { id: '1', request: 'makecall', extension: '101', destination: '67896789', data: 'hello world' },
      { id: '2', request: 'hold', extension: '101' },
      { id: '3', request: 'retrieve', extension: '101' },
      { id: '4', request: 'hangup', extension: '101', data: 'hello world' },
      { id: '5', request: 'answer', extension: '101', destination: '67896789' },
      { id: '8', request: 'alternate', extension: '101' },
      { id: '9', request: 'transfer', extension: '101', destination: '67896789' },
      { id: '11', request: 'dtmf', extension: '101', dtmf: '1' },
      { id: '14', request: 'setstate', extension: '101', state: 'aux', reasoncode: '1' },
      { id: '22', request: 'snapshot', extension: '101' },
    ];
    for (const m of seed) assert.equal(request(m).request, m.request);
    const call = request(seed[0]);
    assert.deepEqual(call, {
      id: '1',
      request: 'makecall',
      extension: '101',
      destination: '67896789',
      data: 'hello world',
    });
  });

  it('parses every request this phone does, with its fields, a numeric id and the version', () => {
    const examples: Record<(typeof frameRequestNames)[number], Record<string, unknown>> = {
      subscribe: {},
      credentials: { username: '1001', password: 's3cret' },
      makecall: { destination: '1002', data: { account: 42 } },
      answer: { callid: 'c1' },
      hangup: {},
      hold: { callid: 'c1' },
      retrieve: {},
      transfer: { destination: '1003', callid: 'c1' },
      dtmf: { dtmf: '12#' },
      alternate: {},
      snapshot: {},
      setstate: { state: 'auto' },
    };
    for (const name of frameRequestNames) {
      const parsed = request({ v: 1, id: 7, request: name, ...examples[name] });
      assert.deepEqual(parsed, { v: 1, id: 7, request: name, ...examples[name] });
    }
  });

  it('drops fields it does not know (nothing unexpected reaches the phone)', () => {
    assert.deepEqual(request({ id: 'a', request: 'hold', __proto__x: 1, evil: '<script>' }), {
      id: 'a',
      request: 'hold',
    });
  });

  it('answers an unknown request, a seed request it does not do and another version with their codes and the id', () => {
    assert.deepEqual(failure({ id: 'x', request: 'selfdestruct' }).code, 'unknown-request');
    assert.equal(failure({ id: 'x', request: 'selfdestruct' }).id, 'x');
    for (const name of unsupportedSeedRequests)
      assert.equal(failure({ id: '1', request: name }).code, 'not-supported');
    assert.equal(failure({ v: 2, id: '1', request: 'hold' }).code, 'unsupported-version');
    assert.equal(failure({ v: '1', id: '1', request: 'hold' }).code, 'unsupported-version');
  });

  it('answers a malformed request with malformed, naming the field, and the id when it could be read', () => {
    const noId = failure({ request: 'hold' });
    assert.deepEqual([noId.code, noId.id], ['malformed', null]);
    const bad = failure({ id: '9', request: 'makecall', destination: 42 });
    assert.deepEqual([bad.code, bad.id], ['malformed', '9']);
    assert.match(bad.message, /destination/);
    assert.equal(failure({ id: '9', request: 'makecall' }).code, 'malformed');
    assert.equal(failure({ id: '9', request: 'dtmf', dtmf: '' }).code, 'malformed');
    assert.equal(failure({ id: '9', request: 'credentials', username: 'u' }).code, 'malformed');
    assert.equal(failure({ id: '', request: 'hold' }).id, null);
    assert.equal(failure({ id: -1, request: 'hold' }).code, 'malformed');
    assert.equal(failure({ id: 'x'.repeat(65), request: 'hold' }).code, 'malformed');
    assert.equal(failure({ id: '1' }).code, 'malformed');
    assert.equal(failure({ id: '1', request: 7 }).code, 'malformed');
    for (const m of [null, undefined, 'hold', 42, true, [], [{ id: '1', request: 'hold' }]])
      assert.equal(failure(m).code, 'malformed');
  });

  it('refuses oversized and deeply nested input as too-large before zod reads it', () => {
    assert.equal(
      failure({ id: '1', request: 'makecall', destination: 'x'.repeat(70_000) }).code,
      'too-large',
    );
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    assert.equal(failure({ id: '1', request: 'makecall', destination: '1', data: deep }).code, 'too-large');
    const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
    assert.equal(failure({ id: '1', request: 'hold', ...wide }).id, null); // too-large before the id is read
    assert.equal(failure({ id: '1', request: 'hold', ...wide }).code, 'too-large');
    assert.equal(failure({ id: '1', request: 'makecall', destination: '1'.repeat(1025) }).code, 'malformed');
  });

  it('survives hostile values: getters that throw, proxies, cycles, bigint, symbols, class instances', () => {
    const getter = { id: '1', request: 'hold' };
    Object.defineProperty(getter, 'callid', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    assert.equal(failure(getter).code, 'malformed');
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
        get: () => {
          throw new Error('trap');
        },
      },
    );
    assert.equal(failure(proxy).code, 'malformed');
    const cycle: Record<string, unknown> = { id: '1', request: 'makecall', destination: '1' };
    cycle['data'] = cycle;
    assert.equal(failure(cycle).code, 'too-large');
    assert.equal(failure({ id: '1', request: 'hold', callid: 10n }).code, 'malformed');
    assert.equal(failure({ id: '1', request: 'hold', callid: Symbol('x') }).code, 'malformed');
    assert.equal(failure({ id: '1', request: 'hold', callid: new Date() }).code, 'malformed');
    assert.equal(failure({ id: '1', request: 'hold', callid: new Map() }).code, 'malformed');
    assert.equal(
      failure({ id: '1', request: 'makecall', destination: '1', data: { __proto__: { x: 1 } } }).code,
      'malformed',
    );
  });

  it('reads acknowledgements by ids or up to a seq', () => {
    const id = crypto.randomUUID();
    const ids = parseParentMessage({ msgtype: 'ack', ids: [id] });
    assert.deepEqual(ids.ok && ids.value, { kind: 'ack', ack: { msgtype: 'ack', ids: [id] } });
    const seq = parseParentMessage({ v: 1, msgtype: 'ack', seq: 12 });
    assert.deepEqual(seq.ok && seq.value, { kind: 'ack', ack: { v: 1, msgtype: 'ack', seq: 12 } });
    assert.equal(failure({ msgtype: 'ack' }).code, 'malformed');
    assert.equal(failure({ msgtype: 'ack', ids: ['not-a-uuid'] }).code, 'malformed');
    assert.equal(failure({ msgtype: 'ack', seq: -1 }).code, 'malformed');
  });

  it('never throws and always answers a typed value, whatever arrives (fast-check)', () => {
    const codes = new Set([
      'malformed',
      'too-large',
      'unsupported-version',
      'unknown-request',
      'not-supported',
    ]);
    const name = fc.oneof(fc.constantFrom(...frameRequestNames, ...unsupportedSeedRequests), fc.string());
    const field = fc.oneof(fc.anything(), fc.string({ maxLength: 2000 }), fc.integer());
    const shaped = fc.record(
      {
        v: fc.oneof(fc.constant(1), fc.anything()),
        id: fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.anything()),
        request: name,
        msgtype: fc.oneof(fc.constant('ack'), fc.string()),
        ids: fc.array(fc.oneof(fc.uuid(), fc.string())),
        seq: fc.oneof(fc.integer(), fc.anything()),
        callid: field,
        destination: field,
        data: field,
        dtmf: field,
        username: field,
        password: field,
        state: field,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), shaped), (m) => {
        const r = parseParentMessage(m);
        if (!r.ok) assert.ok(codes.has(r.error.code), r.error.code);
        else assert.ok(r.value.kind === 'ack' || frameRequestNames.includes(r.value.request.request));
      }),
      { numRuns: 3_000, seed: 3003 },
    );
  });
});

describe('config.frame.allowedOrigins', () => {
  it('takes exact origins only: no path, no trailing slash, no wildcard, no opaque or non-http origin', () => {
    const ok = (origins: unknown[]) => frameConfigSchema.safeParse({ allowedOrigins: origins }).success;
    assert.equal(ok(['https://crm.example.com', 'http://localhost:5173', 'https://[::1]:8443']), true);
    for (const bad of [
      'https://crm.example.com/',
      'https://crm.example.com/app',
      '*',
      'https://*.example.com',
      'null',
      'javascript:alert(1)',
      'file:///x',
      'crm.example.com',
      'HTTPS://CRM.EXAMPLE.COM',
    ])
      assert.equal(ok([bad]), false, bad);
    const config = parsePhoneConfig({
      server: 'wss://pbx.example.com',
      aor: 'sip:1001@example.com',
      frame: { allowedOrigins: ['https://crm.example.com/'] },
    });
    assert.ok(!config.ok && config.error.issues.some((i) => i.startsWith('frame.allowedOrigins.0:')));
  });
});
