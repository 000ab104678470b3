// Where a drain's time goes: wraps the journal methods the outbox calls per batch, and the sink's
// deliver, adding up the time spent in each (instance properties only: src/ is left as it is).
import type { Journal } from '../../../src/journal/journal.ts';
import type { Sink } from '../../../src/journal/sink.ts';
import type { DrainSplit } from './protocol.ts';

export interface DrainProbe {
  readonly sink: Sink;
  readonly split: DrainSplit;
  readonly requests: () => number;
}

export function probeDrain(journal: Journal, inner: Sink): DrainProbe {
  const split = { requests: 0, cursor: 0, read: 0, advance: 0 };
  let requests = 0;
  const timed = async <T>(part: keyof typeof split, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      split[part] += performance.now() - start;
    }
  };
  const { cursor, read, advance } = { cursor: journal.cursor, read: journal.read, advance: journal.advance };
  journal.cursor = (sink) => timed('cursor', () => cursor.call(journal, sink));
  journal.read = (after, limit) => timed('read', () => read.call(journal, after, limit));
  journal.advance = (sink, seq, dead) => timed('advance', () => advance.call(journal, sink, seq, dead));
  const sink: Sink = {
    ...inner,
    deliver: (...a) => (requests++, timed('requests', () => inner.deliver(...a))),
  };
  return { sink, split, requests: () => requests };
}
