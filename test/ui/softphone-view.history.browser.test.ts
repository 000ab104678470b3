import { expect, waitUntil } from '@open-wc/testing';
import type { CallRecord } from '../../src/core/call-record.ts';
import { count, mount, q, root, settle, text } from './helpers.ts';

const T0 = Date.UTC(2024, 0, 15, 9, 30, 0);
const history: readonly CallRecord[] = [
  {
    v: 1,
    callId: 'c2',
    direction: 'inbound',
    number: ' 1001 ',
    name: 'Alice',
    startedAt: T0 + 60_000,
    endedAt: T0 + 70_000,
    outcome: 'missed',
    firstSeq: 4,
    lastSeq: 5,
  },
  {
    v: 1,
    callId: 'c1',
    direction: 'outbound',
    number: '1003',
    startedAt: T0,
    connectedAt: T0 + 2_000,
    endedAt: T0 + 32_000,
    outcome: 'answered',
    firstSeq: 1,
    lastSeq: 3,
  },
];

const toggle = (el: Element) => q<HTMLButtonElement>(el, '[part~="history-button"]');

/** Opens the history and waits for its lazily loaded element to render the rows. */
async function openHistory(el: Element & { updateComplete: Promise<boolean> }): Promise<HTMLElement> {
  toggle(el).click();
  await el.updateComplete;
  await customElements.whenDefined('cti-call-history');
  const list = q(el, 'cti-call-history') as HTMLElement & { updateComplete: Promise<boolean> };
  await list.updateComplete;
  return list;
}

const rowButtons = (list: Element) => [
  ...root(list).querySelectorAll<HTMLButtonElement>('[part~="call-back-button"]'),
];

describe('cti-softphone view: call history', () => {
  it('has no History button without a history (no journal)', async () => {
    const { el } = await mount();
    expect(count(el, '[part~="history-button"]')).to.equal(0);
  });

  it('loads the history element only when first shown, and toggles it', async () => {
    const { el } = await mount();
    el.history = history;
    await settle(el);
    expect(customElements.get('cti-call-history')).to.equal(undefined);
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
    expect(count(el, 'cti-call-history')).to.equal(0);
    const list = await openHistory(el);
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
    expect(toggle(el).getAttribute('aria-controls')).to.equal(list.id);
    const names = [...root(list).querySelectorAll('[part~="history-name"]')].map((n) => text(n));
    expect(names).to.deep.equal(['Alice', '1003']);
    await expect(el).to.be.accessible();
    el.history = [...history.slice(1)];
    await settle(el);
    await (list as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    expect(root(list).querySelectorAll('[part~="history-row"]').length).to.equal(1);
    toggle(el).click();
    await settle(el);
    expect(count(el, 'cti-call-history')).to.equal(0);
  });

  it('calls back through the dial path: the phone dials the number, the request stays inside', async () => {
    const { el, phone } = await mount();
    el.history = history;
    await settle(el);
    const list = await openHistory(el);
    let escaped = 0;
    const onEscape = () => void escaped++;
    document.addEventListener('cti-history-call', onEscape);
    try {
      rowButtons(list)[0]?.click();
      await waitUntil(() => phone.commands.length > 0, 'no dial');
    } finally {
      document.removeEventListener('cti-history-call', onEscape);
    }
    expect(phone.commands).to.deep.equal([{ type: 'dial', target: '1001' }]);
    expect(escaped).to.equal(0);
    await settle(el);
    expect(text(q(el, '[part~="line"] [part~="party"]'))).to.contain('1001');
    // The number being typed is the agent's: calling back leaves it alone.
    expect(q<HTMLInputElement>(el, '#number').value).to.equal('');
  });

  it('shows why a call back could not dial, as the dial pad does', async () => {
    const { el, phone } = await mount({ registered: false });
    el.history = history;
    await settle(el);
    const list = await openHistory(el);
    rowButtons(list)[1]?.click();
    await waitUntil(() => count(el, '[part~="error"]') === 1, 'no error shown');
    expect(phone.commands).to.deep.equal([]);
    expect(text(q(el, '[part~="error"]'))).to.not.equal('');
  });
});
