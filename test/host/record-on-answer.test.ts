import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openRecordOnAnswer } from '../../src/host/record-on-answer.ts';
import { corePort, inboundOffer } from './core-port.ts';

const record = (url: string) =>
  ({ type: 'calldata', callId: 'c1', source: 'crm', status: 'ok', record: { url, label: 'Ann' } }) as const;

function setup(allow = true) {
  const { core, port } = corePort();
  const opened: string[] = [];
  const dispose = openRecordOnAnswer(port, (url) => (opened.push(url), allow));
  const errors: string[] = [];
  core.subscribe((_s, e) => void (e.type === 'error' && errors.push(e.code)));
  return { core, opened, dispose, errors };
}

describe('openRecordOnAnswer', () => {
  it('opens the record once when an answered call has it, whichever comes first', () => {
    const a = setup();
    a.core.publish(inboundOffer('c1', { sources: ['headers', 'crm'] }));
    a.core.publish(record('https://crm.example/1'));
    assert.deepEqual(a.opened, [], 'not while ringing');
    a.core.publish({ type: 'connect', callId: 'c1' });
    a.core.publish({ type: 'hold', callId: 'c1' });
    assert.deepEqual(a.opened, ['https://crm.example/1']);

    const b = setup();
    b.core.publish(inboundOffer('c1', { sources: ['headers', 'crm'] }));
    b.core.publish({ type: 'connect', callId: 'c1' });
    assert.deepEqual(b.opened, [], 'the CRM has not answered yet');
    b.core.publish(record('https://crm.example/2'));
    assert.deepEqual(b.opened, ['https://crm.example/2']);
    a.dispose();
    b.dispose();
  });

  it('never opens for a call that was not answered, or an outgoing one', () => {
    const a = setup();
    a.core.publish(inboundOffer('c1', { sources: ['headers', 'crm'] }));
    a.core.publish(record('https://crm.example/1'));
    a.core.publish({ type: 'disconnect', callId: 'c1', reason: 'cancelled' });
    a.core.publish({ type: 'dial', callId: 'c2', to: { number: '3000' }, from: { number: '1001' } });
    a.core.publish({ type: 'connect', callId: 'c2' });
    assert.deepEqual(a.opened, []);
    a.dispose();
  });

  it('says so with an error event when the browser blocks the pop-up', () => {
    const a = setup(false);
    a.core.publish(inboundOffer('c1', { sources: ['headers', 'crm'] }));
    a.core.publish({ type: 'connect', callId: 'c1' });
    a.core.publish(record('https://crm.example/1'));
    assert.deepEqual(a.errors, ['screen-pop-blocked']);
    a.dispose();
  });
});
