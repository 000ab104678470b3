// In the page: 10,000 queued events to the reference receiver (the cache service's POST /events),
// by the journal's outbox + webhook sink, or by the baseline, a plain fetch loop POSTing the same
// batches with the same headers. Each trial uses its own device, so the receiver stores every event.
import { startOutbox } from '../../../src/journal/outbox.ts';
import { deliveredEvent } from '../../../src/journal/sink.ts';
import { webhookSink } from '../../../src/journal/webhook-sink.ts';
import type { CacheAccess } from '../../page/protocol.ts';
import { withTimeout } from '../../page/until.ts';
import { recordOf, withJournal } from './databases.ts';
import { probeDrain } from './drain-probe.ts';
import { batches, eventStream } from './events.ts';
import type { DrainOptions, DrainTrial } from './protocol.ts';

const authorization = (c: CacheAccess): string => `Basic ${btoa(`${c.username}:${c.password}`)}`;

/** The receiver holds `device`'s event `seq` (the last one): the whole batch sequence arrived. */
async function assertStored(c: CacheAccess, device: string, seq: number): Promise<void> {
  const query = new URLSearchParams({ device, after: String(seq - 1), limit: '1' });
  const r = await fetch(`${c.url}/events?${query}`, { headers: { authorization: authorization(c) } });
  const body: unknown = await r.json();
  const events = (body as { events?: { seq?: unknown }[] }).events;
  if (!r.ok || events?.[0]?.seq !== seq) throw new Error(`the receiver lacks ${device}'s event ${seq}`);
}

async function viaOutbox(o: DrainOptions): Promise<DrainTrial> {
  return withJournal(async (journal) => {
    // Queued while no sink runs, as after a downtime.
    for (const group of batches(eventStream(o.events), 100)) await journal.append(group, 'relaxed');
    const inner = webhookSink({
      url: `${o.receiver.url}/events`,
      credentials: async () => ({ username: o.receiver.username, password: o.receiver.password }),
      batchSize: o.batchSize,
    });
    const probe = probeDrain(journal, inner);
    let retries = 0;
    let drainedAt = 0;
    let drained = (): void => undefined;
    const done = new Promise<void>((resolve) => (drained = resolve));
    const start = performance.now();
    const outbox = startOutbox(journal, [probe.sink], {
      report: (_name, s) => {
        if (s.state === 'retrying') retries++;
        if (s.state !== 'idle') return;
        drainedAt = performance.now();
        drained();
      },
    });
    try {
      await withTimeout(done, o.timeoutMs, `the outbox to drain ${o.events} events`);
    } finally {
      await outbox.stop();
    }
    if ((await journal.pending(inner.name)) !== 0)
      throw new Error('the outbox went idle with events pending');
    await assertStored(o.receiver, journal.deviceId, o.events);
    const { split } = probe;
    return { events: o.events, ms: drainedAt - start, requests: probe.requests(), split, retries };
  });
}

async function viaFetch(o: DrainOptions): Promise<DrainTrial> {
  const device = `baseline-${crypto.randomUUID()}`;
  const groups = batches(
    eventStream(o.events).map((e, i) => recordOf(e, i + 1)),
    o.batchSize,
  );
  const url = `${o.receiver.url}/events`;
  let requests = 0;
  const start = performance.now();
  for (const group of groups) {
    const first = group[0]?.seq ?? 0;
    const last = group.at(-1)?.seq ?? 0;
    requests++;
    const r = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `${device}:${first}-${last}`,
        authorization: authorization(o.receiver),
      },
      body: JSON.stringify({ device, events: group.map(deliveredEvent) }),
      credentials: 'omit',
    });
    await r.body?.cancel();
    if (!r.ok) throw new Error(`the receiver answered ${r.status}`);
  }
  const ms = performance.now() - start;
  await assertStored(o.receiver, device, o.events);
  const split = { requests: ms, cursor: 0, read: 0, advance: 0 };
  return { events: o.events, ms, requests, split, retries: 0 };
}

export const drainTrial = (o: DrainOptions): Promise<DrainTrial> =>
  o.target === 'journal' ? viaOutbox(o) : viaFetch(o);
