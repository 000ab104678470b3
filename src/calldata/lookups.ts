import type { LookupSource } from '../core/call-data.ts';
import type { EventDraft, PhoneEvent, PhoneEventOf } from '../core/events.ts';
import type { PhoneListener } from '../core/phone-core.ts';
import type { PhoneState } from '../core/phone-state.ts';
import { lookupCache, type CacheClientOptions, type CacheLookup } from './cache-client.ts';
import { runCrmLookup, type CrmLookup, type CrmOutcome } from './crm-lookup.ts';
import { screenPopUrl } from './screen-pop.ts';

/** The part of the phone a lookup adapter uses: the stream in, a door out, the current state. */
export interface LookupPort {
  subscribe(listener: PhoneListener): () => void;
  publish(draft: EventDraft): void;
  readonly state: PhoneState;
}

export interface LookupsConfig {
  /** Seed 000's cache; `consume` reads with DELETE (the entry is gone once the agent has it). */
  readonly cache?: CacheClientOptions & { readonly consume: boolean };
  /** The CRM's hook and/or its screen-pop URL template (the record link when the hook gives none). */
  readonly crm?: {
    readonly lookup?: CrmLookup | undefined;
    readonly timeoutMs: number;
    readonly screenPopUrl?: string | undefined;
  };
}

/** The label of the screen-pop link (the hook's own record keeps its label). */
export const SCREEN_POP_LABEL = 'Open in CRM';

type Offer = PhoneEventOf<'offer'>;
type Answer = Omit<PhoneEventOf<'calldata'>, 'v' | 'id' | 'seq' | 'at'>;

/**
 * The lookups adapter: for each offer that announces them (`sources`), asks seed 000's cache by
 * DNIS:ANI and the CRM's hook, each bounded and aborted when the call ends, and publishes one
 * `calldata` event per source. The popup never waits for them: the offer is already on screen.
 * A source that fails is a `calldata` with status `unavailable` plus an `error` event.
 */
export function connectLookups(port: LookupPort, config: LookupsConfig): () => void {
  const running = new Map<string, AbortController>();
  const unsubscribe = port.subscribe((_state, event) => {
    if (event.type === 'offer') start(event);
    else if (event.type === 'disconnect' || event.type === 'fail') stop(event);
  });

  function start(offer: Offer): void {
    const wanted = (offer.sources ?? []).filter((s): s is LookupSource => s === 'cache' || s === 'crm');
    if (wanted.length === 0) return;
    const life = new AbortController();
    running.set(offer.callId, life);
    for (const source of wanted) {
      void run(source, offer, life.signal).then((answer) => report(answer, life.signal));
    }
  }

  function stop(event: PhoneEvent & { callId: string }): void {
    running.get(event.callId)?.abort();
    running.delete(event.callId);
  }

  async function run(source: LookupSource, offer: Offer, signal: AbortSignal): Promise<Answer> {
    const base = { type: 'calldata', callId: offer.callId, source } as const;
    if (source === 'cache') {
      const cache = config.cache;
      const key =
        offer.dnis !== undefined && offer.ani !== undefined
          ? { dnis: offer.dnis, ani: offer.ani }
          : undefined;
      if (!cache || !key)
        return { ...base, status: 'unavailable', reason: 'no cache configured or no DNIS:ANI' };
      return fromCache(base, await lookupCache(cache, key, cache.consume, signal));
    }
    const crm = config.crm;
    if (!crm) return { ...base, status: 'unavailable', reason: 'no CRM lookup configured' };
    const call = {
      callId: offer.callId,
      from: offer.from,
      to: offer.to,
      ...(offer.dnis !== undefined ? { dnis: offer.dnis } : {}),
      ...(offer.ani !== undefined ? { ani: offer.ani } : {}),
      ...(offer.data ? { data: offer.data } : {}),
    };
    const url = crm.screenPopUrl === undefined ? undefined : screenPopUrl(crm.screenPopUrl, call);
    const popLink = url === undefined ? undefined : { url, label: SCREEN_POP_LABEL };
    if (!crm.lookup)
      return popLink ? { ...base, status: 'ok', record: popLink } : { ...base, status: 'none' };
    const answer = fromCrm(base, await runCrmLookup(crm.lookup, call, crm.timeoutMs, signal));
    // The template's link stays useful when the CRM knows no record or did not answer.
    return popLink && !answer.record ? { ...answer, record: popLink } : answer;
  }

  /** Publishes an answer only while its call lives: an answer after the end is not news. */
  function report(answer: Answer, signal: AbortSignal): void {
    if (signal.aborted || !port.state.calls.some((c) => c.callId === answer.callId)) return;
    port.publish(answer);
    if (answer.status === 'unavailable') {
      const message = `${answer.source}: ${answer.reason ?? 'unavailable'}`.slice(0, 500);
      port.publish({ type: 'error', code: `calldata-${answer.source}`, message, callId: answer.callId });
    }
  }

  return () => {
    unsubscribe();
    for (const life of running.values()) life.abort();
    running.clear();
  };
}

type Base = Pick<Answer, 'type' | 'callId' | 'source'>;

const fromCache = (base: Base, r: CacheLookup): Answer =>
  r.status === 'ok'
    ? { ...base, status: 'ok', data: r.data }
    : r.status === 'none'
      ? { ...base, status: 'none' }
      : { ...base, status: 'unavailable', reason: r.reason };

const fromCrm = (base: Base, r: CrmOutcome): Answer => {
  if (r.status !== 'ok')
    return r.status === 'none'
      ? { ...base, status: 'none' }
      : { ...base, status: 'unavailable', reason: r.reason };
  const { name, fields, record } = r.result;
  return {
    ...base,
    status: 'ok',
    ...(name !== undefined ? { name } : {}),
    ...(fields ? { data: fields } : {}),
    ...(record ? { record } : {}),
  };
};
