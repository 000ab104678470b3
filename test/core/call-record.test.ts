import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { phoneEventSchema, type AnyDraft, type PhoneEvent } from '../../src/core/events.ts';
import {
  callRecordSchema,
  durationMs,
  foldCallRecord,
  summarizeCallData,
  type CallOutcome,
  type CallRecord,
} from '../../src/core/call-record.ts';

const T0 = 1_700_000_000_000;

/** A stamped event, validated by the real schema (an invalid fixture is a broken test). */
const ev = (draft: AnyDraft, seq: number, at = T0 + seq * 1000): PhoneEvent =>
  phoneEventSchema.parse({ ...draft, v: 1, id: crypto.randomUUID(), seq, at });

/** Folds drafts numbered 1, 2, 3… (one second apart) from no record. */
function foldAll(drafts: readonly AnyDraft[]): CallRecord | undefined {
  return drafts.reduce<CallRecord | undefined>((r, d, i) => foldCallRecord(r, ev(d, i + 1)), undefined);
}

const offer = (extra: Partial<Extract<AnyDraft, { type: 'offer' }>> = {}): AnyDraft => ({
  type: 'offer',
  callId: 'c1',
  from: { number: '+4930123456', displayName: 'Alice' },
  to: { number: '1002' },
  ...extra,
});
const dial: AnyDraft = { type: 'dial', callId: 'c1', from: { number: '1002' }, to: { number: '1003' } };
const connect: AnyDraft = { type: 'connect', callId: 'c1' };
const hangup = (reason: Extract<AnyDraft, { type: 'disconnect' }>['reason']): AnyDraft => ({
  type: 'disconnect',
  callId: 'c1',
  reason,
});
const fail: AnyDraft = { type: 'fail', callId: 'c1', code: 486, cause: 'Busy Here' };
const transfer = (phase: 'requested' | 'completed' | 'failed'): AnyDraft => ({
  type: 'transfer',
  callId: 'c1',
  phase,
  target: '1009',
  kind: 'blind',
});

