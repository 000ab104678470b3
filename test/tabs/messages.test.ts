import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTabMessage, SNAPSHOT_MAX_EVENTS, TAB_PROTOCOL } from '../../src/tabs/messages.ts';
import type { PhoneEvent } from '../../src/core/events.ts';

const from = 'tab-a';
const env = { v: TAB_PROTOCOL, from };
const event: PhoneEvent = {
  type: 'offer',
  callId: 'c1',
  from: { number: '2000' },
  to: { number: '1001' },
  v: 1,
  id: crypto.randomUUID(),
  seq: 7,
  at: 1_700_000_000_000,
};

describe('tabs: channel messages', () => {
  it('parses every kind the tabs send', () => {
    const good = [
      { ...env, kind: 'event', event },
      { ...env, kind: 'hello' },
      { ...env, kind: 'snapshot', to: '*', events: [event] },
      { ...env, kind: 'leader' },
      {
        ...env,
        kind: 'request',
        id: 'r1',
        body: { op: 'command', command: { type: 'answer', callId: 'c1' } },
      },
      { ...env, kind: 'request', id: 'r2', body: { op: 'history', limit: 20 } },
      { ...env, kind: 'request', id: 'r3', body: { op: 'status' } },
      { ...env, kind: 'request', id: 'r4', body: { op: 'replay', sink: 'webhook' } },
      { ...env, kind: 'request', id: 'r5', body: { op: 'media', callId: 'c1' } },
      {
        ...env,
        kind: 'reply',
        to: 'tab-b',
        id: 'r1',
        body: { op: 'command', result: { ok: true, value: {} } },
      },
      {
        ...env,
        kind: 'reply',
        to: 'tab-b',
        id: 'r1',
        body: {
          op: 'command',
          result: {
            ok: false,
            error: { code: 'no-such-call', message: 'No call c1', command: 'answer', callId: 'c1' },
          },
        },
      },
      { ...env, kind: 'reply', to: 'tab-b', id: 'r2', body: { op: 'history', records: [] } },
      {
        ...env,
        kind: 'reply',
        to: 'tab-b',
        id: 'r3',
        body: { op: 'status', journal: { state: 'ok', backlog: 0, quarantined: 0, storage: {}, sinks: [] } },
      },
      { ...env, kind: 'reply', to: 'tab-b', id: 'r4', body: { op: 'replay', delivered: 2, left: 0 } },
      { ...env, kind: 'reply', to: 'tab-b', id: 'r5', body: { op: 'media', stats: null } },
      { ...env, kind: 'visible', visible: true, focused: false, at: 5 },
      { ...env, kind: 'attention', tab: 'tab-b' },
      { ...env, kind: 'journal-changed' },
      { ...env, kind: 'bye' },
    ];
    for (const m of good) assert.ok(parseTabMessage(m), `${m.kind} ${JSON.stringify(m).slice(0, 80)}`);
  });

  it('ignores what is not a message of this protocol, whatever it is', () => {
    const hostile: unknown[] = [
      undefined,
      null,
      0,
      'event',
      [],
      {},
      { kind: 'hello' }, // no version, no sender
      { ...env, v: 2, kind: 'hello' }, // another version of the widget
      { ...env, from: '', kind: 'hello' },
      { ...env, from: 'x'.repeat(65), kind: 'hello' },
      { ...env, kind: 'nope' },
      { ...env, kind: 'event', event: { ...event, seq: -1 } },
      { ...env, kind: 'event', event: { ...event, id: 'not-a-uuid' } },
      { ...env, kind: 'event', event: { ...event, type: 'idle', callId: undefined, v: 9 } },
      { ...env, kind: 'event', event: { ...event, from: { number: 'x'.repeat(300) } } },
      {
        ...env,
        kind: 'snapshot',
        to: '*',
        events: Array.from({ length: SNAPSHOT_MAX_EVENTS + 1 }, () => event),
      },
      { ...env, kind: 'snapshot', events: [event] }, // no addressee
      { ...env, kind: 'request', id: 'r', body: { op: 'command', command: { type: 'format-disk' } } },
      { ...env, kind: 'request', id: 'r', body: { op: 'command', command: { type: 'dial', target: 5 } } },
      { ...env, kind: 'request', id: 'r', body: { op: 'history', limit: 1e9 } },
      { ...env, kind: 'request', id: 'r', body: { op: 'eval', code: 'alert(1)' } },
      { ...env, kind: 'request', body: { op: 'status' } }, // no id
      { ...env, kind: 'reply', to: 'b', id: 'r', body: { op: 'command', result: { ok: true } } },
      {
        ...env,
        kind: 'reply',
        to: 'b',
        id: 'r',
        body: {
          op: 'command',
          result: { ok: false, error: { code: 'pwned', message: '', command: 'dial' } },
        },
      },
      { ...env, kind: 'reply', to: 'b', id: 'r', body: { op: 'media', stats: { inboundBytes: -1 } } },
      { ...env, kind: 'reply', to: 'b', id: 'r', body: { op: 'status', journal: { state: 'ok' } } },
      { ...env, kind: 'visible', visible: 'yes', focused: false, at: 1 },
      { ...env, kind: 'visible', visible: true, focused: false, at: Number.NaN },
      { ...env, kind: 'attention' },
    ];
    for (const m of hostile) assert.equal(parseTabMessage(m), undefined, JSON.stringify(m)?.slice(0, 120));
  });

  it('drops unknown fields and never throws, even on a getter that throws', () => {
    const m = parseTabMessage({ ...env, kind: 'hello', extra: '<img onerror=alert(1)>' });
    assert.deepEqual(m, { ...env, kind: 'hello' });
    const trap = { ...env, kind: 'hello' };
    Object.defineProperty(trap, 'from', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    assert.equal(parseTabMessage(trap), undefined);
    const polluted = JSON.parse(`{"v":1,"from":"a","kind":"hello","__proto__":{"admin":true}}`) as unknown;
    const parsed = parseTabMessage(polluted) as Record<string, unknown> | undefined;
    assert.equal(parsed?.admin, undefined);
    assert.equal(({} as Record<string, unknown>).admin, undefined);
  });
});
