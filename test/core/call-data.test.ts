import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CALL_DATA_LIMITS, isCallDataObject } from '../../src/core/call-data.ts';
import { mergeCallData } from '../../src/core/call-data-view.ts';
import { phoneEventSchema } from '../../src/core/events.ts';
import { reducePhone } from '../../src/core/phone-state.ts';
import { ev, fold } from './fixtures.ts';

const deep = (n: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

describe('call data bounds', () => {
  it('accepts plain JSON objects within the limits', () => {
    assert.equal(isCallDataObject({ a: 1, b: 'x', c: [true, null, { d: 2.5 }] }), true);
    assert.equal(isCallDataObject(Object.assign(Object.create(null), { a: 1 })), true);
    assert.equal(isCallDataObject(deep(CALL_DATA_LIMITS.depth - 1)), true);
  });

  it('refuses what could hurt a consumer: deep nesting (without recursion), proto keys, non-JSON values', () => {
    assert.equal(isCallDataObject(deep(10_000)), false);
    assert.equal(isCallDataObject(JSON.parse('{"__proto__":{"polluted":1}}')), false);
    assert.equal(isCallDataObject({ nested: JSON.parse('{"constructor":{"prototype":1}}') }), false);
    assert.equal(isCallDataObject({ n: Number.NaN }), false);
    assert.equal(isCallDataObject({ d: new Date() }), false);
    assert.equal(isCallDataObject({ s: 'x'.repeat(CALL_DATA_LIMITS.stringLength + 1) }), false);
    assert.equal(
      isCallDataObject({ many: Array.from({ length: CALL_DATA_LIMITS.keys + 1 }, () => 1) }),
      false,
    );
    assert.equal(isCallDataObject([1, 2]), false);
    assert.equal(isCallDataObject('text'), false);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('is checked by the event schema at the core’s door', () => {
    const offer = ev({
      type: 'offer',
      callId: 'c',
      from: { number: '1' },
      to: { number: '2' },
      data: { a: 1 },
    });
    assert.equal(phoneEventSchema.safeParse(offer).success, true);
    assert.equal(phoneEventSchema.safeParse({ ...offer, data: deep(50) }).success, false);
  });
});

describe('call data in the phone state', () => {
  const offer = (extra = {}) =>
    ev({
      type: 'offer',
      callId: 'c1',
      from: { number: '2000', displayName: 'Ann' },
      to: { number: '1001' },
      data: { reason: 'billing', account: 'H-1' },
      uui: [{ data: 'case=123', encoding: 'hex', purpose: 'call' }],
      dnis: '5551234568',
      ani: '2000',
      sources: ['crm', 'headers', 'cache'],
      ...extra,
    });

  it('keeps what the INVITE carried, and marks the announced lookups as pending', () => {
    const s = fold([offer()]);
    const merged = mergeCallData(s.calls[0]?.callData);
    assert.deepEqual(merged.fields, [
      { key: 'reason', value: 'billing', source: 'headers' },
      { key: 'account', value: 'H-1', source: 'headers' },
    ]);
    assert.deepEqual(merged.pending, ['crm', 'cache']);
    assert.deepEqual(
      merged.uui.map((u) => u.data),
      ['case=123'],
    );
    assert.deepEqual([s.calls[0]?.callData?.dnis, s.calls[0]?.callData?.ani], ['5551234568', '2000']);
  });

  it('merges each lookup by precedence; a failed one leaves a marker, never a gap in the rest', () => {
    const s = fold([
      offer(),
      ev({
        type: 'calldata',
        callId: 'c1',
        source: 'cache',
        status: 'ok',
        data: { account: 'C-9', queue: 'gold' },
      }),
      ev({
        type: 'calldata',
        callId: 'c1',
        source: 'crm',
        status: 'ok',
        data: { reason: 'renewal' },
        name: 'Ann Smith',
        record: { url: 'https://crm.example/c/7', label: 'Ann Smith' },
      }),
    ]);
    const merged = mergeCallData(s.calls[0]?.callData);
    assert.deepEqual(
      merged.fields.map((f) => `${f.key}=${String(f.value)}@${f.source}`),
      ['reason=renewal@crm', 'account=H-1@headers', 'queue=gold@cache'],
    );
    assert.equal(merged.name, 'Ann Smith');
    assert.deepEqual([merged.pending, merged.unavailable], [[], []]);
    const failed = fold([
      offer(),
      ev({ type: 'calldata', callId: 'c1', source: 'cache', status: 'unavailable', reason: 'timeout' }),
    ]);
    const m2 = mergeCallData(failed.calls[0]?.callData);
    assert.deepEqual([m2.pending, m2.unavailable, m2.fields.length], [['crm'], ['cache'], 2]);
  });

  it('refuses a lookup answer for a call that has ended', () => {
    const s = fold([offer(), ev({ type: 'disconnect', callId: 'c1', reason: 'cancelled' })]);
    const r = reducePhone(s, ev({ type: 'calldata', callId: 'c1', source: 'crm', status: 'none' }));
    assert.equal(r.ok ? 'ok' : r.error.code, 'unknown-call');
  });

  it('an offer without data has no call data at all', () => {
    const s = fold([ev({ type: 'offer', callId: 'c2', from: { number: '1' }, to: { number: '2' } })]);
    assert.equal(s.calls[0]?.callData, undefined);
    assert.deepEqual(mergeCallData(undefined).fields, []);
  });
});
