import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneConfig } from '../../src/config.ts';
import type { PhoneEvent } from '../../src/core/events.ts';
import { TabbedPhone } from '../../src/tabbed-phone.ts';
import { FakeBus, FakeLocks, FakeSightings, until } from './fakes.ts';
import { ScriptedTelephony } from './scripted-telephony.ts';

const config = (() => {
  const r = parsePhoneConfig({
    server: 'wss://pbx.example.com/ws',
    aor: 'sip:1001@example.com',
    tabs: { enabled: true },
  });
  assert.ok(r.ok);
  return r.value;
})();

const phones: TabbedPhone[] = [];
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.stop()));
});

function tabs(n: number) {
  const bus = new FakeBus();
  const locks = new FakeLocks();
  return Array.from({ length: n }, (_, i) => {
    const id = `tab${i + 1}`;
    const telephony = new ScriptedTelephony(id);
    const sightings = new FakeSightings(false, false);
    const phone = new TabbedPhone(
      config,
      telephony,
      { locks: locks.for(id), port: bus.port(), sightings, tab: id },
      { journal: () => undefined, adapters: () => [] },
    );
    phones.push(phone);
    const events: PhoneEvent[] = [];
    phone.subscribe((_s, e) => events.push(e));
    return { id, phone, telephony, sightings, events, locks };
  });
}

