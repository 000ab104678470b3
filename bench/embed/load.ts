// One load of a plain page in a fresh browser context (no cache, no other tab of its AOR): what its
// prelude (pages.ts) saw from navigation start until the phone was registered, plus a short tail.
import type { BrowserContext, Page } from 'playwright-core';
import type { LoadBed } from './bed.ts';

export interface PageProbe {
  readonly longTasks: number[];
  readonly longFrames: number[];
  readonly events: { state?: string; role?: string; at: number }[];
  /** performance.now() (ms since navigation start) when registered; null until then. */
  readonly registeredAt: number | null;
  /** The same instant as epoch ms (performance.timeOrigin + now), comparable across pages and Node. */
  readonly registeredEpoch: number | null;
  readonly error: string | null;
}

/** Reads the page's probe (window.benchLoad). */
export const probe = (page: Page): Promise<PageProbe> =>
  page.evaluate(() => {
    const b = (window as unknown as { benchLoad: PageProbe }).benchLoad;
    const { longTasks, longFrames, events, registeredAt, registeredEpoch, error } = b;
    return { longTasks, longFrames, events, registeredAt, registeredEpoch, error };
  });

/** Opens `url` in `context`, reporting page errors on stderr under `label`. */
export async function openPage(context: BrowserContext, url: string, label: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[${label}] page error: ${e.message}\n`));
  page.on('console', (m) => {
    if (m.type() === 'error') process.stderr.write(`[${label}] console.error: ${m.text()}\n`);
  });
  await page.goto(url, { waitUntil: 'commit' });
  return page;
}

/** Waits until the page's phone is registered (or it failed); throws on failure or timeout. */
export async function registered(page: Page, label: string, timeoutMs = 15_000): Promise<PageProbe> {
  await page.waitForFunction(
    () => {
      const b = (window as unknown as { benchLoad?: PageProbe }).benchLoad;
      return b !== undefined && (b.registeredAt !== null || b.error !== null);
    },
    undefined,
    { timeout: timeoutMs, polling: 10 },
  );
  const p = await probe(page);
  if (p.error !== null) throw new Error(`${label}: ${p.error}`);
  return p;
}

export interface LoadSample {
  /** Navigation start → registered. */
  readonly registeredMs: number;
  /** The longest Long Task (> 50 ms) of the load, 0 if none. */
  readonly longestTaskMs: number;
  /** The longest Long Animation Frame (> 50 ms), 0 if none: tasks plus the rendering they cause. */
  readonly longestFrameMs: number;
  readonly longTasks: readonly number[];
}

/** The tail after registered in which long tasks still count as the load's (the journal's chunk, the card's renders). */
export const TAIL_MS = 300;

/** One fresh load of `url` (its own browser context), until registered and TAIL_MS after. */
export async function loadOnce(bed: LoadBed, url: string, label: string): Promise<LoadSample> {
  const context = await bed.browser.newContext();
  try {
    const page = await openPage(context, url, label);
    const first = await registered(page, label);
    await page.waitForTimeout(TAIL_MS);
    const p = await probe(page);
    return {
      registeredMs: first.registeredAt ?? Number.NaN,
      longestTaskMs: Math.max(0, ...p.longTasks),
      longestFrameMs: Math.max(0, ...p.longFrames),
      longTasks: p.longTasks,
    };
  } finally {
    await context.close();
  }
}
