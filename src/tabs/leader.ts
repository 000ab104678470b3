import type { PresenceLocks } from './presence.ts';

/**
 * Leader election among the tabs of one agent: the tab holding the Web Lock
 * `cti-softphone-leader:<aor>` is the one that registers. The others wait in the lock's queue
 * (first come, first served); the browser hands the lock to the next one the moment the
 * holder's page closes, crashes or navigates away, or when the holder lets go (its phone
 * stopped). A Web Lock is per origin and browser profile, so "one leader" holds per profile;
 * two profiles or two origins are two phones (the registrar sees two registrations).
 */
import { leaderLockName } from './names.ts';

export { leaderLockName };

/** The part of navigator.locks used here (injectable for tests). */
export interface LockManagerLike {
  request(
    name: string,
    options: { readonly signal?: AbortSignal },
    callback: () => Promise<void>,
  ): Promise<unknown>;
}

export interface Election {
  /** Resolves once this tab is the leader; never resolves if it stops first. */
  readonly elected: Promise<void>;
  /**
   * Leaves: stops waiting in line, or lets go of the lock once `before` (the leader's own
   * stop: hang up, unregister, write the journal) has settled, so the next tab registers only
   * after this one has unregistered.
   */
  resign(before?: () => Promise<unknown>): Promise<void>;
}

/** Web Locks as the tabs use them: the leader lock, and the presence locks (presence.ts). */
export type TabLocks = LockManagerLike & PresenceLocks;

export const browserLocks = (): TabLocks | undefined =>
  typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : undefined;

/** Joins the line for the leader lock of `aor`. */
export function electLeader(aor: string, locks: LockManagerLike): Election {
  const waiting = new AbortController();
  let elected: () => void = () => undefined;
  let letGo: () => void = () => undefined;
  let held = false;
  const electedP = new Promise<void>((r) => (elected = r));
  const released = new Promise<void>((r) => (letGo = r));
  const request = locks
    .request(leaderLockName(aor), { signal: waiting.signal }, () => {
      held = true;
      elected();
      return released;
    })
    .catch(() => undefined); // aborted while waiting: resign() was called first

  return {
    elected: electedP,
    async resign(before) {
      if (!held) {
        waiting.abort();
        letGo();
        await request;
        return;
      }
      try {
        await before?.();
      } finally {
        letGo();
        await request;
      }
    },
  };
}
