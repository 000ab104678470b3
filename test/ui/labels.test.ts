import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialPhoneState, type PhoneState } from '../../src/core/phone-state.ts';
import { formatDuration, incomingAnnouncement, partyLabel, statusView } from '../../src/ui/labels.ts';

test('formatDuration: m:ss below an hour, h:mm:ss above, never negative', () => {
  const cases: [number, string][] = [
    [-5000, '0:00'],
    [0, '0:00'],
    [999, '0:00'],
    [1000, '0:01'],
    [59_999, '0:59'],
    [60_000, '1:00'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
  ];
  for (const [ms, expected] of cases) assert.equal(formatDuration(ms), expected, `${ms} ms`);
});

test('party labels and the incoming-call announcement', () => {
  assert.equal(partyLabel({ number: '1001' }), '1001');
  assert.equal(partyLabel({ number: '1001', displayName: ' Alice ' }), 'Alice (1001)');
  assert.equal(partyLabel({ number: '1001', displayName: '   ' }), '1001');
  assert.equal(
    incomingAnnouncement({ number: '1001', displayName: 'Alice' }),
    'Incoming call from Alice 1001',
  );
  assert.equal(incomingAnnouncement({ number: '1001' }), 'Incoming call from 1001');
});

test('statusView covers every registration state and a transport waiting to reconnect', () => {
  const at = (patch: Partial<PhoneState>): PhoneState => ({ ...initialPhoneState, ...patch });
  const connected = { state: 'connected' } as const;
  assert.deepEqual(statusView(undefined), { tone: 'off', text: 'Not configured' });
  assert.deepEqual(statusView(at({})), { tone: 'off', text: 'Not registered' });
  assert.deepEqual(statusView(at({ transport: { state: 'connecting' } })), {
    tone: 'busy',
    text: 'Connecting…',
  });
  assert.deepEqual(statusView(at({ transport: connected, registration: { state: 'registering' } })), {
    tone: 'busy',
    text: 'Registering…',
  });
  assert.deepEqual(statusView(at({ transport: connected, registration: { state: 'registered' } })), {
    tone: 'ok',
    text: 'Registered',
  });
  assert.deepEqual(
    statusView(at({ transport: connected, registration: { state: 'failed', reason: '403 Forbidden' } })),
    {
      tone: 'error',
      text: 'Registration failed: 403 Forbidden',
    },
  );
  assert.deepEqual(statusView(at({ registration: { state: 'failed' } })), {
    tone: 'error',
    text: 'Registration failed',
  });
  const lost = at({
    transport: { state: 'disconnected', attempt: 3, retryInMs: 7400 },
    registration: { state: 'registered' },
  });
  assert.deepEqual(statusView(lost), { tone: 'busy', text: 'Connection lost, reconnecting in 7 s' });
  const soon = at({ transport: { state: 'disconnected', attempt: 0, retryInMs: 200 } });
  assert.deepEqual(statusView(soon), { tone: 'busy', text: 'Connection lost, reconnecting in 1 s' });
});