describe('foldCallRecord', () => {
  it('builds an answered inbound call from its offer, connect and disconnect', () => {
    const r = foldAll([
      offer({ dnis: '0800123', data: { account: '42', topic: 'billing' } }),
      { type: 'alert', callId: 'c1' },
      connect,
      { type: 'hold', callId: 'c1' },
      hangup('remote-hangup'),
    ]);
    assert.deepEqual(r, {
      v: 1,
      callId: 'c1',
      direction: 'inbound',
      number: '+4930123456',
      name: 'Alice',
      dnis: '0800123',
      summary: 'account: 42 · topic: billing',
      summaryFrom: 'headers',
      startedAt: T0 + 1000,
      connectedAt: T0 + 3000,
      endedAt: T0 + 5000,
      outcome: 'answered',
      firstSeq: 1,
      lastSeq: 5,
    });
    assert.ok(r);
    assert.equal(durationMs(r), 2000);
  });

  it('records an outgoing call with the dialled number', () => {
    const r = foldAll([dial, { type: 'alert', callId: 'c1' }, connect, hangup('local-hangup')]);
    assert.equal(r?.direction, 'outbound');
    assert.equal(r?.number, '1003');
    assert.equal(r?.name, undefined);
    assert.equal(r?.outcome, 'answered');
  });

  const table: readonly (readonly [string, readonly AnyDraft[], CallOutcome])[] = [
    ['inbound, answered, we hang up', [offer(), connect, hangup('local-hangup')], 'answered'],
    ['inbound, answered, connection lost', [offer(), connect, hangup('transport-lost')], 'answered'],
    ['inbound, the caller gives up', [offer(), hangup('cancelled')], 'missed'],
    ['inbound, gone while ringing', [offer(), hangup('remote-hangup')], 'missed'],
    ['inbound, connection lost while ringing', [offer(), hangup('transport-lost')], 'missed'],
    ['inbound, the agent rejects', [offer(), hangup('rejected')], 'rejected'],
    ['inbound, the agent hangs up while ringing', [offer(), hangup('local-hangup')], 'rejected'],
    ['outbound, the far end declines', [dial, hangup('rejected')], 'rejected'],
    [
      'outbound, the agent cancels',
      [dial, { type: 'alert', callId: 'c1' }, hangup('cancelled')],
      'cancelled',
    ],
    ['outbound, the agent hangs up before an answer', [dial, hangup('local-hangup')], 'cancelled'],
    ['outbound, busy', [dial, fail], 'failed'],
    ['inbound, a local failure', [offer(), { type: 'fail', callId: 'c1', cause: 'no media' }], 'failed'],
    ['outbound, gone before an answer', [dial, hangup('remote-hangup')], 'failed'],
    ['outbound, connection lost before an answer', [dial, hangup('transport-lost')], 'failed'],
    ['connected, then the page died', [offer(), connect, hangup('interrupted')], 'interrupted'],
    ['ringing, then the page died', [offer(), hangup('interrupted')], 'interrupted'],
    ['transferred by disconnect reason', [offer(), connect, hangup('transferred')], 'transferred'],
    [
      'transfer completed, then hung up',
      [offer(), connect, transfer('requested'), transfer('completed'), hangup('local-hangup')],
      'transferred',
    ],
    [
      'transfer completed, then the page died',
      [offer(), connect, transfer('requested'), transfer('completed'), hangup('interrupted')],
      'transferred',
    ],
    [
      'transfer failed, then hung up',
      [offer(), connect, transfer('requested'), transfer('failed'), hangup('local-hangup')],
      'answered',
    ],
    ['ringing', [offer()], 'live'],
    ['connected', [dial, connect], 'live'],
  ];
  for (const [name, drafts, outcome] of table) {
    it(`outcome ${outcome}: ${name}`, () => {
      const r = foldAll(drafts);
      assert.equal(r?.outcome, outcome);
      assert.equal(r?.endedAt === undefined, outcome === 'live');
      assert.ok(callRecordSchema.safeParse(r).success);
    });
  }

  it('keeps whom a completed transfer went to', () => {
    const r = foldAll([offer(), connect, transfer('requested'), transfer('completed')]);
    assert.equal(r?.transferredTo, '1009');
    assert.equal(r?.outcome, 'live');
  });

  it('starts only on an offer or dial, and ignores what is not about its call', () => {
    assert.equal(foldCallRecord(undefined, ev(connect, 1)), undefined);
    assert.equal(foldCallRecord(undefined, ev(hangup('remote-hangup'), 1)), undefined);
    assert.equal(foldCallRecord(undefined, ev({ type: 'registration', state: 'registered' }, 1)), undefined);
    const r = foldCallRecord(undefined, ev(offer(), 1));
    assert.ok(r);
    assert.equal(foldCallRecord(r, ev({ type: 'idle' }, 2)), r);
    assert.equal(foldCallRecord(r, ev({ type: 'error', code: 'x', message: 'y', callId: 'c1' }, 3)), r);
    assert.equal(foldCallRecord(r, ev({ type: 'connect', callId: 'other' }, 4)), r);
  });

  it('is idempotent per seq: a replay or a duplicate never counts twice', () => {
    const events = [ev(offer(), 1), ev(connect, 2), ev(hangup('remote-hangup'), 3)];
    const once = events.reduce<CallRecord | undefined>(foldCallRecord, undefined);
    const twice = [...events, ...events].reduce<CallRecord | undefined>(foldCallRecord, undefined);
    assert.deepEqual(twice, once);
    assert.ok(once);
    for (const e of events) assert.equal(foldCallRecord(once, e), once);
    // A second offer or dial (a new seq) does not restart the call.
    const again = foldCallRecord(once, ev(offer({ from: { number: '999' } }), 9));
    assert.equal(again?.number, '+4930123456');
    assert.equal(again?.lastSeq, 9);
  });

  it('ignores events older than the last one folded, and keeps the first end', () => {
    const started = foldCallRecord(undefined, ev(offer(), 1));
    const ended = foldCallRecord(started, ev(hangup('cancelled'), 5));
    // The connect (seq 3) arrives late: the record already ended at seq 5.
    assert.equal(foldCallRecord(ended, ev(connect, 3)), ended);
    assert.equal(ended?.outcome, 'missed');
    const late = foldCallRecord(ended, ev(hangup('interrupted'), 6));
    assert.equal(late?.outcome, 'missed');
    assert.equal(late?.endedAt, T0 + 5000);
    assert.equal(late?.lastSeq, 6);
  });

  it('keeps the first connect time', () => {
    const r = foldAll([offer(), connect, connect, hangup('remote-hangup')]);
    assert.equal(r?.connectedAt, T0 + 2000);
  });
});

