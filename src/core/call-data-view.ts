import type {
  CallDataObject,
  CallDataSource,
  CallDataValue,
  CrmRecord,
  LookupSource,
  LookupStatus,
  UserToUser,
} from './call-data.ts';
import type { PhoneEventOf } from './events.ts';

/** What one lookup answered. */
export interface LookupResult {
  readonly status: LookupStatus;
  readonly data?: CallDataObject;
  readonly name?: string;
  readonly record?: CrmRecord;
  readonly reason?: string;
}

/** A call's data as its events delivered it, per source; `mergeCallData` gives the agent's view. */
export interface CallDataView {
  /** Highest precedence first. */
  readonly sources: readonly CallDataSource[];
  readonly headers?: CallDataObject;
  readonly uui?: readonly UserToUser[];
  readonly dnis?: string;
  readonly ani?: string;
  /** A lookup that has not answered yet is absent. */
  readonly lookups: Readonly<Partial<Record<LookupSource, LookupResult>>>;
}

type Offer = PhoneEventOf<'offer'>;
type Answer = PhoneEventOf<'calldata'>;

/** The call data an offer brought, if it brought any (or announced lookups). */
export function callDataOfOffer(e: Offer): CallDataView | undefined {
  if (!e.data && !e.uui && !e.sources && e.dnis === undefined && e.ani === undefined) return undefined;
  return {
    sources: e.sources ?? ['headers'],
    lookups: {},
    ...(e.data ? { headers: e.data } : {}),
    ...(e.uui ? { uui: e.uui } : {}),
    ...(e.dnis !== undefined ? { dnis: e.dnis } : {}),
    ...(e.ani !== undefined ? { ani: e.ani } : {}),
  };
}

export function withLookup(view: CallDataView | undefined, e: Answer): CallDataView {
  const { type: _t, callId: _c, source, v: _v, id: _i, seq: _s, at: _a, ...result } = e;
  const base = view ?? { sources: ['headers', source], lookups: {} };
  return { ...base, lookups: { ...base.lookups, [source]: result } };
}

export interface MergedField {
  readonly key: string;
  readonly value: CallDataValue;
  readonly source: CallDataSource;
}

/** What the agent sees: each field once, from the highest-precedence source that has it. */
export interface MergedCallData {
  readonly fields: readonly MergedField[];
  readonly name?: string;
  readonly record?: CrmRecord;
  readonly uui: readonly UserToUser[];
  /** Lookups still running, and lookups that gave up: shown as quiet markers. */
  readonly pending: readonly LookupSource[];
  readonly unavailable: readonly LookupSource[];
}

const dataOf = (view: CallDataView, source: CallDataSource): CallDataObject | undefined =>
  source === 'headers' ? view.headers : view.lookups[source]?.data;

export function mergeCallData(view: CallDataView | undefined): MergedCallData {
  if (!view) return { fields: [], uui: [], pending: [], unavailable: [] };
  const seen = new Map<string, MergedField>();
  for (const source of view.sources) {
    for (const [key, value] of Object.entries(dataOf(view, source) ?? {})) {
      if (!seen.has(key)) seen.set(key, { key, value, source });
    }
  }
  const lookups = view.sources.filter((s): s is LookupSource => s !== 'headers');
  const crm = view.lookups.crm;
  return {
    fields: [...seen.values()],
    ...(crm?.name !== undefined ? { name: crm.name } : {}),
    ...(crm?.record ? { record: crm.record } : {}),
    uui: view.uui ?? [],
    pending: lookups.filter((s) => !view.lookups[s]),
    unavailable: lookups.filter((s) => view.lookups[s]?.status === 'unavailable'),
  };
}
