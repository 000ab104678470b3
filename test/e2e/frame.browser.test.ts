// The phone in an iframe, driven over postMessage in seed 003's vocabulary: the test page is the
// parent of demo/frame.html (as served, unchanged). It sends the SIP credentials and requests,
// receives the journal's events and acknowledges them by id, through a real call through
// Kamailio. A listener that stops acknowledging, a new listener that subscribes again, and a
// parent "reload" (the framed page destroyed and loaded again on the same journal) lose nothing.
import { expect } from '@open-wc/testing';
import type { CtiSoftphone } from '../../src/element.ts';
import { frameOutgoingSchema, type FrameEvent, type FrameOutgoing } from '../../src/host/frame-messages.ts';
import {
  cleanupE2e,
  createPeer,
  disposeAllPeers,
  kamailioInfo,
  passwordOf,
  stopKamailio,
  waitFor,
} from './helpers.ts';
import { deleteJournal } from './journal-tabs.ts';

const USER = '1004';
const PEER = '1005';

/** One listener of the parent page: what it received from the frame, acknowledging events if `acking`. */
class Listener {
  readonly got: FrameOutgoing[] = [];
  acking = true;
  #n = 0;
  constructor(readonly frame: HTMLIFrameElement) {
    window.addEventListener('message', this.#on);
  }
  get events(): FrameEvent[] {
    return this.got.filter((m): m is FrameEvent => m.msgtype === 'event');
  }
  #on = (e: MessageEvent<unknown>) => {
    if (e.source !== this.frame.contentWindow || e.origin !== location.origin) return;
    const m = frameOutgoingSchema.safeParse(e.data); // the parent checks what it is sent, too
    if (!m.success) throw new Error(`the frame sent an invalid message: ${JSON.stringify(e.data)}`);
    this.got.push(m.data);
    if (m.data.msgtype === 'event' && this.acking)
      this.frame.contentWindow?.postMessage({ v: 1, msgtype: 'ack', ids: [m.data.id] }, location.origin);
  };
  async request(body: Record<string, unknown>): Promise<Extract<FrameOutgoing, { msgtype: 'response' }>> {
    const id = `r${++this.#n}`;
    this.frame.contentWindow?.postMessage({ v: 1, id, ...body }, location.origin);
    return waitFor(
      () =>
        this.got.find((m) => m.msgtype === 'response' && m.id === id) as
          Extract<FrameOutgoing, { msgtype: 'response' }> | undefined,
      { what: `the response to ${String(body['request'])}` },
    );
  }
  event(type: FrameEvent['eventtype'], after = 0): Promise<FrameEvent> {
    return waitFor(() => this.events.find((e) => e.eventtype === type && e.seq > after), {
      what: `a ${type} event`,
      timeout: 15_000,
    });
  }
  close(): void {
    window.removeEventListener('message', this.#on);
  }
}

async function openFrame(journal: string): Promise<{ frame: HTMLIFrameElement; listener: Listener }> {
  const { wsUrl, domain } = await kamailioInfo();
  const frame = document.createElement('iframe');
  frame.allow = 'microphone; autoplay';
  const listener = new Listener(frame);
  const query = new URLSearchParams({
    server: wsUrl,
    aor: `sip:${USER}@${domain}`,
    journal,
    ackTimeoutMs: '2000',
  });
  frame.src = `/demo/frame.html?${query.toString()}`;
  document.body.append(frame);
  await waitFor(() => listener.got.find((m) => m.msgtype === 'ready'), { what: 'the frame to say ready' });
  // Credentials only over postMessage (never in the frame's URL); then the events.
  expect(frame.src).to.not.contain(passwordOf(USER));
  expect(
    await listener.request({ request: 'credentials', username: USER, password: passwordOf(USER) }),
  ).to.include({ result: 'success' });
  expect(await listener.request({ request: 'subscribe' })).to.include({ result: 'success' });
  return { frame, listener };
}

const phoneIn = (frame: HTMLIFrameElement) =>
  frame.contentDocument?.querySelector<CtiSoftphone>('cti-softphone') ?? undefined;

describe('the phone in an iframe (postMessage, seed 003 vocabulary)', function () {
  this.timeout(120_000);
  const frames: HTMLIFrameElement[] = [];
  const journals: string[] = [];
  afterEach(async () => {
    for (const f of frames.splice(0)) {
      await phoneIn(f)?.phone?.stop();
      f.remove();
    }
    await disposeAllPeers();
    // The first frame was destroyed without unregistering (as a reload does): restart Kamailio so
    // its contact does not outlive the test.
    await stopKamailio();
    await cleanupE2e();
    for (const j of journals.splice(0)) await deleteJournal(j);
  });

  it('drives a real call from the parent, delivers its events in order, and loses none across a new listener and a reload', async () => {
    const journal = `cti-frame-e2e-${crypto.randomUUID()}`;
    journals.push(journal);
    const peer = await createPeer(PEER);
    const first = await openFrame(journal);
    frames.push(first.frame);
    const l1 = first.listener;
    await waitFor(() => l1.events.find((e) => e.eventtype === 'registration' && e.state === 'registered'), {
      what: 'registered',
      timeout: 15_000,
    });
    expect(await l1.request({ request: 'snapshot' })).to.include({
      result: 'success',
      registration: 'registered',
      numcall: 0,
      extension: USER,
    });
    expect(await l1.request({ request: 'hold' })).to.include({ result: 'failure', error: 'no-call' });
    expect(await l1.request({ request: 'teleport' })).to.include({
      result: 'failure',
      error: 'unknown-request',
    });

    // makecall → the peer rings (alert), answers (connect).
    const made = await l1.request({ request: 'makecall', extension: USER, destination: PEER });
    expect(made).to.include({ result: 'success' });
    const callid = made.result === 'success' ? made.callid : undefined;
    expect(callid).to.be.a('string');
    const invitation = await peer.nextInvitation(15_000);
    const alert = await l1.event('alert');
    await invitation.accept();
    const connect = await l1.event('connect');
    const dial = l1.events.find((e) => e.eventtype === 'dial');
    expect(dial).to.include({ callid, ucid: callid, calling: USER, called: PEER });
    expect(alert).to.include({ callid, calling: USER, called: PEER, alerting: PEER });
    expect(connect).to.include({ callid, calling: USER, called: PEER, answering: PEER });
    expect(connect.time).to.equal(Math.floor(connect.at / 1000));
    const snap = await l1.request({ request: 'snapshot' });
    expect(snap.result === 'success' && snap.list?.map((c) => [c.callid, c.state])).to.deep.equal([
      [callid, 'connect'],
    ]);

    // The listener stops acknowledging: hold is posted (again and again), retrieve waits behind it.
    l1.acking = false;
    expect(await l1.request({ request: 'hold' })).to.include({ result: 'success' });
    const hold = await l1.event('hold', connect.seq);
    expect(hold).to.include({ callid, holding: USER });
    expect(await l1.request({ request: 'retrieve' })).to.include({ result: 'success' });
    await waitFor(() => phoneIn(first.frame)?.phone?.state.calls[0]?.state === 'connected', {
      what: 'retrieved',
    });
    expect(l1.events.some((e) => e.eventtype === 'retrieve')).to.equal(
      false,
      'not before hold is acknowledged',
    );
    l1.close();

    // A new listener subscribes: what is unacknowledged comes again at once, then what waited.
    const l2 = new Listener(first.frame);
    expect(await l2.request({ request: 'subscribe' })).to.include({ result: 'success' });
    expect((await l2.event('hold')).id).to.equal(hold.id);
    expect(await l2.event('retrieve')).to.include({ callid, retrieving: USER });
    // The parent then hangs up and "reloads" before acknowledging the end of the call.
    l2.acking = false;
    expect(await l2.request({ request: 'hangup' })).to.include({ result: 'success' });
    const disconnect = await l2.event('disconnect');
    expect(disconnect).to.include({ callid, releasing: USER, reason: 'local-hangup' });
    l2.close();
    // Both on disk first (idle follows disconnect): an event still in memory dies with its page.
    await waitFor(
      async () => {
        const s = await phoneIn(first.frame)?.getStatus();
        const sink = s?.journal.sinks.find((k) => k.name === `frame:${location.origin}`);
        return s?.journal.backlog === 0 && sink?.pending === 2;
      },
      { what: 'disconnect and idle journaled, unacknowledged' },
    );
    first.frame.remove(); // the parent reloads: the framed page goes with it, unacknowledged events stay in the journal

    const second = await openFrame(journal);
    frames.splice(0, frames.length, second.frame);
    const l3 = second.listener;
    expect((await l3.event('disconnect')).id).to.equal(disconnect.id);
    await l3.event('idle');
    await waitFor(() => l3.events.find((e) => e.eventtype === 'registration' && e.state === 'registered'), {
      what: 'the second frame registered',
      timeout: 15_000,
    });

    // Nothing pending once the new listener has acknowledged all it got; then, over all three
    // listeners: each id once after dedupe, seqs 1..n without a gap, first arrivals in seq order.
    const sinkName = `frame:${location.origin}`;
    const status = await waitFor(
      async () => {
        const sink = (await phoneIn(second.frame)?.getStatus())?.journal.sinks.find(
          (k) => k.name === sinkName,
        );
        return sink && sink.pending === 0 ? sink : undefined;
      },
      { what: 'the frame sink with nothing pending', timeout: 15_000 },
    );
    expect(status.deadLetters).to.equal(0);
    const all = [...l1.events, ...l2.events, ...l3.events];
    const byId = new Map(all.map((e) => [e.id, e]));
    const seqs = [...byId.values()].map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).to.deep.equal(
      seqs.map((_, i) => i + 1),
      'every seq from 1, once',
    );
    expect(seqs.at(-1)).to.equal(status.lastAckSeq, 'the parent has every event the journal delivered');
    const firstArrivals = all.filter((e, i) => all.findIndex((x) => x.id === e.id) === i).map((e) => e.seq);
    expect(firstArrivals).to.deep.equal(
      [...firstArrivals].sort((a, b) => a - b),
      'in order',
    );
    const callTypes = [...byId.values()]
      .sort((a, b) => a.seq - b.seq)
      .filter((e) => 'callid' in e && e.callid === callid)
      .map((e) => e.eventtype);
    expect(callTypes).to.deep.equal(['dial', 'alert', 'connect', 'hold', 'retrieve', 'disconnect']);
  });
});
