// Two tabs running the whole journal on one database and one webhook: only one delivers (the other
// only writes), so the receiver sees every event once and seqs only ever going up; when the
// delivering tab dies, the other takes over from the cursor.
import { expect } from '@open-wc/testing';
import { scriptCache, scriptedRequests } from '../e2e/cache.ts';
import { waitFor } from '../e2e/wait.ts';
import type { DeliveryTab } from './fixtures/delivery-tab.ts';
import { openFrame, removeFrames } from './fixtures/frames.ts';
import { deleteJournals, freshName } from './fixtures/harness.ts';

const openTab = (db: string, url: string | undefined, label: string, keep?: number) =>
  openFrame<DeliveryTab>('delivery-tab.html', 'deliveryTab', label, {
    db,
    ...(url ? { url } : {}),
    ...(keep ? { keep: String(keep) } : {}),
  });

/** Every event POSTed to the scripted receiver, in arrival order. */
async function received() {
  const posts = (await scriptedRequests()).filter((r) => r.method === 'POST');
  return posts.flatMap((r) => (JSON.parse(r.body) as { events: { id: string; seq: number }[] }).events);
}
const drained = (tab: DeliveryTab) => async () => (await tab.status()).sinks[0]?.pending === 0;

describe('journal: two tabs, one outbox', () => {
  after(async () => {
    removeFrames();
    deleteJournals();
    await scriptCache({ status: 200, body: 'not json' });
  });

  it('delivers from one tab at a time: each event once, seqs only going up, and hands over when that tab dies', async function () {
    this.timeout(120_000);
    const url = `${await scriptCache({ status: 200, body: '{}' })}/events`;
    const db = freshName('two-tabs-delivery');
    const a = await openTab(db, url, 'a');
    const b = await openTab(db, url, 'b');
    const roles = async () => [
      (await a.api.status()).sinks[0]?.delivery,
      (await b.api.status()).sinks[0]?.delivery,
    ];
    await waitFor(async () => (await roles()).sort().join() === 'another-tab,this-tab', {
      what: 'one deliverer',
    });

    const ids = (await Promise.all([a.api.publish(150), b.api.publish(150)])).flat();
    await waitFor(drained(a.api), { what: 'everything delivered', timeout: 30_000 });
    let got = await received();
    expect(got.length, 'each event once').to.equal(300);
    expect(new Set(got.map((e) => e.id))).to.deep.equal(new Set(ids));
    expect(got.map((e) => e.seq)).to.deep.equal(got.map((_e, i) => i + 1));

    // The delivering tab goes (a crash, as far as the lock is concerned): the other takes over.
    const [aDelivers] = await roles();
    const [gone, stays] = aDelivers === 'this-tab' ? [a, b] : [b, a];
    gone.frame.remove();
    await waitFor(async () => (await stays.api.status()).sinks[0]?.delivery === 'this-tab', {
      what: 'the other tab took over',
    });
    const more = await stays.api.publish(60);
    await waitFor(drained(stays.api), { what: 'the survivor delivered', timeout: 30_000 });
    got = await received();
    expect(got.length).to.equal(360);
    expect(got.slice(300).map((e) => e.id)).to.deep.equal(more);
    expect(got.map((e) => e.seq)).to.deep.equal(got.map((_e, i) => i + 1));
    await stays.api.stop();
  });

  it('delivers a sink from the tab that has it, and a tab without it never prunes what it has not taken', async function () {
    this.timeout(120_000);
    const url = `${await scriptCache({ status: 503, body: '{}' })}/events`;
    const db = freshName('two-tabs-sinks');
    const bare = await openTab(db, undefined, 'bare'); // first in: a tab configured with no sink
    const crm = await openTab(db, url, 'crm');
    await waitFor(async () => (await crm.api.status()).sinks[0]?.delivery === 'this-tab', {
      what: 'the tab with the webhook delivers it',
    });
    const ids = await crm.api.publish(60);
    await waitFor(async () => (await crm.api.status()).sinks[0]?.state === 'retrying', { what: 'the 503s' });
    // A third tab without the sink, keeping only 10 events: its start-up prune must keep all 60.
    const late = await openTab(db, undefined, 'late', 10);
    await late.api.publish(1);
    expect((await crm.api.status()).sinks[0]?.pending, 'nothing pruned before delivery').to.equal(61);
    await scriptCache({ status: 200, body: '{}' });
    await waitFor(drained(crm.api), { what: 'delivered once the receiver is back', timeout: 30_000 });
    const got = await received();
    expect(got.slice(0, 60).map((e) => e.id)).to.deep.equal(ids);
    await Promise.all([bare.api.stop(), crm.api.stop(), late.api.stop()]);
  });
});
