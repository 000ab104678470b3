import type { LiveEntry } from './live-calls.ts';

/**
 * Who is still alive: each journal holds a Web Lock named after its owner id for as long as its
 * page lives; the browser releases it when the page closes or crashes. Without Web Locks (an
 * insecure context), an owner counts as alive while its heartbeat is fresh.
 */
const lockName = (owner: string): string => `cti-softphone-journal-owner:${owner}`;

export interface OwnerLock {
  /** Releases the lock (the phone stopped: its calls ended with it). */
  release(): void;
}

/** Takes this owner's lock; resolves once it is held. */
export async function holdOwnerLock(owner: string): Promise<OwnerLock> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return { release: () => undefined };
  let release: () => void = () => undefined;
  const held = new Promise<void>((granted) => {
    void locks.request(lockName(owner), () => {
      granted();
      return new Promise<void>((r) => (release = r));
    });
  });
  await held;
  return { release: () => release() };
}

/** A test of liveness for `closeInterrupted`: is the owner's lock held right now? */
export async function liveOwners(heartbeatMs: number, now: number): Promise<(entry: LiveEntry) => boolean> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return (entry) => now - entry.at < 3 * heartbeatMs;
  const held = new Set(((await locks.query()).held ?? []).map((l) => l.name));
  return (entry) => held.has(lockName(entry.owner));
}