describe('tabs: one phone across tabs (TabbedPhone on fake locks and channel)', () => {
  it('only the leader registers; the others mirror its state and send it their commands', async () => {
    const [a, b, c] = tabs(3);
    assert.ok(a && b && c);
    await a.phone.start();
    await Promise.all([b.phone.start(), c.phone.start()]);
    assert.deepEqual(
      [a, b, c].map((t) => t.telephony.started),
      [true, false, false],
    );
    assert.deepEqual(
      [a, b, c].map((t) => t.phone.tabs.role),
      ['leader', 'follower', 'follower'],
    );
    await until(() => c.phone.state.registration.state === 'registered', 'c mirrors the registration');

    a.telephony.ring('call-1');
    await until(() => b.phone.state.calls[0]?.state === 'ringing-in', 'b sees the call ringing');
    // The agent answers in c: the leader's telephony answers, every tab sees it connected.
    const answered = await c.phone.answer('call-1');
    assert.deepEqual(answered, { ok: true, value: undefined });
    assert.deepEqual(a.telephony.asked, ['answer call-1']);
    await until(() => b.phone.state.calls[0]?.state === 'connected', 'b sees it connected');
    assert.deepEqual(
      b.events.map((e) => e.seq),
      a.events.map((e) => e.seq).slice(-b.events.length),
    );

    // A veto in the follower's page stops the command there; refusals come back as values.
    const off = b.phone.intercept({ request: (cmd) => cmd.type !== 'hangup' });
    const vetoed = await b.phone.hangup('call-1');
    assert.equal(vetoed.ok ? 'ok' : vetoed.error.code, 'vetoed');
    off();
    const nope = await b.phone.answer('nope');
    assert.equal(nope.ok ? 'ok' : nope.error.code, 'no-such-call');
    const dialled = await b.phone.dial('1002');
    assert.equal(dialled.ok ? 'ok' : dialled.error.code, 'ok'); // call waiting: the leader held call-1
    assert.deepEqual(a.telephony.asked, ['answer call-1', 'hold call-1', 'dial 1002']);
    assert.deepEqual(await b.phone.mediaStats('call-1'), {
      inboundBytes: 'call-1'.length,
      outboundBytes: 0,
      inboundPackets: 0,
      inboundAudioEnergy: 0,
    });
    const status = await c.phone.getStatus();
    assert.equal(status.calls.length, 2);
  });

  it('a tab whose phone is not running (not started yet, or its leader stopping) acts on nothing', async () => {
    const [a, b] = tabs(2);
    assert.ok(a && b);
    const early = await a.phone.dial('1002');
    assert.equal(early.ok ? 'ok' : early.error.code, 'not-registered', 'before start: nothing to dial with');
    await a.phone.start();
    await b.phone.start();
    a.telephony.ring('call-1');
    await until(() => b.phone.state.calls[0]?.state === 'ringing-in', 'b sees the call ringing');
    // The leader stops (slowly: hanging up, unregistering): commands meanwhile are refused, here and from b.
    const stopA = a.telephony.stop.bind(a.telephony);
    let release: () => void = () => undefined;
    a.telephony.stop = async () => {
      await new Promise<void>((r) => (release = r));
      await stopA();
    };
    const stopping = a.phone.stop();
    await until(() => a.phone.tabs.role === 'stopped', 'a is stopping');
    const asked = a.telephony.asked.length;
    const fromB = await b.phone.dial('1003');
    const fromA = await a.phone.dial('1004');
    assert.deepEqual(
      [fromB, fromA].map((r) => (r.ok ? 'ok' : r.error.code)),
      ['not-registered', 'not-registered'],
    );
    assert.equal(a.telephony.asked.length, asked, 'the stopping leader placed no call');
    release();
    await stopping;
  });

  it('a tab that comes late gets the state from a snapshot', async () => {
    const [a, b] = tabs(2);
    assert.ok(a && b);
    await a.phone.start();
    a.telephony.ring('early');
    await b.phone.start();
    assert.equal(b.phone.state.calls[0]?.callId, 'early');
    assert.equal(b.phone.state.registration.state, 'registered');
  });

  it('when the leader goes, the next tab registers; the calls of the dead tab end as interrupted', async () => {
    const [a, b, c] = tabs(3);
    assert.ok(a && b && c);
    await a.phone.start();
    await Promise.all([b.phone.start(), c.phone.start()]);
    a.telephony.ring('ringing');
    await until(() => c.phone.state.calls.length === 1, 'c sees the call');
    a.locks.kill('tab1'); // the leader's page closed: the browser releases its locks
    await until(() => b.telephony.started, 'b registers');
    assert.equal(c.telephony.started, false);
    assert.equal(b.phone.tabs.role, 'leader');
    await until(() => c.phone.state.calls.length === 0, 'c sees the call end');
    const end = c.events.find((e) => e.type === 'disconnect');
    assert.equal(end?.type === 'disconnect' ? end.reason : undefined, 'interrupted');
    // The PBX rings the new registration (or the next call comes): it rings everywhere again.
    b.telephony.ring('ringing');
    await until(() => c.phone.state.calls[0]?.state === 'ringing-in', 'c sees it ring again');
    const r = await c.phone.answer('ringing');
    assert.ok(r.ok);
    assert.deepEqual(b.telephony.asked, ['answer ringing']);
  });

  it('a leader that stops unregisters before the next one registers', async () => {
    const [a, b] = tabs(2);
    assert.ok(a && b);
    await a.phone.start();
    await b.phone.start();
    let bStartedBeforeAStopped = false;
    const stopA = a.telephony.stop.bind(a.telephony);
    a.telephony.stop = async () => {
      await new Promise((r) => setTimeout(r, 30));
      bStartedBeforeAStopped = b.telephony.started;
      await stopA();
    };
    await a.phone.stop();
    await until(() => b.telephony.started, 'b registers');
    assert.equal(bStartedBeforeAStopped, false);
    // A follower's command with nobody left to answer it fails as a value, and fast.
    assert.equal(a.phone.tabs.role, 'stopped');
  });

  it('the popup belongs to the tab the agent looks at', async () => {
    const [a, b, c] = tabs(3);
    assert.ok(a && b && c);
    await a.phone.start();
    await Promise.all([b.phone.start(), c.phone.start()]);
    c.sightings.set(true, true);
    const who = () => [a, b, c].map((t) => t.phone.tabs.attention).join(',');
    await until(() => who() === 'false,false,true', `c has it (is ${who()})`);
    c.sightings.set(false, false);
    b.sightings.set(true, false);
    await until(() => who() === 'false,true,false', `b has it (is ${who()})`);
  });
});
