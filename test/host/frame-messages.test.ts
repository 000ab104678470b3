import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phoneEventSchema, phoneEventTypes, type PhoneEvent } from '../../src/core/events.ts';
import { initialPhoneState, type CallView, type PhoneState } from '../../src/core/phone-state.ts';
import { toFrameEvent, type CallParties } from '../../src/host/frame-events.ts';
import { frameEventSchema, frameResponseSchema } from '../../src/host/frame-messages.ts';
import type { FrameRequest } from '../../src/host/frame-protocol.ts';
import { requestCommand, snapshotResponse } from '../../src/host/frame-requests.ts';

const AT = 1_428_289_128_500;
const stamp = (seq: number) => ({ v: 1, id: crypto.randomUUID(), seq, at: AT });
const ev = (draft: Record<string, unknown>, seq = 5): PhoneEvent =>
  phoneEventSchema.parse({ ...draft, ...stamp(seq) });
const out: CallParties = { direction: 'outbound', remote: '1002' };
const inb: CallParties = { direction: 'inbound', remote: '2000' };
const ctx = (parties?: CallParties) => ({
  extension: '1001',
  device: 'dev-1',
  ...(parties ? { parties } : {}),
});

/** One example of every event type, with the parties its call has and seed 003's fields it should carry. */
const examples: readonly [Record<string, unknown>, CallParties | undefined, Record<string, unknown>][] = [
  [
    {
      type: 'offer',
      callId: 'c1',
      from: { number: '2000' },
      to: { number: '1001' },
      data: { account: 42 },
      uui: [{ data: '04ab', encoding: 'hex' }],
    },
    undefined,
    {
      eventtype: 'offer',
      calling: '2000',
      called: '1001',
      alerting: '1001',
      ucid: 'c1',
      uui: '04ab',
      custdata: '{"account":42}',
    },
  ],
  [
    { type: 'dial', callId: 'c1', from: { number: '1001' }, to: { number: '1002' } },
    undefined,
    { eventtype: 'dial', calling: '1001', called: '1002' },
  ],
  [
    { type: 'alert', callId: 'c1' },
    out,
    { eventtype: 'alert', calling: '1001', called: '1002', alerting: '1002' },
  ],
  [
    { type: 'connect', callId: 'c1' },
    out,
    { eventtype: 'connect', calling: '1001', called: '1002', answering: '1002' },
  ],
  [
    { type: 'connect', callId: 'c1' },
    inb,
    { eventtype: 'connect', calling: '2000', called: '1001', answering: '1001' },
  ],
  [{ type: 'hold', callId: 'c1' }, out, { eventtype: 'hold', holding: '1001' }],
  [{ type: 'retrieve', callId: 'c1' }, out, { eventtype: 'retrieve', retrieving: '1001' }],
  [{ type: 'mute', callId: 'c1', muted: true }, out, { eventtype: 'mute', muted: true }],
  [{ type: 'dtmf', callId: 'c1', digits: '1#' }, out, { eventtype: 'dtmf', dtmf: '1#' }],
  [
    { type: 'transfer', callId: 'c1', phase: 'completed', target: '1003', kind: 'blind' },
    out,
    { eventtype: 'transfer', transferring: '1001', transferred: '1003', phase: 'completed' },
  ],
  [
    { type: 'disconnect', callId: 'c1', reason: 'remote-hangup' },
    out,
    { eventtype: 'disconnect', releasing: '1002', reason: 'remote-hangup' },
  ],
  [
    { type: 'disconnect', callId: 'c1', reason: 'local-hangup' },
    inb,
    { eventtype: 'disconnect', releasing: '1001' },
  ],
  [
    { type: 'disconnect', callId: 'c1', reason: 'cancelled', code: 487 },
    inb,
    { eventtype: 'disconnect', releasing: '2000', code: 487 },
  ],
  [
    { type: 'fail', callId: 'c1', code: 404, cause: 'Not Found' },
    out,
    { eventtype: 'fail', failing: '1002', called: '1002', cause: 404, causetext: 'Not Found' },
  ],
  [
    { type: 'fail', callId: 'c1', cause: 'media' },
    undefined,
    { eventtype: 'fail', cause: 0, causetext: 'media' },
  ],
  [
    { type: 'calldata', callId: 'c1', source: 'crm', status: 'ok', data: { tier: 'gold' }, name: 'Ann' },
    inb,
    { eventtype: 'calldata', source: 'crm', status: 'ok', custdata: '{"tier":"gold"}', name: 'Ann' },
  ],
  [{ type: 'idle' }, undefined, { eventtype: 'idle', extension: '1001' }],
  [
    { type: 'registration', state: 'failed', reason: '403' },
    undefined,
    { eventtype: 'registration', state: 'failed', reason: '403' },
  ],
  [{ type: 'transport', state: 'connected' }, undefined, { eventtype: 'transport', state: 'connected' }],
  [
    { type: 'error', code: 'journal-full', message: 'full' },
    undefined,
    { eventtype: 'error', code: 'journal-full', message: 'full' },
  ],
];

