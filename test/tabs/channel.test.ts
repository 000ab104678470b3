import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TabChannel, channelName } from '../../src/tabs/channel.ts';
import { TAB_PROTOCOL, type TabMessage } from '../../src/tabs/messages.ts';
import { FakeBus, until } from './fakes.ts';

describe('tabs: channel', () => {
  it('is named after the AOR and delivers parsed messages by kind, never to the sender', async () => {
    assert.equal(channelName('sip:1001@example.com'), 'cti-softphone-tabs:sip:1001@example.com');
    const bus = new FakeBus();
    const a = new TabChannel('a', bus.port());
    const b = new TabChannel('b', bus.port());
    const got: [string, TabMessage][] = [];
    a.on('hello', (m) => got.push(['a', m]));
    b.on('hello', (m) => got.push(['b', m]));
    a.send({ kind: 'hello' });
    await until(() => got.length === 1, 'the hello');
    assert.deepEqual(got, [['b', { v: TAB_PROTOCOL, from: 'a', kind: 'hello' }]]);
    a.close();
    b.close();
  });

  it('drops (and counts) what does not parse, and what is addressed to another tab', async () => {
    const bus = new FakeBus();
    const hostile = bus.port();
    const me = new TabChannel('me', bus.port());
    const snapshots: string[] = [];
    me.on('snapshot', (m) => snapshots.push(m.to));
    hostile.postMessage({ v: TAB_PROTOCOL, from: 'x', kind: 'snapshot', to: 'someone-else', events: [] });
    hostile.postMessage({ v: TAB_PROTOCOL, from: 'x', kind: 'snapshot', to: 'me', events: [] });
    hostile.postMessage({ v: TAB_PROTOCOL, from: 'x', kind: 'snapshot', to: '*', events: [] });
    hostile.postMessage({ kind: 'snapshot', to: 'me', events: 'all of them' });
    hostile.postMessage('<script>alert(1)</script>');
    hostile.postMessage({ v: TAB_PROTOCOL, from: 'me', kind: 'hello' }); // a forgery of our own id
    await until(() => me.dropped === 2 && snapshots.length === 2, 'the messages handled');
    assert.deepEqual(snapshots, ['me', '*']);
    me.close();
  });

  it('reports a handler that throws and keeps delivering; sends nothing once closed', async () => {
    const bus = new FakeBus();
    const errors: unknown[] = [];
    const a = new TabChannel('a', bus.port());
    const b = new TabChannel('b', bus.port(), (e) => errors.push(e));
    let second = 0;
    b.on('bye', () => {
      throw new Error('host bug');
    });
    b.on('bye', () => second++);
    a.send({ kind: 'bye' });
    await until(() => second === 1, 'the second handler');
    assert.equal(errors.length, 1);
    a.close();
    const before = bus.posted.length;
    a.send({ kind: 'hello' });
    assert.equal(bus.posted.length, before);
    b.close();
  });
});
