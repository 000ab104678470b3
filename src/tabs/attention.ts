/**
 * Which tab the agent is looking at: the incoming-call popup and the desktop notification belong
 * there, and nowhere else. Every tab says when it is seen (visible, focused, since when); the
 * leader decides for all (one decision, so two tabs never both think they have it) and tells
 * them with an `attention` message.
 *
 * The choice: a focused, visible tab first; else a visible one; else the one seen last (the
 * agent is in another application: the notification comes from the tab they left). Among
 * equals, the one seen most recently, then the lowest id (every tab would choose the same).
 */
export interface Sighting {
  readonly visible: boolean;
  readonly focused: boolean;
  /** When the agent last looked at the tab (it became visible or took focus), epoch ms. */
  readonly at: number;
}

const rank = (s: Sighting): number => (s.visible && s.focused ? 2 : s.visible ? 1 : 0);

/** The tab the agent looks at among `sightings`, or `fallback` (the leader) when none is known. */
export function chooseAttention(sightings: ReadonlyMap<string, Sighting>, fallback: string): string {
  let best: [string, Sighting] | undefined;
  for (const entry of sightings) {
    if (!best) {
      best = entry;
      continue;
    }
    const [id, s] = entry;
    const [bestId, b] = best;
    const better = rank(s) !== rank(b) ? rank(s) > rank(b) : s.at !== b.at ? s.at > b.at : id < bestId;
    if (better) best = entry;
  }
  return best?.[0] ?? fallback;
}

/** The document and window events that say whether this tab is seen (injectable for tests). */
export interface SightingSource {
  read(): { readonly visible: boolean; readonly focused: boolean };
  /** Calls `changed` on visibilitychange, focus and blur until `signal` aborts. */
  watch(changed: () => void, signal: AbortSignal): void;
}

export const browserSightingSource = (): SightingSource => ({
  read: () => ({ visible: document.visibilityState === 'visible', focused: document.hasFocus() }),
  watch(changed, signal) {
    document.addEventListener('visibilitychange', changed, { signal });
    window.addEventListener('focus', changed, { signal });
    window.addEventListener('blur', changed, { signal });
  },
});

/**
 * This tab's sighting, kept up to date: `report` is called with each change (and once at
 * once). `at` moves only when the tab becomes seen (visible or focused).
 */
export function watchSighting(
  source: SightingSource,
  now: () => number,
  report: (s: Sighting) => void,
  signal: AbortSignal,
): () => Sighting {
  let last: Sighting = { ...source.read(), at: now() };
  const changed = () => {
    const { visible, focused } = source.read();
    if (visible === last.visible && focused === last.focused) return;
    const seen = (visible && !last.visible) || (focused && !last.focused);
    last = { visible, focused, at: seen ? now() : last.at };
    report(last);
  };
  source.watch(changed, signal);
  report(last);
  return () => last;
}
