import { z } from 'zod/mini';
import type { Outbox } from './outbox.ts';

type Replayed = { readonly delivered: number; readonly left: number };
const count = z.number().check(z.int(), z.nonnegative());
const messageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('committed') }),
  z.object({ kind: z.literal('changed') }),
  z.object({ kind: z.literal('replay'), ask: z.string() }),
  z.object({
    kind: z.literal('replayed'),
    ask: z.string(),
    result: z.optional(z.object({ delivered: count, left: count })),
    error: z.optional(z.string()),
  }),
]);
type Message = z.infer<typeof messageSchema>;
/** How long a tab waits for the delivering tab to answer a replay it asked for. */
export const REPLAY_ASK_MS = 30_000;

export interface SingleOutbox extends Outbox {
  /** This tab delivers this sink (it holds the sink's lock); otherwise another tab does. */
  readonly here: boolean;
}

/**
 * One outbox per journal and sink, whatever the number of tabs writing to the journal: the tab
 * holding the sink's Web Lock delivers it, the others only write, and tell it over a
 * BroadcastChannel when they committed (so it looks at once). Two outboxes on one cursor would
 * send a batch twice and a lower seq after a higher one. The lock is per sink, not per journal: a
 * tab configured without this sink can never hold its delivery hostage. When the delivering tab
 * goes, its lock goes with it and the next tab in line takes over from the cursor. Without Web
 * Locks every tab delivers. Messages from other tabs are parsed; anything else is ignored.
 */
export function singleOutbox(
  journal: string,
  sink: string,
  start: () => Outbox,
  changed: () => void,
): SingleOutbox {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks || typeof BroadcastChannel === 'undefined') return Object.assign(start(), { here: true });
  const channel = new BroadcastChannel(`cti-softphone-journal:${journal}:${sink}`);
  const waiting = new AbortController();
  const asks = new Map<string, (r: Replayed | Error) => void>();
  let current: Outbox | undefined;
  let release: () => void = () => undefined;
  const say = (m: Message) => channel.postMessage(m);

  channel.onmessage = ({ data }: MessageEvent<unknown>) => {
    const parsed = messageSchema.safeParse(data);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.kind === 'committed') current?.kick();
    if (m.kind === 'replay' && current)
      current.replay(sink).then(
        (result) => say({ kind: 'replayed', ask: m.ask, result }),
        (e: unknown) => say({ kind: 'replayed', ask: m.ask, error: String(e).slice(0, 200) }),
      );
    if (m.kind === 'replayed') asks.get(m.ask)?.(m.result ?? new Error(m.error ?? 'the replay failed'));
    changed(); // another tab delivered, replayed or wrote: the counts read differently
  };
  const held = locks
    .request(`cti-softphone-journal-outbox:${journal}:${sink}`, { signal: waiting.signal }, () => {
      if (waiting.signal.aborted) return undefined; // granted while stop() was running
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
    replay(name) {
      if (current) return current.replay(name).finally(() => say({ kind: 'changed' }));
      const ask = crypto.randomUUID();
      return new Promise<Replayed>((resolve, reject) => {
        const timer = setTimeout(() => settle(new Error('no tab answered the replay')), REPLAY_ASK_MS);
        const settle = (r: Replayed | Error) => {
          clearTimeout(timer);
          asks.delete(ask);
          if (r instanceof Error) reject(r);
          else resolve(r);
        };
        asks.set(ask, settle);
        say({ kind: 'replay', ask });
      });
    },
    async stop() {
      waiting.abort();
      await current?.stop();
      current = undefined;
      release();
      await held;
      channel.close();
      asks.forEach((settle) => settle(new Error('the journal stopped')));
    },
  };
}
