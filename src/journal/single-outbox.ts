import type { Outbox } from './outbox.ts';

type Replayed = { readonly delivered: number; readonly left: number };
type Message =
  | { readonly kind: 'committed' }
  | { readonly kind: 'changed' }
  | { readonly kind: 'replay'; readonly sink: string; readonly ask: string }
  | { readonly kind: 'replayed'; readonly ask: string; readonly result: Replayed };

export interface SingleOutbox extends Outbox {
  /** This tab delivers (it holds the journal's outbox lock); otherwise another tab does. */
  readonly here: boolean;
}

/**
 * One outbox per journal, whatever the number of tabs writing to it: the tab holding the
 * journal's Web Lock delivers, the others only write, and tell it over a BroadcastChannel when
 * they committed (so it looks at once). Two outboxes on one cursor would send the same batch
 * twice and a lower seq after a higher one. When the delivering tab goes, its lock goes with it
 * and the next tab in line takes over from the cursor. Without Web Locks every tab delivers.
 */
export function singleOutbox(journal: string, start: () => Outbox, changed: () => void): SingleOutbox {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks || typeof BroadcastChannel === 'undefined') return Object.assign(start(), { here: true });
  const channel = new BroadcastChannel(`cti-softphone-journal:${journal}`);
  const waiting = new AbortController();
  const asks = new Map<string, (r: Replayed) => void>();
  let current: Outbox | undefined;
  let release: () => void = () => undefined;
  const say = (m: Message) => channel.postMessage(m);

  channel.onmessage = ({ data }: MessageEvent<Message>) => {
    if (data.kind === 'committed') current?.kick();
    if (data.kind === 'replay' && current)
      void current.replay(data.sink).then((result) => say({ kind: 'replayed', ask: data.ask, result }));
    if (data.kind === 'replayed') asks.get(data.ask)?.(data.result);
    changed(); // another tab delivered, replayed or wrote: the counts read differently
  };
  const held = locks
    .request(`cti-softphone-journal-outbox:${journal}`, { signal: waiting.signal }, () => {
      current = start();
      changed();
      return new Promise<void>((r) => (release = r));
    })
    .catch(() => undefined); // stopped while waiting in line

  return {
    get here() {
      return current !== undefined;
    },
    kick() {
      current?.kick();
      say({ kind: 'committed' });
    },
    replay(sink) {
      if (current) return current.replay(sink).finally(() => say({ kind: 'changed' }));
      const ask = crypto.randomUUID();
      return new Promise<Replayed>((resolve) => {
        asks.set(ask, resolve);
        say({ kind: 'replay', sink, ask });
      }).finally(() => asks.delete(ask));
    },
    async stop() {
      waiting.abort();
      await current?.stop();
      current = undefined;
      release();
      await held;
      channel.close();
      asks.forEach((resolve) => resolve({ delivered: 0, left: 0 }));
    },
  };
}