describe('call data summary and name', () => {
  const lookup = (source: 'cache' | 'crm', data: Record<string, string>, name?: string): AnyDraft => ({
    type: 'calldata',
    callId: 'c1',
    source,
    status: 'ok',
    data,
    ...(name === undefined ? {} : { name }),
  });

  it('follows the precedence of the offer: a higher source replaces, a lower does not', () => {
    const sources = ['crm', 'headers', 'cache'] as const;
    const r1 = foldAll([offer({ sources: [...sources], data: { queue: 'sales' } })]);
    assert.equal(r1?.summary, 'queue: sales');
    const r2 = foldCallRecord(r1, ev(lookup('cache', { account: '7' }), 2));
    assert.equal(r2?.summary, 'queue: sales');
    const r3 = foldCallRecord(r2, ev(lookup('crm', { customer: 'ACME' }, 'Alice Smith (ACME)'), 3));
    assert.equal(r3?.summary, 'customer: ACME');
    assert.equal(r3?.summaryFrom, 'crm');
    assert.equal(r3?.name, 'Alice Smith (ACME)');
  });

  it('without announced sources, the INVITE data outranks a lookup, and a lookup fills a gap', () => {
    assert.equal(foldAll([offer({ data: { a: '1' } }), lookup('cache', { b: '2' })])?.summary, 'a: 1');
    assert.equal(foldAll([offer(), lookup('cache', { b: '2' })])?.summary, 'b: 2');
  });

  it('picks a few scalar fields on one line and skips the rest', () => {
    const data = { nested: { x: 1 }, list: [1], empty: ' ', n: 3, ok: true, s: 'x', more: 'y' };
    assert.equal(summarizeCallData(data), 'n: 3 · ok: true · s: x');
    assert.equal(summarizeCallData({ nested: { x: 1 } }), undefined);
    assert.equal(summarizeCallData({ note: 'line 1\r\n\tline 2\u202e' }), 'note: line 1 line 2');
  });

  it('bounds the summary, never splitting a surrogate pair', () => {
    const long = summarizeCallData({ a: 'x'.repeat(8192), b: 'y'.repeat(8192), c: 'z'.repeat(8192) });
    assert.ok(long !== undefined && long.length <= 200);
    const emoji = summarizeCallData({ k: '😀'.repeat(100) }) ?? '';
    assert.ok(!/[\ud800-\udbff]$/.test(emoji.slice(0, -1)), emoji);
    assert.ok(summarizeCallData({ a: 'x'.repeat(100), b: 'y'.repeat(100) }, 20)?.length === 20);
  });

  it('a blank CRM name or display name is no name', () => {
    const r = foldAll([offer({ from: { number: '1', displayName: '  ' } }), lookup('crm', {}, ' ')]);
    assert.equal(r?.name, undefined);
  });
});

describe('hostile strings stay data', () => {
  it('keeps CR/LF, markup and formulas verbatim in number and name', () => {
    const name = `=HYPERLINK("http://evil")\r\n<img src=x onerror=alert(1)>${'n'.repeat(200)}`;
    const number = `=cmd|' /C calc'!A0`;
    const r = foldAll([offer({ from: { number, displayName: name } }), hangup('cancelled')]);
    assert.equal(r?.name, name);
    assert.equal(r?.number, number);
    assert.ok(callRecordSchema.safeParse(r).success);
  });
});

