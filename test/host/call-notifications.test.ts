import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectCallNotifications,
  notificationText,
  type NotificationEnv,
} from '../../src/host/call-notifications.ts';
import { corePort, inboundOffer } from './core-port.ts';

/** The browser's part, scripted: visibility, permission and what is on the desktop. */
function fakeEnv(hidden = true) {
  const onScreen = new Map<string, { title: string; body: string; click: () => void }>();
  const listeners = new Set<() => void>();
  const state = { hidden };
  const env: NotificationEnv = {
    permission: () => 'granted',
    requestPermission: async () => 'granted',
    hidden: () => state.hidden,
    onVisibilityChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    show: (title, { body, tag }, click) => {
      onScreen.set(tag, { title, body, click });
      return { close: () => onScreen.delete(tag) };
    },
  };
  const show = () => {
    state.hidden = false;
    for (const l of listeners) l();
  };
  return { env, onScreen, show };
}

function setup(hidden = true) {
  const { core, port } = corePort();
  const fake = fakeEnv(hidden);
  const activated: string[] = [];
  const dispose = connectCallNotifications(port, fake.env, (id) => activated.push(id));
  return { core, ...fake, activated, dispose };
}

describe('desktop notifications for incoming calls', () => {
  it('rings on the desktop while the page is hidden, and closes when the call is answered', () => {
    const t = setup();
    t.core.publish(inboundOffer('c1', { data: { reason: 'billing' } }));
    assert.deepEqual(
      [...t.onScreen.values()].map(({ title, body }) => ({ title, body })),
      [{ title: 'Incoming call: Ann', body: '2000 · reason: billing' }],
    );
    t.core.publish({ type: 'connect', callId: 'c1' });
    assert.equal(t.onScreen.size, 0);
    t.dispose();
  });

  it('stays quiet while the page is visible, and never pops late', () => {
    const t = setup(false);
    t.core.publish(inboundOffer('c1'));
    t.core.publish({ type: 'calldata', callId: 'c1', source: 'crm', status: 'ok', name: 'Ann Smith' });
    assert.equal(t.onScreen.size, 0);
    t.dispose();
  });

  it("updates with the CRM's answer, focuses on click, and closes when the call ends elsewhere", () => {
    const t = setup();
    t.core.publish(inboundOffer('c1', { sources: ['headers', 'crm'] }));
    t.core.publish({ type: 'calldata', callId: 'c1', source: 'crm', status: 'ok', name: 'Ann Smith' });
    assert.equal([...t.onScreen.values()][0]?.title, 'Incoming call: Ann Smith');
    [...t.onScreen.values()][0]?.click();
    assert.deepEqual([t.activated, t.onScreen.size], [['c1'], 0]);
    t.core.publish(inboundOffer('c2'));
    t.core.publish({ type: 'disconnect', callId: 'c2', reason: 'cancelled' });
    assert.equal(t.onScreen.size, 0);
    t.dispose();
  });

  it('closes when the agent comes back to the page, and on dispose', () => {
    const t = setup();
    t.core.publish(inboundOffer('c1'));
    t.show();
    assert.equal(t.onScreen.size, 0);
    const u = setup();
    u.core.publish(inboundOffer('c1'));
    u.dispose();
    assert.equal(u.onScreen.size, 0);
  });

  it('writes plain text that bidi controls cannot disguise, clipped', () => {
    const base = { callId: 'c', direction: 'inbound', state: 'ringing-in', local: { number: '1' } } as const;
    const text = notificationText({
      ...base,
      remote: { number: '2000', displayName: `Bank\u202Eevil\u0007${'x'.repeat(300)}` },
      startedAt: 0,
      muted: false,
    });
    assert.ok(!text.title.includes('\u202e') && !text.title.includes('\u0007'));
    assert.ok(text.title.length <= 120 && text.title.endsWith('…'));
  });
});
