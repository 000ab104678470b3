/**
 * Which of an agent's tabs are still alive: each holds the Web Lock
 * `cti-softphone-tab:<aor>:<tab>` for as long as its phone runs; the browser releases it when
 * the page closes or crashes (no goodbye needed). The leader asks before it gives the agent's
 * attention to a tab, so a crashed tab never keeps the popup.
 */
const prefix = (aor: string): string => `cti-softphone-tab:${aor}:`;

export interface PresenceLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ readonly held?: readonly { readonly name?: string }[] }>;
}

/**
 * Holds this tab's presence lock until `signal` aborts; resolves once it is held (or could not
 * be taken), so the tab says it is here only once the leader can see it alive.
 */
export function holdPresence(
  locks: PresenceLocks,
  aor: string,
  tab: string,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  const released = new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
  return new Promise<void>((held) => {
    locks
      .request(`${prefix(aor)}${tab}`, () => (held(), released))
      .catch(() => undefined)
      .finally(held);
  });
}

/** The ids of the tabs of `aor` whose presence lock is held, or undefined if the browser cannot say. */
export async function aliveTabs(locks: PresenceLocks, aor: string): Promise<ReadonlySet<string> | undefined> {
  try {
    const held = (await locks.query()).held ?? [];
    const p = prefix(aor);
    return new Set(held.flatMap((l) => (l.name?.startsWith(p) ? [l.name.slice(p.length)] : [])));
  } catch {
    return undefined;
  }
}
