// A cache that answers garbage, 413 or 401: the popup is unaffected, the source is marked
// unavailable, and an `error` event says why. Real widget through the run's Kamailio; the bad
// answers come from a scripted HTTP server and from the real cache service (cache-plugin.mjs).
import { expect } from '@open-wc/testing';
import type { PhoneEvent } from '../../src/core/events.ts';
import { cacheConfig, cacheInfo, scriptCache } from './cache.ts';
import { cleanupE2e, createPeer, waitFor } from './helpers.ts';
import { mountWidget, shadow, unmountWidgets, waitRegistered, type Widget } from './widget.ts';

const popupText = (w: Widget) =>
  shadow(w).querySelector('[part~="popup"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

function errors(w: Widget): PhoneEvent[] {
  const seen: PhoneEvent[] = [];
  w.phone.subscribe((_s, e) => {
    if (e.type === 'error') seen.push(e);
  });
  return seen;
}

/** A call from 1001 rings `agent`, the cache fails as `reason` says, the agent answers anyway. */
async function ringsDespite(agent: Widget, reason: RegExp): Promise<void> {
  const seen = errors(agent);
  const caller = await createPeer('1001');
  await caller.call('1002');
  const ringing = await agent.call('ringing-in');
  await waitFor(() => popupText(agent).includes('Transfer data unavailable'), {
    what: 'the unavailable marker',
  });
  expect(popupText(agent)).to.contain('1001');
  const error = await waitFor(() => seen.find((e) => e.type === 'error' && e.code === 'calldata-cache'), {
    what: 'the calldata-cache error event',
  });
  expect(error.type === 'error' && error.message).to.match(reason);
  expect((await agent.phone.answer(ringing.callId)).ok).to.equal(true);
  await agent.call('connected');
}

describe('<cti-softphone> with a misbehaving cache', () => {
  afterEach(async () => {
    await unmountWidgets();
    await cleanupE2e();
  });

  const answers = [
    { what: 'garbage JSON', script: { status: 200, body: '{"data": oops' }, reason: /garbage/ },
    { what: 'JSON of the wrong shape', script: { status: 200, body: '[1,2,3]' }, reason: /garbage/ },
    { what: '413', script: { status: 413, body: '{"error":"too large"}' }, reason: /413/ },
    { what: '401', script: { status: 401, body: '{"error":"unauthorized"}' }, reason: /401/ },
  ];
  for (const { what, script, reason } of answers) {
    it(`ignores ${what} from the cache with an error event`, async () => {
      const url = await scriptCache(script);
      const agent = await mountWidget('1002', { cache: await cacheConfig({ url }) });
      await waitRegistered(agent);
      await ringsDespite(agent, reason);
    });
  }

  it('ignores a cache that is down (connection refused)', async () => {
    // Port 9 (discard) on loopback: nothing listens there on a test machine.
    const agent = await mountWidget('1002', { cache: await cacheConfig({ url: 'http://127.0.0.1:9' }) });
    await waitRegistered(agent);
    await ringsDespite(agent, /.+/);
  });

  it('ignores the real cache service refusing our credentials (401)', async () => {
    const cache = { ...(await cacheConfig()), credentials: async () => ({ username: 'x', password: 'y' }) };
    const agent = await mountWidget('1002', { cache });
    await waitRegistered(agent);
    await ringsDespite(agent, /401/);
  });

  it('does not transfer when the real cache refuses the data as too large (413), and says why', async () => {
    const cache = await cacheConfig();
    const [caller, agent] = [await mountWidget('1001'), await mountWidget('1002', { cache })];
    await Promise.all([waitRegistered(caller), waitRegistered(agent)]);
    expect((await caller.phone.dial('1002')).ok).to.equal(true);
    const ringing = await agent.call('ringing-in');
    await agent.phone.answer(ringing.callId);
    await agent.call('connected');
    const { pools } = await cacheInfo();
    expect(pools['agent1003']).to.equal('1003');
    // Two values within the widget's per-value limit, together over the service's 8 KiB.
    const data = { a: 'x'.repeat(6_000), b: 'y'.repeat(6_000) };
    const moved = await agent.phone.transfer(ringing.callId, 'the 1003 team', {
      via: 'cache',
      pool: 'agent1003',
      data,
    });
    expect(moved.ok).to.equal(false);
    if (moved.ok) return;
    expect(moved.error.code).to.equal('cache-error');
    expect(moved.error.message).to.contain('413');
    expect(agent.phone.state.calls.find((c) => c.callId === ringing.callId)?.state).to.equal('connected');
  });
});
