import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CallRecord } from '../../src/core/call-record.ts';
import { downloadText, historyToCsv } from '../../src/ui/history-export.ts';
import { CtiCallHistory, HISTORY_CALL_EVENT } from '../../src/ui/call-history.ts';
import { count, q, root, text } from './helpers.ts';

// Were hostile data ever parsed as HTML, its onerror=alert(1) would run: record it instead.
let alerted = false;
window.alert = () => void (alerted = true);

const T0 = Date.UTC(2024, 0, 15, 9, 30, 0);
const record = (over: Partial<CallRecord> & Pick<CallRecord, 'callId'>): CallRecord => ({
  v: 1,
  direction: 'inbound',
  number: '1001',
  startedAt: T0,
  connectedAt: T0 + 5_000,
  endedAt: T0 + 67_000,
  outcome: 'answered',
  firstSeq: 1,
  lastSeq: 3,
  ...over,
});
const records: readonly CallRecord[] = [
  record({ callId: 'c3', name: 'Alice Smith', summary: 'account: 42 · topic: billing' }),
  record({
    callId: 'c2',
    direction: 'outbound',
    number: '+4930123456',
    connectedAt: undefined,
    endedAt: T0 + 9_000,
    outcome: 'cancelled',
  }),
  record({ callId: 'c1', number: '2000', connectedAt: undefined, endedAt: undefined, outcome: 'live' }),
];

async function mountHistory(list: readonly CallRecord[]): Promise<CtiCallHistory> {
  return fixture<CtiCallHistory>(html`<cti-call-history .records=${list}></cti-call-history>`);
}

const rows = (el: Element) => [...root(el).querySelectorAll('[part~="history-row"]')];
const partText = (row: Element, part: string) => text(row.querySelector(`[part~="${part}"]`));

