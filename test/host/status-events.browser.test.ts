// `cti-status` and getStatus() on a real element: a phone from config (an unreachable server, so
// it keeps retrying), the browser's own IndexedDB behind its journal, a host callback as the sink.
import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import type { PhoneEvent } from '../../src/core/events.ts';
import type { CtiSoftphone } from '../../src/element.ts';
import type { PhoneStatus } from '../../src/phone-status.ts';
import { waitFor } from '../e2e/wait.ts';

const unreachable = { server: 'ws://127.0.0.1:9', aor: 'sip:1001@example.com', password: 'x' };

function mount(onEvents: (events: readonly PhoneEvent[]) => Promise<void>) {
  const el = document.createElement('cti-softphone') as CtiSoftphone;
  const seen: PhoneStatus[] = [];
  el.addEventListener('cti-status', (e) => seen.push(e.detail));
  const name = `cti-status-test-${crypto.randomUUID()}`;
  el.config = { ...unreachable, journal: { name, onEvents } };
  document.body.append(el);
  return { el, seen, name };
}

describe('cti-status', () => {
  it('tells the journal opening, the sink delivering and the pending count draining', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const delivered: PhoneEvent[] = [];
    const { el, seen, name } = mount(async (events) => {
      await held; // the CRM is slow: events stay pending until it answers
      delivered.push(...events);
    });
    const pending = await waitFor(
      () => seen.find((s) => s.journal.state === 'ok' && (s.journal.sinks[0]?.pending ?? 0) > 0),
      { what: 'a status with the host sink holding undelivered events' },
    );
    expect(pending.journal.sinks[0]?.name).to.equal('host');
    expect(pending.journal.device, 'the device id').to.be.a('string').and.not.equal('');
    expect(pending.registration.state).to.not.equal('registered');
    release();
    const drained = await waitFor(
      () => seen.find((s) => s.journal.sinks[0]?.pending === 0 && (s.journal.sinks[0]?.lastAckSeq ?? 0) > 0),
      { what: 'a status after the sink acknowledged' },
    );
    const lastAck = drained.journal.sinks[0]?.lastAckSeq ?? 0;
    expect(delivered.map((e) => e.seq)).to.include(lastAck);
    const asked = await el.getStatus();
    expect(asked?.journal.device).to.equal(pending.journal.device);
    for (const [i, s] of seen.entries())
      if (i > 0)
        expect(JSON.stringify(s), 'only a changed status is sent').to.not.equal(JSON.stringify(seen[i - 1]));
    el.remove();
    indexedDB.deleteDatabase(name); // runs once the stopped phone's journal lets go
  });

  it('gives none for a phone without a status, and getStatus() answers undefined without a phone', async () => {
    const el = document.createElement('cti-softphone') as CtiSoftphone;
    document.body.append(el);
    expect(await el.getStatus()).to.equal(undefined);
    expect(await el.replayDeadLetters('host')).to.deep.equal({ delivered: 0, left: 0 });
    el.remove();
  });
});
