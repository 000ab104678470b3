// Issue 9 item 11: the script tag on a plain page, navigation start → registered, and the longest
// main-thread task the load causes on the host page; beside the same figures of bare sip.js
// registering from the same kind of page. Loads alternate (widget, bare, bare, widget, ...), each
// in a fresh browser context, so both sides see the same machine load.
import { summarize, type Summary } from '../softphone/stats.ts';
import { password, type LoadBed } from './bed.ts';
import { loadOnce, type LoadSample } from './load.ts';
import { barePage, widgetPage } from './pages.ts';

export interface LoadSide {
  readonly registered: Summary;
  /** Per load: its longest task (0: none over 50 ms); summarized over the loads. */
  readonly longestTask: Summary;
  readonly longestFrame: Summary;
  /** Loads with a task over 50 ms. */
  readonly loadsOver50ms: number;
}

export interface EmbedLoadResult {
  readonly samples: number;
  readonly widget: LoadSide;
  readonly bare: LoadSide;
}

const side = (s: readonly LoadSample[]): LoadSide => ({
  registered: summarize(s.map((x) => x.registeredMs)),
  longestTask: summarize(s.map((x) => x.longestTaskMs)),
  longestFrame: summarize(s.map((x) => x.longestFrameMs)),
  loadsOver50ms: s.filter((x) => x.longestTaskMs > 50).length,
});

export async function benchEmbedLoad(
  bed: LoadBed,
  o: { samples: number; warmup: number; log: (line: string) => void },
): Promise<EmbedLoadResult> {
  const target = (user: string) => ({ wsUrl: bed.wsUrl, domain: bed.domain, user, password: password(user) });
  bed.server.page('widget.html', widgetPage(target('1004')));
  bed.server.page('bare.html', barePage(target('1005')));
  const widgetUrl = `${bed.server.url}widget.html`;
  const bareUrl = `${bed.server.url}bare.html`;
  o.log(
    `script tag → registered: ${o.samples} loads each (+${o.warmup} warm-up), alternating with bare sip.js`,
  );
  const widget: LoadSample[] = [];
  const bare: LoadSample[] = [];
  for (let i = 0; i < o.samples + o.warmup; i++) {
    const keep = i >= o.warmup;
    const order = i % 2 === 0 ? (['widget', 'bare'] as const) : (['bare', 'widget'] as const);
    for (const which of order) {
      const s = await loadOnce(bed, which === 'widget' ? widgetUrl : bareUrl, which);
      if (keep) (which === 'widget' ? widget : bare).push(s);
    }
  }
  return { samples: o.samples, widget: side(widget), bare: side(bare) };
}