describe('frame protocol: events and responses to the parent', () => {
  it('maps every event type to a valid seed 003 event with its fields, the journal id and seq, time in seconds', () => {
    const covered = new Set<string>();
    for (const [draft, parties, expected] of examples) {
      const e = ev(draft);
      const m = toFrameEvent(e, 17, ctx(parties));
      const checked = frameEventSchema.safeParse(m);
      assert.ok(checked.success, `${String(draft['type'])}: ${JSON.stringify(checked.error?.issues)}`);
      assert.deepEqual(checked.data, m, 'nothing stripped: the mapping writes only schema fields');
      for (const [k, v] of Object.entries(expected))
        assert.deepEqual((m as Record<string, unknown>)[k], v, `${m.eventtype}.${k}`);
      assert.deepEqual(
        [m.v, m.msgtype, m.id, m.seq, m.device, m.time, m.at],
        [1, 'event', e.id, 17, 'dev-1', 1_428_289_128, AT],
      );
      if ('ucid' in m) assert.deepEqual([m.callid, m.ucid], ['c1', 'c1']);
      assert.ok(!Object.values(m).includes(undefined), 'no undefined fields');
      covered.add(m.eventtype);
    }
    assert.deepEqual([...covered].sort(), [...phoneEventTypes].sort(), 'every event type has an example');
  });

  it('leaves calling/called out when the call is not known (never guessed)', () => {
    const m = toFrameEvent(ev({ type: 'alert', callId: 'c9' }), 3, ctx());
    assert.deepEqual(
      Object.keys(m).filter((k) => ['calling', 'called', 'alerting'].includes(k)),
      [],
    );
  });

  it('maps requests to phone commands, picking the call a request without callid means', () => {
    const call = (callId: string, state: CallView['state']): CallView =>
      ({
        callId,
        state,
        direction: 'outbound',
        remote: { number: '1002' },
        local: { number: '1001' },
        startedAt: 0,
        muted: false,
      }) as CallView;
    const state = (...calls: CallView[]): PhoneState => ({ ...initialPhoneState, calls });
    const cmd = (s: PhoneState, r: Record<string, unknown>) =>
      requestCommand(s, { id: '1', ...r } as Exclude<
        FrameRequest,
        { request: 'subscribe' | 'credentials' | 'snapshot' | 'setstate' }
      >);
    const two = state(call('a', 'connected'), call('b', 'held'));
    assert.deepEqual(cmd(two, { request: 'makecall', destination: '1002', data: 'hi' }), {
      ok: true,
      value: { type: 'dial', target: '1002', uui: { data: 'hi' } },
    });
    assert.deepEqual(cmd(two, { request: 'makecall', destination: '1002', data: { a: 1 } }), {
      ok: true,
      value: { type: 'dial', target: '1002', data: { a: 1 } },
    });
    assert.deepEqual(cmd(two, { request: 'hangup' }), { ok: true, value: { type: 'hangup', callId: 'a' } });
    assert.deepEqual(cmd(two, { request: 'hold' }), { ok: true, value: { type: 'hold', callId: 'a' } });
    assert.deepEqual(cmd(two, { request: 'retrieve' }), { ok: true, value: { type: 'resume', callId: 'b' } });
    assert.deepEqual(cmd(two, { request: 'retrieve', callid: 'z' }), {
      ok: true,
      value: { type: 'resume', callId: 'z' },
    });
    assert.deepEqual(cmd(two, { request: 'dtmf', dtmf: '5' }), {
      ok: true,
      value: { type: 'dtmf', callId: 'a', digits: '5' },
    });
    assert.deepEqual(cmd(two, { request: 'transfer', destination: '1003' }), {
      ok: true,
      value: { type: 'transfer', callId: 'a', target: '1003' },
    });
    assert.deepEqual(cmd(two, { request: 'alternate' }), { ok: true, value: { type: 'swap' } });
    const answer = cmd(two, { request: 'answer' });
    assert.ok(!answer.ok && answer.error.code === 'no-call');
    const both = cmd(state(call('a', 'held'), call('b', 'held')), { request: 'retrieve' });
    assert.ok(!both.ok && both.error.code === 'no-call' && /callid/.test(both.error.message));
    assert.deepEqual(cmd(state(call('r', 'ringing-in')), { request: 'answer' }), {
      ok: true,
      value: { type: 'answer', callId: 'r' },
    });
  });

  it('answers snapshot with seed 003 fields and valid responses', () => {
    const c = {
      callId: 'a',
      state: 'connected',
      direction: 'outbound',
      remote: { number: '1002' },
      local: { number: '1001' },
      startedAt: 0,
      muted: false,
    } as CallView;
    const s = snapshotResponse('22', '1001', {
      ...initialPhoneState,
      calls: [c],
      registration: { state: 'registered' },
    });
    assert.ok(frameResponseSchema.safeParse(s).success);
    assert.deepEqual(s, {
      v: 1,
      msgtype: 'response',
      id: '22',
      result: 'success',
      error: '',
      extension: '1001',
      numcall: 1,
      list: [
        {
          callid: 'a',
          state: 'connect',
          callstate: 'connected',
          direction: 'outbound',
          numparty: 2,
          party: [{ extension: '1001' }, { extension: '1002' }],
        },
      ],
      registration: 'registered',
      transport: 'disconnected',
    });
    assert.equal(snapshotResponse('1', '1001', undefined).numcall, 0);
    const bad = { v: 1, msgtype: 'response', id: '1', result: 'success', error: 'x' };
    assert.ok(!frameResponseSchema.safeParse(bad).success, 'success carries error ""');
    assert.ok(
      !frameResponseSchema.safeParse({ ...bad, result: 'failure', error: '' }).success,
      'failure carries a code',
    );
  });
});
