import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  callEventKeys,
  callStates,
  nextCallState,
  type CallEventKey,
  type CallState,
} from '../../src/core/call-machine.ts';
import { callEventFor } from './fixtures.ts';

/**
 * The expected machine, written out independently of src/core/call-machine.ts:
 * every (state, event) pair not listed here must be rejected.
 */
const E = 'ended';
const expected: Record<CallState, Partial<Record<CallEventKey, CallState | 'previous'>>> = {
  idle: { offer: 'ringing-in', dial: 'dialing' },
  dialing: { alert: 'ringing-out', connect: 'connected', disconnect: E, fail: E },
  'ringing-out': { alert: 'ringing-out', connect: 'connected', disconnect: E, fail: E },
  'ringing-in': { connect: 'connected', calldata: 'ringing-in', disconnect: E, fail: E },
  connected: {
    hold: 'held',
    mute: 'connected',
    dtmf: 'connected',
    'transfer:requested': 'transferring',
    calldata: 'connected',
    disconnect: E,
    fail: E,
  },
  held: {
    retrieve: 'connected',
    mute: 'held',
    'transfer:requested': 'transferring',
    calldata: 'held',
    disconnect: E,
    fail: E,
  },
  transferring: {
    mute: 'transferring',
    'transfer:completed': 'transferring',
    'transfer:failed': 'previous',
    calldata: 'transferring',
    disconnect: E,
    fail: E,
  },
  ended: {},
};

describe('call state machine: every (state, event) pair', () => {
  for (const from of callStates) {
    for (const key of callEventKeys) {
      const want = expected[from][key];
      it(`${from} + ${key} → ${want ?? 'rejected'}`, () => {
        const result = nextCallState(from, callEventFor(key), 'held');
        if (want === undefined) {
          assert.equal(result.ok, false);
          if (!result.ok) assert.deepEqual(result.error, { code: 'illegal-transition', from, event: key });
        } else {
          assert.deepEqual(result, { ok: true, value: want === 'previous' ? 'held' : want });
        }
      });
    }
  }
});
