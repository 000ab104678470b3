// Leader election across real browser realms: same-origin iframes stand in for tabs (each its own
// Web Locks client and BroadcastChannel endpoint); removing a frame destroys its document, and the
// browser hands its lock on, as for a tab that closed.
import { expect } from '@open-wc/testing';
import { channelName } from '../../src/tabs/channel.ts';
import { waitFor, withTimeout } from '../e2e/wait.ts';
import type { TabFrame } from './fixtures/tab-frame.ts';

interface Tab {
  readonly label: string;
  readonly api: TabFrame;
  readonly frame: HTMLIFrameElement;
}

const frames: HTMLIFrameElement[] = [];

async function openTab(aor: string, label: string): Promise<Tab> {
  const frame = document.createElement('iframe');
  frames.push(frame);
  let onMessage: (e: MessageEvent) => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    onMessage = (e) => {
      const data = e.data as { tabFrame?: unknown } | null;
      if (e.source === frame.contentWindow && data?.tabFrame === label) resolve();
    };
    window.addEventListener('message', onMessage);
  });
  frame.src = `/test/tabs/fixtures/tab-frame.html?${new URLSearchParams({ aor, tab: label })}`;
  document.body.append(frame);
  try {
    await withTimeout(ready, 20_000, `tab ${label} started`);
  } finally {
    window.removeEventListener('message', onMessage);
  }
  const api = (frame.contentWindow as unknown as { tabFrame?: TabFrame } | null)?.tabFrame;
  if (!api) throw new Error(`tab ${label} has no api`);
  return { label, api, frame };
}

const roles = (tabs: readonly Tab[]) => tabs.map((t) => t.api.role());

describe('tabs: one leader across browser realms', () => {
  afterEach(() => frames.splice(0).forEach((f) => f.remove()));

  it('elects one leader; the others mirror it and answer through it; a removed leader is replaced fast', async () => {
    const aor = `sip:tabs-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const tabs = [await openTab(aor, 'a'), await openTab(aor, 'b'), await openTab(aor, 'c')];
    const [a, b, c] = tabs as [Tab, Tab, Tab];
    expect(roles(tabs)).to.deep.equal(['leader', 'follower', 'follower']);
    expect(tabs.map((t) => t.api.started())).to.deep.equal([true, false, false]);
    await waitFor(() => tabs.every((t) => t.api.registration() === 'registered'), {
      what: 'every tab shows the registration',
    });

    // Garbage on the agent's channel (another script of the origin) changes nothing.
    const hostile = new BroadcastChannel(channelName(aor));
    hostile.postMessage({ v: 1, from: 'evil', kind: 'event', event: { type: 'offer', callId: 'x' } });
    hostile.postMessage({
      v: 1,
      from: 'evil',
      kind: 'request',
      id: 'r',
      body: { op: 'command', command: { type: 'dial', target: 7 } },
    });
    hostile.postMessage('<img src=x onerror=alert(1)>');
    hostile.close();

    a.api.ring('call-1');
    await waitFor(() => c.api.calls()[0]?.state === 'ringing-in', { what: 'c sees the call ring' });
    expect(await c.api.answer('call-1')).to.equal('ok');
    await waitFor(() => b.api.calls()[0]?.state === 'connected', { what: 'b sees it connected' });
    expect(tabs.map((t) => t.api.calls().length)).to.deep.equal([1, 1, 1]);

    // The leader's tab goes away (its document is destroyed: the browser releases its locks).
    const gone = performance.now();
    a.frame.remove();
    const next = await waitFor(() => [b, c].find((t) => t.api.started()), {
      timeout: 5_000,
      what: 'a new leader',
    });
    const handover = performance.now() - gone;
    console.log(`tabs: leader handover (frame removed -> next tab started) ${handover.toFixed(0)} ms`);
    expect(handover).to.be.below(2_000);
    expect(next.label).to.equal('b', 'the next in line');
    expect(roles([b, c])).to.deep.equal(['leader', 'follower']);
    await waitFor(() => c.api.calls().length === 0, { what: "the dead tab's call ends in c" });
    b.api.ring('call-2');
    await waitFor(() => c.api.calls()[0]?.state === 'ringing-in', { what: 'the next call rings in c' });
    expect(await c.api.answer('call-2')).to.equal('ok');

    // A leader that stops hands over only once it has stopped.
    await b.api.stop();
    await waitFor(() => c.api.started(), { timeout: 5_000, what: 'c leads' });
    expect(c.api.role()).to.equal('leader');
  });
});
