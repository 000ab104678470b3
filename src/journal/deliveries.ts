import type { Journal } from './journal.ts';
import { startOutbox, type SinkState } from './outbox.ts';
import { singleOutbox, type SingleOutbox } from './single-outbox.ts';
import type { Sink } from './sink.ts';

type Replayed = { readonly delivered: number; readonly left: number };

/** Every sink's delivery, each by whichever tab holds that sink's lock (single-outbox.ts). */
export interface Deliveries {
  /** New events are committed (here or, via the channel, in another tab): look again. */
  kick(): void;
  /** Does this tab deliver `sink`? */
  here(sink: string): boolean;
  /** How `sink` is doing, as this tab's outbox last reported (undefined: not delivered here). */
  state(sink: string): SinkState | undefined;
  /** Replays `sink`'s dead letters (in the tab that delivers it); never rejects. */
  replay(sink: string): Promise<Replayed>;
  stop(): Promise<void>;
}

export function startDeliveries(
  journal: Journal,
  sinks: readonly Sink[],
  o: { readonly now: () => number; readonly changed: () => void },
): Deliveries {
  const states = new Map<string, SinkState>();
  const report = (name: string, state: SinkState) => (states.set(name, state), o.changed());
  const outboxes = new Map<string, SingleOutbox>(
    sinks.map((sink) => [
      sink.name,
      singleOutbox(
        journal.name,
        sink.name,
        () => startOutbox(journal, [sink], { report, now: o.now }),
        o.changed,
      ),
    ]),
  );
  return {
    kick: () => outboxes.forEach((b) => b.kick()),
    here: (name) => outboxes.get(name)?.here ?? false,
    state: (name) => (outboxes.get(name)?.here ? states.get(name) : undefined),
    async replay(name) {
      const outbox = outboxes.get(name);
      try {
        return outbox ? await outbox.replay(name) : { delivered: 0, left: 0 };
      } catch {
        return { delivered: 0, left: (await journal.counts(name).catch(() => ({ dead: 0 }))).dead };
      } finally {
        o.changed();
      }
    },
    stop: async () => void (await Promise.all([...outboxes.values()].map((b) => b.stop()))),
  };
}
