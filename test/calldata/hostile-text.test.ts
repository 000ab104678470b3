import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCallDataHeaders, MAX_PROBLEMS } from '../../src/calldata/index.ts';
import { assertSafe, headersOf } from './header-fixtures.ts';

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

describe('hostile headers: keys, text and sources', () => {
  it('never lets __proto__, constructor or prototype reach a prototype, at any depth', () => {
    const attacks = [
      '{"__proto__":{"polluted":1},"ok":1}',
      '{"constructor":{"prototype":{"polluted":1}},"ok":1}',
      '{"ok":1,"deep":{"x":[{"__proto__":{"isAdmin":true}}]}}',
      '{"ok":1,"\\u005f_proto__":{"polluted":1}}',
      '{"ok":1,"__pro\\u0000to__":{"polluted":1}}', // becomes __proto__ once the NUL is removed
    ];
    for (const text of attacks) {
      const r = readCallDataHeaders(headersOf(['X-Call-Data', text]));
      assert.equal(r.data['ok'], 1, text);
      assert.ok(!Object.hasOwn(r.data, '__proto__') && !Object.hasOwn(r.data, 'constructor'), text);
      assert.equal(Object.getPrototypeOf(r.data), Object.prototype);
      assert.equal((r.data as Record<string, unknown>)['polluted'], undefined);
      assert.deepEqual(
        r.problems.map((p) => p.code),
        ['invalid-data'],
        text,
      );
      assertSafe(r);
      // Downstream copies stay clean too.
      assert.equal((Object.assign({}, r.data) as Record<string, unknown>)['polluted'], undefined);
      assert.equal((structuredClone(r.data) as Record<string, unknown>)['isAdmin'], undefined);
    }
    const deep = readCallDataHeaders(headersOf(['X-Call-Data', attacks[2] ?? '']));
    assert.deepEqual(deep.data, { ok: 1, deep: { x: [{}] } });
  });

  it('keeps HTML and <script> as plain text (the UI renders text: no escaping, no stripping)', () => {
    const html = '<script>alert(1)</script><img src=x onerror=alert(1)>&amp;';
    const r = readCallDataHeaders(
      headersOf(
        ['X-Call-Data', JSON.stringify({ [html]: html })],
        ['User-to-User', `${hex(html)};encoding=hex`],
      ),
    );
    assert.deepEqual(r.data, { [html]: html });
    assert.equal(r.uui[0]?.data, html);
  });

  it('removes line breaks, controls, bidi controls and separators from every value and key', () => {
    const nasty =
      'a\r\nX-Injected: 1\u0000b\u0007\u001b[31m\u0085c\u2028d\u2029e\u202ef\u2066g\u200fh\u009b\ud800i';
    const r = readCallDataHeaders(
      headersOf(
        ['X-Call-Data', JSON.stringify({ [nasty]: nasty })],
        ['X-Note', nasty],
        ['User-to-User', `${hex(nasty)};encoding=hex`],
        ['User-to-User', JSON.stringify(nasty)],
      ),
      { plainHeaders: ['X-Note'] },
    );
    const clean = 'a X-Injected: 1b[31m c d efgh\ufffdi';
    assert.deepEqual(r.data, { [clean]: clean, note: clean });
    assert.equal(r.uui[0]?.data, clean.replace('\ufffd', '\ufffd')); // TextEncoder already made it U+FFFD
    assertSafe(r);
  });

  it('bounds the problem list whatever the number of bad headers', () => {
    const rows = Array.from({ length: 5000 }, () => ['User-to-User', 'zz;encoding=hex'] as const);
    const r = readCallDataHeaders(headersOf(...rows));
    assert.equal(r.problems.length, MAX_PROBLEMS);
  });

  it('survives a HeaderSource that throws or returns junk', () => {
    const throwing = readCallDataHeaders({
      get: () => {
        throw new Error('adapter bug');
      },
    });
    assert.deepEqual(throwing, { data: {}, uui: [], problems: [] });
    const junk = readCallDataHeaders({ get: () => [42, null, '{"a":1}'] as never });
    assert.deepEqual(junk.data, { a: 1 });
  });

  it('property: never throws, never pollutes, only safe text, for any header values', () => {
    const nastyChar = fc.constantFrom(
      '\r',
      '\n',
      '\u0000',
      '\u2028',
      '\u202e',
      '\u2066',
      '\ud800',
      '"',
      '\\',
      ';',
      ',',
      '<',
      '{',
      '[',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({
        unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), nastyChar),
        maxLength: 200,
      }),
      fc.json({ maxDepth: 4 }),
      fc
        .jsonValue({ maxDepth: 3 })
        .map((v) => JSON.stringify({ __proto__x: v, constructor: v }).replace('__proto__x', '__proto__')),
      fc
        .string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFxz'), maxLength: 64 })
        .map((h) => `${h};encoding=hex`),
    );
    const name = fc.constantFrom(
      'X-Call-Data',
      'x-call-data',
      'User-to-User',
      'USER-TO-USER',
      'X-Account-Id',
      'X-Other',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(name, text), { maxLength: 12 }), (rows) => {
        const r = readCallDataHeaders(headersOf(...rows), { plainHeaders: ['X-Account-Id'] });
        assertSafe(r);
      }),
      { numRuns: 500 },
    );
  });
});
