import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isCallDataObject, userToUserSchema } from '../../src/core/call-data.ts';
import { readCallDataHeaders, type HeaderProblem } from '../../src/calldata/index.ts';
import { headersOf } from './header-fixtures.ts';

const codes = (problems: readonly HeaderProblem[]) => problems.map((p) => `${p.header}:${p.code}`);

describe('readCallDataHeaders: defaults', () => {
  it('reads X-Call-Data as a JSON object and nothing else by default', () => {
    const r = readCallDataHeaders(
      headersOf(
        ['X-Call-Data', '{"caseId":"123","vip":true,"n":4.5,"tags":["a"],"o":{"x":null}}'],
        ['X-Other', 'y'],
      ),
    );
    assert.deepEqual(r.data, { caseId: '123', vip: true, n: 4.5, tags: ['a'], o: { x: null } });
    assert.deepEqual(r.uui, []);
    assert.deepEqual(r.problems, []);
    assert.ok(isCallDataObject(r.data));
  });

  it('returns nothing and no problem when there are no call-data headers', () => {
    assert.deepEqual(readCallDataHeaders(headersOf()), { data: {}, uui: [], problems: [] });
  });

  it('reads the header whatever the case it arrived in', () => {
    const r = readCallDataHeaders(headersOf(['x-CALL-data', '{"a":1}']));
    assert.deepEqual(r.data, { a: 1 });
  });

  it('drops a JSON header that is not an object, or not JSON, naming it', () => {
    for (const bad of ['[1,2]', '"text"', '42', '{"a":', 'nope', '', '{"a":1e400}']) {
      const r = readCallDataHeaders(headersOf(['X-Call-Data', bad]));
      assert.deepEqual(r.data, {}, bad);
      assert.deepEqual(codes(r.problems), ['X-Call-Data:malformed'], bad);
    }
  });

  it('reads the first of duplicate JSON headers and reports the others, even when the first is bad', () => {
    const r = readCallDataHeaders(headersOf(['X-Call-Data', '{"a":1}'], ['X-Call-Data', '{"a":2,"b":3}']));
    assert.deepEqual(r.data, { a: 1 });
    assert.deepEqual(codes(r.problems), ['X-Call-Data:malformed']);
    const bad = readCallDataHeaders(headersOf(['X-Call-Data', 'oops'], ['X-Call-Data', '{"evil":1}']));
    assert.deepEqual(bad.data, {});
    assert.deepEqual(codes(bad.problems), ['X-Call-Data:malformed', 'X-Call-Data:malformed']);
  });
});

describe('readCallDataHeaders: User-to-User (RFC 7433)', () => {
  const uui = (...values: string[]) =>
    readCallDataHeaders(headersOf(...values.map((v) => ['User-to-User', v] as const)));

  it('decodes hex as UTF-8 with purpose and content', () => {
    const r = uui('636173653d313233;encoding=hex;purpose=call;content=isdn-uui');
    assert.deepEqual(r.uui, [{ data: 'case=123', encoding: 'hex', purpose: 'call', content: 'isdn-uui' }]);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(uui('C3A9;ENCODING=HEX').uui, [{ data: 'é', encoding: 'hex' }]);
  });

  it('takes text without an encoding, as-is or as an RFC 3261 quoted-string', () => {
    assert.deepEqual(uui('case-123;purpose=call').uui, [
      { data: 'case-123', encoding: 'text', purpose: 'call' },
    ]);
    assert.deepEqual(uui('"a \\"quoted\\", text; with\\\\ stuff";content=x').uui, [
      { data: 'a "quoted", text; with\\ stuff', encoding: 'text', content: 'x' },
    ]);
    assert.deepEqual(uui('""').uui, [{ data: '', encoding: 'text' }]);
  });

  it('returns every value in order, across rows and comma lists', () => {
    const r = uui('6161;encoding=hex, "b,c"', 'dd;purpose=x');
    assert.deepEqual(
      r.uui.map((u) => u.data),
      ['aa', 'b,c', 'dd'],
    );
  });

  it('drops malformed values with a problem and keeps the valid ones', () => {
    const cases = [
      '6;encoding=hex', // odd length
      'zz;encoding=hex', // not hex
      'c328;encoding=hex', // invalid UTF-8 (truncated sequence)
      'ff;encoding=hex', // invalid UTF-8 (never valid)
      'eda080;encoding=hex', // UTF-8 encoded surrogate: invalid
      'abc;encoding=base64', // unsupported encoding
      'abc;purpose=a b', // purpose not a token
      'abc;purpose="x y"', // quoted, still not a token
      'abc;encoding=hex;encoding=hex', // repeated parameter
      '"unterminated',
      '"a"b',
      ';purpose=call', // no data
    ];
    for (const bad of cases) {
      const r = uui(bad, '6f6b;encoding=hex');
      assert.deepEqual(r.uui, [{ data: 'ok', encoding: 'hex' }], bad);
      assert.deepEqual(codes(r.problems), ['User-to-User:malformed'], bad);
    }
  });

  it('is off with uui: false', () => {
    const r = readCallDataHeaders(headersOf(['User-to-User', 'abc']), { uui: false });
    assert.deepEqual(r.uui, []);
  });

  it('keeps at most 8 values (the core event limit) and says so', () => {
    const r = uui(...Array.from({ length: 10 }, (_, i) => `v${i}`));
    assert.equal(r.uui.length, 8);
    assert.deepEqual(codes(r.problems), ['User-to-User:too-large']);
    for (const u of r.uui) assert.ok(userToUserSchema.safeParse(u).success);
  });
});
