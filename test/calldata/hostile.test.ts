import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCallDataHeaders } from '../../src/calldata/index.ts';
import { jsonDepthExceeds } from '../../src/calldata/bounded-json.ts';
import { assertSafe, headersOf } from './header-fixtures.ts';

const KiB = 1024;

describe('hostile headers: size, depth and entries', () => {
  it('refuses 64 KiB and 1 MiB values by size, unread, and still reads the rest', () => {
    for (const size of [64 * KiB, 1024 * KiB]) {
      const big = `{"a":"${'x'.repeat(size)}"}`;
      const r = readCallDataHeaders(
        headersOf(
          ['X-Call-Data', big],
          ['User-to-User', 'ab'.repeat(size / 2) + ';encoding=hex'],
          ['User-to-User', 'ok'],
        ),
      );
      assert.deepEqual(r.data, {});
      assert.deepEqual(r.uui, [{ data: 'ok', encoding: 'text' }]);
      assert.deepEqual(
        r.problems.map((p) => p.code),
        ['too-large', 'too-large'],
      );
      assertSafe(r);
    }
  });

  it('counts UTF-8 bytes, not UTF-16 units: 3,000 CJK chars (9,000 bytes) are too large', () => {
    const r = readCallDataHeaders(headersOf(['X-Call-Data', `{"a":"${'中'.repeat(3000)}"}`]));
    assert.deepEqual(
      r.problems.map((p) => p.code),
      ['too-large'],
    );
  });

  it('caps the total over all call-data headers of the request', () => {
    // 8,008 + 4,002 + 4,002 bytes fit in 16 KiB; one more 4,002 does not; 1 more byte does.
    const uui = `"${'x'.repeat(4000)}"`;
    const r = readCallDataHeaders(
      headersOf(
        ['X-Call-Data', `{"a":"${'x'.repeat(8000)}"}`],
        ['User-to-User', uui],
        ['User-to-User', uui],
        ['User-to-User', uui],
        ['User-to-User', 'z'],
      ),
    );
    assert.equal(r.data['a'], 'x'.repeat(8000));
    assert.deepEqual(
      r.uui.map((u) => u.data.length),
      [4000, 4000, 1],
    );
    assert.deepEqual(
      r.problems.map((p) => `${p.header}:${p.code}`),
      ['User-to-User:total-too-large'],
    );
  });

  it('refuses JSON nested 10,000 deep before parsing it, arrays or objects, and 9 deep too', () => {
    for (const text of [
      '{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}',
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      '{"a":'.repeat(9) + '1' + '}'.repeat(9),
    ]) {
      const r = readCallDataHeaders(headersOf(['X-Call-Data', text]), {
        maxHeaderBytes: 65_536,
        maxTotalBytes: 262_144,
      });
      assert.deepEqual(r.data, {});
      assert.match(r.problems[0]?.message ?? '', /deeper than 8/);
    }
    const eight = '{"a":'.repeat(8) + '1' + '}'.repeat(8);
    assert.equal(readCallDataHeaders(headersOf(['X-Call-Data', eight])).problems.length, 0);
    // Brackets inside strings are not nesting.
    const r = readCallDataHeaders(headersOf(['X-Call-Data', `{"a":"${'['.repeat(100)}\\"{{"}`]));
    assert.equal(r.data['a'], '['.repeat(100) + '"{{');
  });

  it('never hands deep JSON to JSON.parse (the depth scan runs first)', () => {
    const parse = JSON.parse;
    let calls = 0;
    JSON.parse = (...args: Parameters<typeof JSON.parse>) => (calls++, parse(...args)) as unknown;
    try {
      const deep = '{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
      readCallDataHeaders(headersOf(['X-Call-Data', deep]), {
        maxHeaderBytes: 65_536,
        maxTotalBytes: 262_144,
      });
      assert.equal(calls, 0);
      readCallDataHeaders(headersOf(['X-Call-Data', '{"a":[[1]]}']));
      assert.equal(calls, 1);
    } finally {
      JSON.parse = parse;
    }
    assert.equal(jsonDepthExceeds(String.raw`{"a":"\\","b":[1]}`, 1), true); // "\\" ends the string
    assert.equal(jsonDepthExceeds(String.raw`{"a":"\\\"[[["}`, 1), false); // an escaped quote does not
    assert.equal(jsonDepthExceeds('{"a":[{}]}', 2), true);
  });

  it('refuses more than 200 entries, counted over every level', () => {
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])));
    assert.match(
      readCallDataHeaders(headersOf(['X-Call-Data', wide])).problems[0]?.message ?? '',
      /200 entries/,
    );
    const nested = JSON.stringify({ a: Array.from({ length: 200 }, () => 0) }); // 1 + 200
    assert.deepEqual(readCallDataHeaders(headersOf(['X-Call-Data', nested])).data, {});
  });
});
