import { expect } from '@open-wc/testing';

// The test page is the parent; the child (fixtures/frame-child.html: the real bridge over a
// FakePhone) is served by the same server under the other name of the loopback address, so it is
// another origin: http://127.0.0.1:PORT and http://localhost:PORT.
const here = new URL(location.href);
const otherHost = here.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
const CHILD_ORIGIN = `${here.protocol}//${otherHost}:${here.port}`;
const PARENT_ORIGIN = location.origin;

interface Child {
  readonly frame: HTMLIFrameElement;
  readonly win: Window;
  /** Every message the child posted to this page, in order. */
  readonly got: { readonly data: Record<string, unknown>; readonly origin: string }[];
  send(message: unknown): void;
  /** Sends the probe and resolves with its answer: every message sent before it was handled. */
  report(): Promise<{ targets: string[]; heard: number }>;
  next(ok: (d: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((f) => f.remove()));

async function child(allow: readonly string[], origin = CHILD_ORIGIN): Promise<Child> {
  const frame = document.createElement('iframe');
  const got: Child['got'] = [];
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  window.addEventListener('message', (e: MessageEvent<Record<string, unknown>>) => {
    if (e.source === frame.contentWindow) got.push({ data: e.data, origin: e.origin });
  });
  frame.src = `${origin}/test/host/fixtures/frame-child.html?allow=${encodeURIComponent(allow.join(','))}`;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const win = frame.contentWindow;
  if (!win) throw new Error('no child window');
  const next: Child['next'] = async (ok) => {
    const deadline = performance.now() + 5_000;
    for (;;) {
      const hit = got.find((m) => ok(m.data));
      if (hit) return hit.data;
      if (performance.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(got)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    frame,
    win,
    got,
    send: (message) => win.postMessage(message, origin),
    next,
    async report() {
      const before = got.filter((m) => m.data['probe'] === 'report').length;
      win.postMessage({ probe: 'report' }, origin);
      const reports = () => got.filter((m) => m.data['probe'] === 'report');
      await next(() => reports().length > before);
      return reports().at(-1)?.data as { targets: string[]; heard: number };
    },
  };
}

/** The responses to the requests under test (the bridge also answers the probe: malformed, id null). */
const responses = (c: Child) =>
  c.got.filter((m) => m.data['msgtype'] === 'response' && m.data['id'] !== null);

describe('frame bridge in Chromium: origins', () => {
  it('the page really is a second origin for the child (the test would prove nothing otherwise)', () => {
    expect(CHILD_ORIGIN).to.not.equal(PARENT_ORIGIN);
  });

  it('answers an allowed parent, from the child origin, to the exact parent origin only', async () => {
    const c = await child([PARENT_ORIGIN]);
    const ready = await c.next((d) => d['msgtype'] === 'ready');
    expect(ready).to.deep.equal({ v: 1, msgtype: 'ready', extension: '1002' });
    c.send({ id: '1', request: 'snapshot' });
    const answer = await c.next((d) => d['msgtype'] === 'response');
    expect(answer).to.include({ id: '1', result: 'success', registration: 'registered', numcall: 0 });
    c.send({ id: '2', request: 'makecall', destination: '1003' });
    const made = await c.next((d) => d['id'] === '2');
    expect(made).to.include({ result: 'success' });
    expect(made['callid']).to.be.a('string');
    c.send({ id: '3', request: 'nonsense' });
    expect(await c.next((d) => d['id'] === '3')).to.include({ result: 'failure', error: 'unknown-request' });
    c.send('not even an object');
    expect(await c.next((d) => d['id'] === null)).to.include({ result: 'failure', error: 'malformed' });
    const { targets } = await c.report();
    expect(targets.length).to.be.greaterThan(3);
    expect(new Set(targets)).to.deep.equal(new Set([PARENT_ORIGIN]), 'never "*", never another origin');
    expect(
      c.got.filter((m) => m.data['probe'] === undefined).every((m) => m.origin === CHILD_ORIGIN),
    ).to.equal(true);
  });

  it('ignores a parent whose origin is not allowed: no ready, no response, not even a failure', async () => {
    const c = await child([CHILD_ORIGIN, 'https://crm.example.com']);
    c.send({ id: '1', request: 'snapshot' });
    c.send({ id: '2', request: 'nonsense' });
    c.send({ id: '3', request: 'makecall', destination: '1003' });
    const { heard, targets } = await c.report();
    expect(heard).to.equal(4, 'the three requests and the probe reached the child');
    expect(responses(c)).to.deep.equal([]);
    expect(c.got.map((m) => m.data['msgtype'] ?? m.data['probe'])).to.deep.equal(['report']);
    expect(targets).to.deep.equal([], 'the child posted nothing, not even ready');
  });

  it('ignores a window on an allowed origin that is not its parent (a sibling frame)', async () => {
    const c = await child([PARENT_ORIGIN]);
    await c.next((d) => d['msgtype'] === 'ready');
    // A sibling of the child, on this page's (allowed) origin, posts to the child.
    const sibling = document.createElement('iframe');
    const done = new Promise((resolve) => sibling.addEventListener('load', resolve, { once: true }));
    sibling.srcdoc = `<script>parent.frames[0].postMessage({ id: 'sib', request: 'makecall', destination: '1003' }, '${CHILD_ORIGIN}');</script>`;
    document.body.append(sibling);
    frames.push(sibling);
    await done;
    const { heard } = await c.report();
    expect(heard).to.equal(2, "the sibling's request and the probe reached the child");
    expect(responses(c)).to.deep.equal([], 'the sibling got nothing, and this page no answer for it');
  });

  it('pins the first allowed origin: the same child framed same-origin answers this page too', async () => {
    const c = await child([PARENT_ORIGIN], PARENT_ORIGIN);
    c.send({ id: 'same', request: 'snapshot' });
    expect(await c.next((d) => d['id'] === 'same')).to.include({ result: 'success' });
    const { targets } = await c.report();
    expect(new Set(targets)).to.deep.equal(new Set([PARENT_ORIGIN]));
  });
});
