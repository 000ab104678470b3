import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeCallDataHeaders, readCallDataHeaders, type CallDataObject } from '../../src/calldata/index.ts';
import { parseLines, UNSAFE_FOR_TEXT } from './header-fixtures.ts';

describe('encodeCallDataHeaders', () => {
  it('writes the lines sip.js extraHeaders expects', () => {
    const r = encodeCallDataHeaders({
      data: { a: 1, s: 'x\u2028y\n"é"' },
      uui: { data: 'case=123', purpose: 'call' },
    });
    assert.deepEqual(r, {
      ok: true,
      value: [
        'X-Call-Data: {"a":1,"s":"x\\u2028y\\n\\"\\u00e9\\""}',
        'User-to-User: 636173653d313233;encoding=hex;purpose=call',
      ],
    });
    assert.deepEqual(encodeCallDataHeaders({ data: { a: 1 } }, { jsonHeader: 'X-Crm' }), {
      ok: true,
      value: ['X-Crm: {"a":1}'],
    });
    assert.deepEqual(encodeCallDataHeaders({}), { ok: true, value: [] });
  });

  it('fails with typed errors: tokens, size, total, data', () => {
    const code = (r: ReturnType<typeof encodeCallDataHeaders>) =>
      r.ok ? 'ok' : `${r.error.header}:${r.error.code}`;
    assert.equal(
      code(encodeCallDataHeaders({ uui: { data: 'x', purpose: 'a b' } })),
      'User-to-User:invalid-token',
    );
    assert.equal(
      code(encodeCallDataHeaders({ uui: { data: 'x', content: 'a\r\nX-Evil: 1' } })),
      'User-to-User:invalid-token',
    );
    assert.equal(code(encodeCallDataHeaders({ uui: { data: '' } })), 'User-to-User:invalid-data');
    assert.equal(code(encodeCallDataHeaders({ uui: { data: 'x'.repeat(4097) } })), 'User-to-User:too-large');
    assert.equal(code(encodeCallDataHeaders({ data: { a: 'x'.repeat(8190) } })), 'X-Call-Data:too-large');
    assert.equal(code(encodeCallDataHeaders({ data: { a: 'é'.repeat(1400) } })), 'X-Call-Data:too-large'); // 8,400 escaped
    const half = { data: { a: 'x'.repeat(6000) }, uui: { data: 'y'.repeat(3000) } };
    assert.equal(code(encodeCallDataHeaders(half, { maxTotalBytes: 10_000 })), 'User-to-User:too-large');
    assert.equal(code(encodeCallDataHeaders(half, { maxTotalBytes: 20_000 })), 'ok');
    const deep = JSON.parse('{"a":'.repeat(9) + '1' + '}'.repeat(9)) as CallDataObject;
    assert.equal(code(encodeCallDataHeaders({ data: deep })), 'X-Call-Data:invalid-data');
    for (const bad of [
      { n: Number.NaN },
      { n: Infinity },
      { d: new Date() },
      { f: () => 1 },
      { u: undefined },
    ]) {
      assert.equal(code(encodeCallDataHeaders({ data: bad as never })), 'X-Call-Data:invalid-data');
    }
    const proto = JSON.parse('{"__proto__":{"polluted":1}}') as CallDataObject;
    assert.equal(code(encodeCallDataHeaders({ data: proto })), 'X-Call-Data:invalid-data');
    assert.equal(
      code(encodeCallDataHeaders({ data: { a: 1 } }, { jsonHeader: 'Bad Name' })),
      '(options):invalid-data',
    );
  });

  it('never writes raw what it received: a hostile read value re-encodes safely', () => {
    const got = readCallDataHeaders(parseLines(['X-Call-Data: {"n":"1\\r\\nX-Evil: yes"}']));
    const out = encodeCallDataHeaders({ data: got.data });
    assert.ok(out.ok);
    assert.equal(out.value.length, 1);
    assert.doesNotMatch(out.value.join('\r\n'), UNSAFE_FOR_TEXT);
  });
});
