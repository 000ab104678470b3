import { z } from 'zod/mini';

/**
 * One phone tab per agent: the tab holding the Web Lock `cti-softphone-phone-tab:<key>` is the
 * phone tab, and a tab opened later by a link hands its number to it over the BroadcastChannel
 * of the same name instead of starting a second phone (two tabs registering one AOR would take
 * each other's calls). Messages from other tabs are untrusted: parsed, bounded.
 */
const message = z.union([
  z.object({
    kind: z.literal('dial'),
    id: z.string().check(z.maxLength(64)),
    raw: z.string().check(z.maxLength(1024)),
  }),
  z.object({ kind: z.literal('taken'), id: z.string().check(z.maxLength(64)) }),
]);
export type HandoffMessage = z.infer<typeof message>;

export const handoffName = (key: string): string => `cti-softphone-phone-tab:${key}`;

/** How long a new tab waits for the phone tab to take its number before it keeps it. */
export const HANDOFF_TIMEOUT_MS = 1500;

/**
 * Takes the phone tab's lock: at once or not at all (`wait` false), or once the tab holding it
 * closes (`wait` true, until `signal` aborts). Held until `release` aborts or the tab closes.
 */
export function claimPhoneTab(
  key: string,
  { wait, release, signal }: { wait: boolean; release: AbortSignal; signal?: AbortSignal },
): Promise<boolean> {
  if (!('locks' in navigator)) return Promise.resolve(true); // no Web Locks: every tab is a phone tab
  return new Promise((resolve) => {
    const held = (lock: Lock | null) => {
      resolve(lock !== null);
      if (!lock || release.aborted) return undefined;
      return new Promise<void>((done) => release.addEventListener('abort', () => done(), { once: true }));
    };
    // The lock API refuses a signal together with ifAvailable.
    const options: LockOptions = wait ? (signal ? { signal } : {}) : { ifAvailable: true };
    navigator.locks.request(handoffName(key), options, held).catch(() => resolve(false));
  });
}

/** Offers `raw` to the phone tab; resolves true once it said it took it, false after the timeout. */
export function handOff(key: string, raw: string, timeoutMs = HANDOFF_TIMEOUT_MS): Promise<boolean> {
  const channel = new BroadcastChannel(handoffName(key));
  const id = crypto.randomUUID();
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    channel.onmessage = (e: MessageEvent<unknown>) => {
      const m = message.safeParse(e.data);
      if (m.success && m.data.kind === 'taken' && m.data.id === id) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    channel.postMessage({ kind: 'dial', id, raw } satisfies HandoffMessage);
  }).finally(() => channel.close());
}

/** The phone tab's side: each number another tab hands over goes to `onDial`. Returns the stop. */
export function serveHandoffs(key: string, onDial: (raw: string) => void): () => void {
  const channel = new BroadcastChannel(handoffName(key));
  channel.onmessage = (e: MessageEvent<unknown>) => {
    const m = message.safeParse(e.data);
    if (!m.success || m.data.kind !== 'dial') return;
    channel.postMessage({ kind: 'taken', id: m.data.id } satisfies HandoffMessage);
    onDial(m.data.raw);
  };
  return () => channel.close();
}
