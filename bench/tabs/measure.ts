// Issue 9 item 11: leader fail-over of one phone across tabs. Three tabs of one browser context
// (same origin and profile) share an AOR with `tabs: { enabled: true }`; the leader tab is closed
// and the time until another tab's phone is registered as the leader is taken two ways: that
// tab's own `cti-registration` event (its epoch time), and Kamailio's location table holding a new
// contact (polled every 10 ms from Node). A new tab then restores three, and it repeats. Between
// rounds, the baseline: one fresh tab alone (own context), navigation start → registered.
import type { BrowserContext, Page } from 'playwright-core';
import { summarize, type Summary } from '../softphone/stats.ts';
import { password, type LoadBed } from '../embed/bed.ts';
import { openPage, probe, registered } from '../embed/load.ts';
import { tabPage } from '../embed/pages.ts';

export interface FailoverResult {
  readonly rounds: number;
  readonly tabs: number;
  /** Leader tab closed (page.close() resolved) → the next tab's registration event as leader. */
  readonly toEvent: Summary;
  /** The same end, from when the close began. */
  readonly fromCloseStart: Summary;
  /** Leader tab closed → a new contact in Kamailio's location table (10 ms polling). */
  readonly toContact: Summary;
  /** Baseline: one tab alone, fresh context, navigation start → registered. */
  readonly singleTab: Summary;
}

const AGENT = '1008';
const ALONE = '1009';
const now = (): number => performance.timeOrigin + performance.now();

async function poll<T>(f: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

type Role = { role: string | undefined; state: string | undefined };
const roleOf = (page: Page): Promise<Role> =>
  page.evaluate(() => {
    const phone = (
      window as unknown as {
        benchLoad: { phone(): { tabs?: { role: string }; state: { registration: { state: string } } } };
      }
    ).benchLoad.phone();
    return { role: phone?.tabs?.role, state: phone?.state.registration.state };
  });

/** Opens one more tab of the agent and waits until it follows, registered through the leader. */
async function follower(context: BrowserContext, url: string, label: string): Promise<Page> {
  const page = await openPage(context, url, label);
  await poll(async () => {
    const r = await roleOf(page);
    return r.role === 'follower' && r.state === 'registered' ? r : undefined;
  }, `${label} following, registered`);
  return page;
}

export async function benchFailover(
  bed: LoadBed,
  o: { rounds: number; tabs: number; log: (line: string) => void },
): Promise<FailoverResult> {
  const target = (user: string) => ({ wsUrl: bed.wsUrl, domain: bed.domain, user, password: password(user) });
  bed.server.page('tab.html', tabPage(target(AGENT)));
  bed.server.page('alone.html', tabPage(target(ALONE)));
  const url = `${bed.server.url}tab.html`;
  const contacts = async (): Promise<string[]> =>
    (await bed.locations()).find((l) => l.aor === AGENT)?.contacts.map((c) => c.address) ?? [];
  const oneContact = (what: string) =>
    poll(async () => {
      const c = await contacts();
      return c.length === 1 ? c[0] : undefined;
    }, `${what}: exactly one contact for ${AGENT}`);

  o.log(`leader fail-over: ${o.rounds} rounds of ${o.tabs} tabs, each followed by one lone tab (baseline)`);
  const context = await bed.browser.newContext();
  const toEvent: number[] = [];
  const fromCloseStart: number[] = [];
  const toContact: number[] = [];
  const singleTab: number[] = [];
  try {
    let n = 0;
    const first = await openPage(context, url, `tab ${++n}`);
    await registered(first, `tab ${n}`);
    const tabs: Page[] = [first];
    while (tabs.length < o.tabs) tabs.push(await follower(context, url, `tab ${++n}`));
    for (let round = 0; round < o.rounds; round++) {
      const old = await oneContact(`round ${round + 1}`);
      const roles = await Promise.all(tabs.map(roleOf));
      const leaderAt = roles.findIndex((r) => r.role === 'leader');
      const leader = tabs[leaderAt];
      if (!leader) throw new Error(`round ${round + 1}: no leader among ${JSON.stringify(roles)}`);
      tabs.splice(leaderAt, 1);
      const closing = now();
      await leader.close();
      const gone = now();
      const contactSeen = poll(
        async () => ((await contacts()).some((c) => c !== old) ? now() : undefined),
        'a new contact',
      );
      const next = await poll(async () => {
        const probes = await Promise.all(tabs.map(probe));
        return probes.find((p) => p.registeredEpoch !== null)?.registeredEpoch ?? undefined;
      }, 'another tab registered as the leader');
      const contactAt = await contactSeen;
      toEvent.push(next - gone);
      fromCloseStart.push(next - closing);
      toContact.push(contactAt - gone);
      o.log(
        `round ${round + 1}: close ${(gone - closing).toFixed(0)} ms, then registered ${(next - gone).toFixed(0)} ms (event) / ${(contactAt - gone).toFixed(0)} ms (Kamailio)`,
      );
      tabs.push(await follower(context, url, `tab ${++n}`));

      const alone = await bed.browser.newContext();
      try {
        const page = await openPage(alone, `${bed.server.url}alone.html`, 'alone');
        singleTab.push((await registered(page, 'alone')).registeredAt ?? Number.NaN);
      } finally {
        await alone.close();
      }
    }
  } finally {
    await context.close();
  }
  return {
    rounds: o.rounds,
    tabs: o.tabs,
    toEvent: summarize(toEvent),
    fromCloseStart: summarize(fromCloseStart),
    toContact: summarize(toContact),
    singleTab: summarize(singleTab),
  };
}