describe('durationMs', () => {
  const base = foldAll([offer(), connect]);
  it('counts a live call up to now, an unanswered call as 0, and never goes negative', () => {
    assert.ok(base);
    assert.equal(durationMs(base), 0);
    assert.equal(durationMs(base, T0 + 62_000), 60_000);
    assert.equal(durationMs(base, T0), 0);
    const missed = foldAll([offer(), hangup('cancelled')]);
    assert.ok(missed);
    assert.equal(durationMs(missed, T0 + 99_000), 0);
  });
});

describe('callRecordSchema', () => {
  const good = foldAll([offer(), connect, hangup('remote-hangup')]);
  it('refuses records that break its invariants', () => {
    assert.ok(callRecordSchema.safeParse(good).success);
    const bad: readonly unknown[] = [
      { ...good, v: 2 },
      { ...good, lastSeq: 0 },
      { ...good, outcome: 'live' },
      { ...good, endedAt: undefined },
      { ...good, summary: 'x'.repeat(201) },
      { ...good, callId: '' },
      { ...good, direction: 'sideways' },
      { ...good, firstSeq: 1.5 },
    ];
    for (const b of bad) assert.equal(callRecordSchema.safeParse(b).success, false, JSON.stringify(b));
  });
});

describe('foldCallRecord, property', () => {
  const callId = fc.constantFrom('a', 'b');
  const str = fc.string({ maxLength: 300 }).map((s) => s.slice(0, 256));
  const draft: fc.Arbitrary<AnyDraft> = fc.oneof(
    fc.record({
      type: fc.constant('offer' as const),
      callId,
      from: fc.record({ number: str }),
      to: fc.record({ number: str }),
    }),
    fc.record({
      type: fc.constant('dial' as const),
      callId,
      from: fc.record({ number: str }),
      to: fc.record({ number: str, displayName: str }),
    }),
    fc.record({ type: fc.constantFrom('alert' as const, 'connect' as const, 'hold' as const), callId }),
    fc.record({
      type: fc.constant('disconnect' as const),
      callId,
      reason: fc.constantFrom(
        'local-hangup' as const,
        'remote-hangup' as const,
        'cancelled' as const,
        'rejected' as const,
        'transferred' as const,
        'interrupted' as const,
      ),
    }),
    fc.record({ type: fc.constant('fail' as const), callId, cause: str }),
    fc.record({
      type: fc.constant('transfer' as const),
      callId,
      phase: fc.constantFrom('requested' as const, 'completed' as const, 'failed' as const),
      target: str,
      kind: fc.constant('blind' as const),
    }),
    fc.record({
      type: fc.constant('calldata' as const),
      callId,
      source: fc.constantFrom('cache' as const, 'crm' as const),
      status: fc.constant('ok' as const),
      data: fc.dictionary(
        fc.string({ maxLength: 20 }),
        fc.oneof(fc.string({ maxLength: 500 }), fc.integer()),
      ),
      name: str,
    }),
    fc.constant<AnyDraft>({ type: 'idle' }),
  );
  const events = fc.array(
    fc.tuple(draft, fc.nat({ max: 60 }), fc.nat({ max: 1e13 })).map(([d, seq, at]) => ev(d, seq, at)),
    { maxLength: 40 },
  );

  it('never throws, stays valid, and lastSeq is the highest seq seen of its call', () => {
    fc.assert(
      fc.property(events, (es) => {
        let r: CallRecord | undefined;
        let expected: { callId: string; max: number } | undefined;
        for (const e of es) {
          r = foldCallRecord(r, e);
          if (!('callId' in e) || e.callId === undefined || e.type === 'error') continue;
          if (!expected && (e.type === 'offer' || e.type === 'dial'))
            expected = { callId: e.callId, max: e.seq };
          else if (expected?.callId === e.callId) expected.max = Math.max(expected.max, e.seq);
        }
        assert.equal(r?.lastSeq, expected?.max);
        if (r) {
          assert.ok(callRecordSchema.safeParse(r).success);
          assert.ok(durationMs(r, 2e13) >= 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