describe('<cti-call-history>', () => {
  it('says so when there are no calls, and offers no export', async () => {
    const el = await mountHistory([]);
    expect(text(q(el, '[part~="history-empty"]'))).to.equal('No calls yet');
    expect(count(el, '[part~="history-row"]')).to.equal(0);
    expect(q<HTMLButtonElement>(el, '[part~="export-json-button"]').disabled).to.equal(true);
    expect(q<HTMLButtonElement>(el, '[part~="export-csv-button"]').disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows each call in the order given: direction, who, summary, start, talk time, outcome', async () => {
    const el = await mountHistory(records);
    expect(q(el, 'section').getAttribute('aria-label')).to.equal('Call history');
    expect(count(el, 'ul > li')).to.equal(3);
    const [first, second, third] = rows(el);
    if (!first || !second || !third) throw new Error('three rows expected');
    expect(partText(first, 'history-direction')).to.equal('↙Incoming');
    expect(first.querySelector('[aria-hidden="true"]')?.textContent).to.equal('↙');
    expect(partText(first, 'history-name')).to.equal('Alice Smith');
    expect(partText(first, 'history-number')).to.equal('1001');
    expect(partText(first, 'history-summary')).to.equal('account: 42 · topic: billing');
    expect(first.querySelector('time')?.getAttribute('datetime')).to.equal('2024-01-15T09:30:00.000Z');
    expect(partText(first, 'history-start')).to.not.equal('');
    expect(partText(first, 'history-duration')).to.equal('1:02');
    expect(partText(first, 'history-outcome')).to.equal('Answered');
    expect(partText(second, 'history-direction')).to.equal('↗Outgoing');
    expect(partText(second, 'history-name')).to.equal('+4930123456');
    expect(second.querySelector('[part~="history-number"]')).to.equal(null);
    expect(second.querySelector('[part~="history-duration"]')).to.equal(null);
    expect(partText(second, 'history-outcome')).to.equal('Cancelled');
    expect(partText(third, 'history-outcome')).to.equal('In progress');
    expect(first.querySelector('[part~="call-back-button"]')?.getAttribute('aria-label')).to.equal(
      'Call back Alice Smith',
    );
    await expect(el).to.be.accessible();
  });

  it('renders hostile data as text, never as HTML', async () => {
    alerted = false;
    const hostile = '<img src=x onerror=alert(1)>';
    const el = await mountHistory([
      record({ callId: 'x', name: hostile, number: '<b>1</b>', summary: '<script>alert(2)</script>' }),
      record({ callId: 'y', number: `=cmd|' /C calc'!A0\r\n${hostile}`, outcome: 'missed' }),
    ]);
    expect(count(el, 'img')).to.equal(0);
    expect(count(el, 'b')).to.equal(0);
    expect(count(el, 'script')).to.equal(0);
    const [x, y] = rows(el);
    expect(partText(x ?? el, 'history-name')).to.equal(hostile);
    expect(partText(x ?? el, 'history-number')).to.equal('<b>1</b>');
    expect(partText(x ?? el, 'history-summary')).to.equal('<script>alert(2)</script>');
    expect(y?.querySelector('[part~="history-name"]')?.textContent).to.equal(
      `=cmd|' /C calc'!A0\r\n${hostile}`,
    );
    expect(alerted).to.equal(false);
  });

  it('asks to call a number back with a bubbling, composed event', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><cti-call-history .records=${records}></cti-call-history></div>`,
    );
    const el = wrapper.querySelector('cti-call-history');
    if (!el) throw new Error('no history');
    await el.updateComplete;
    const button = rows(el)[1]?.querySelector<HTMLButtonElement>('[part~="call-back-button"]');
    setTimeout(() => button?.click());
    const event = await oneEvent(wrapper, HISTORY_CALL_EVENT);
    expect(event.detail).to.deep.equal({ number: '+4930123456' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('offers no call back without a number', async () => {
    const el = await mountHistory([record({ callId: 'n', number: ' ' })]);
    expect(q<HTMLButtonElement>(el, '[part~="call-back-button"]').disabled).to.equal(true);
    expect(text(q(el, '[part~="history-name"]'))).to.equal('Unknown number');
  });

  it('exports what is shown as JSON and CSV', async () => {
    const el = await mountHistory(records);
    const files: { name: string; mime: string; text: string }[] = [];
    el.download = (name, mime, body) => files.push({ name, mime, text: body });
    q<HTMLButtonElement>(el, '[part~="export-json-button"]').click();
    q<HTMLButtonElement>(el, '[part~="export-csv-button"]').click();
    const [json, csv] = files;
    expect(json?.name).to.match(/^call-history-\d{4}-\d{2}-\d{2}\.json$/);
    expect(json?.mime).to.equal('application/json');
    const parsed: unknown = JSON.parse(json?.text ?? '');
    expect((parsed as { callId: string }[]).map((r) => r.callId)).to.deep.equal(['c3', 'c2', 'c1']);
    expect(csv?.name).to.match(/\.csv$/);
    expect(csv?.mime).to.equal('text/csv;charset=utf-8');
    expect(csv?.text).to.equal(historyToCsv(records));
  });

  it('downloadText offers the text as a file and revokes its URL later', async () => {
    const clicked: { href: string; download: string }[] = [];
    const revoked: string[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const { click } = HTMLAnchorElement.prototype;
    const { revokeObjectURL } = URL;
    const realSetTimeout = window.setTimeout;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    window.setTimeout = ((run: () => void, ms: number) => timers.push({ run, ms })) as typeof setTimeout;
    try {
      downloadText('h.csv', 'text/csv', 'a,b\r\n');
    } finally {
      window.setTimeout = realSetTimeout;
      HTMLAnchorElement.prototype.click = click;
    }
    try {
      const [link] = clicked;
      expect(link?.download).to.equal('h.csv');
      const response = await fetch(link?.href ?? '');
      expect(await response.text()).to.equal('a,b\r\n');
      expect(response.headers.get('content-type')).to.equal('text/csv');
      expect(revoked).to.deep.equal([]);
      expect(timers.length).to.equal(1);
      timers[0]?.run();
      expect(revoked).to.deep.equal([link?.href]);
    } finally {
      URL.revokeObjectURL = revokeObjectURL;
    }
  });

  it('is defined once: a second copy of the module does not throw', async () => {
    const first = customElements.get('cti-call-history');
    expect(first).to.equal(CtiCallHistory);
    const copy: unknown = await import(/* @vite-ignore */ `../../src/ui/call-history.ts?copy=${Date.now()}`);
    // A second evaluation: another class, which the guard did not register.
    expect((copy as { CtiCallHistory: unknown }).CtiCallHistory).to.not.equal(CtiCallHistory);
    expect(customElements.get('cti-call-history')).to.equal(first);
  });
});
