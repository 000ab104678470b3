import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCommand, type PhoneCommand } from '../../src/core/commands.ts';
import { initialPhoneState, type PhoneState } from '../../src/core/phone-state.ts';
import { callEventFor, ev, fold } from './fixtures.ts';

const registered = fold([ev({ type: 'registration', state: 'registered' })]);
const codeOf = (s: PhoneState, c: PhoneCommand) => {
  const r = checkCommand(s, c);
  return r.ok ? 'ok' : r.error.code;
};

describe('checkCommand', () => {
  it('refuses to dial when not registered, with nothing, or with both lines busy', () => {
    assert.equal(codeOf(initialPhoneState, { type: 'dial', target: '1002' }), 'not-registered');
    assert.equal(codeOf(registered, { type: 'dial', target: '  ' }), 'invalid-target');
    assert.equal(codeOf(registered, { type: 'dial', target: '1002' }), 'ok');
    const two = fold([
      ev({ type: 'registration', state: 'registered' }),
      callEventFor('offer', 'a'),
      callEventFor('offer', 'b'),
    ]);
    assert.equal(codeOf(two, { type: 'dial', target: '1003' }), 'lines-busy');
  });

  it('gives a typed error for a command in the wrong state', () => {
    const ringing = fold([callEventFor('offer', 'a')]);
    const r = checkCommand(ringing, { type: 'hold', callId: 'a' });
    assert.deepEqual(r, {
      ok: false,
      error: {
        code: 'invalid-state',
        message: 'Cannot hold a call that is ringing-in',
        command: 'hold',
        callId: 'a',
        state: 'ringing-in',
      },
    });
    assert.equal(codeOf(ringing, { type: 'answer', callId: 'a' }), 'ok');
    assert.equal(codeOf(ringing, { type: 'answer', callId: 'zzz' }), 'no-such-call');
  });

  it('validates DTMF digits and transfer targets', () => {
    const talking = fold([callEventFor('offer', 'a'), callEventFor('connect', 'a')]);
    assert.equal(codeOf(talking, { type: 'dtmf', callId: 'a', digits: '12#*' }), 'ok');
    assert.equal(codeOf(talking, { type: 'dtmf', callId: 'a', digits: '1;2' }), 'invalid-digits');
    assert.equal(codeOf(talking, { type: 'transfer', callId: 'a', target: '' }), 'invalid-target');
  });

  it('keeps at most one call live: no answering or dialling beside a call being placed', () => {
    const placing = fold([
      ev({ type: 'registration', state: 'registered' }),
      callEventFor('dial', 'out'),
      callEventFor('offer', 'in'),
    ]);
    assert.equal(codeOf(placing, { type: 'answer', callId: 'in' }), 'invalid-state');
    assert.equal(codeOf(placing, { type: 'reject', callId: 'in' }), 'ok');
    const one = fold([ev({ type: 'registration', state: 'registered' }), callEventFor('dial', 'out')]);
    assert.equal(codeOf(one, { type: 'dial', target: '1003' }), 'invalid-state');
  });

  it('allows swap only with a held call beside another', () => {
    const one = fold([callEventFor('offer', 'a'), callEventFor('connect', 'a'), callEventFor('hold', 'a')]);
    assert.equal(codeOf(one, { type: 'swap' }), 'invalid-state');
    const ringing = fold([
      callEventFor('offer', 'a'),
      callEventFor('connect', 'a'),
      callEventFor('hold', 'a'),
      callEventFor('offer', 'b'),
    ]);
    assert.equal(
      codeOf(ringing, { type: 'swap' }),
      'invalid-state',
      'a ringing call is answered, not swapped to',
    );
    const two = fold([
      callEventFor('offer', 'a'),
      callEventFor('connect', 'a'),
      callEventFor('hold', 'a'),
      callEventFor('offer', 'b'),
      callEventFor('connect', 'b'),
    ]);
    assert.equal(codeOf(two, { type: 'swap' }), 'ok');
  });
});
