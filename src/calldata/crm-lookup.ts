import { z } from 'zod/mini';
import {
  callDataObjectSchema,
  crmRecordSchema,
  type CallDataObject,
  type CrmRecord,
} from '../core/call-data.ts';
import type { Party } from '../core/events.ts';

/** What the host's CRM lookup is told about the call. */
export interface CrmLookupCall {
  readonly callId: string;
  readonly from: Party;
  readonly to: Party;
  readonly dnis?: string;
  readonly ani?: string;
  /** The data the INVITE carried, if any. */
  readonly data?: CallDataObject;
}

export interface CrmLookupResult {
  readonly name?: string;
  readonly fields?: CallDataObject;
  readonly record?: CrmRecord;
}

/** The host's hook: find the caller in the CRM. It may throw, reject or never settle: we cope. */
export type CrmLookup = (
  call: CrmLookupCall,
  options: { readonly signal: AbortSignal },
) => Promise<CrmLookupResult | null | undefined> | CrmLookupResult | null | undefined;

const resultSchema = z.object({
  name: z.optional(z.string().check(z.maxLength(256))),
  fields: z.optional(callDataObjectSchema),
  record: z.optional(crmRecordSchema),
});

export type CrmOutcome =
  | { readonly status: 'ok'; readonly result: CrmLookupResult }
  | { readonly status: 'none' }
  | { readonly status: 'unavailable'; readonly reason: string };

/** Runs the hook with a deadline and the call's signal; its answer is parsed, never trusted. */
export async function runCrmLookup(
  lookup: CrmLookup,
  call: CrmLookupCall,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<CrmOutcome> {
  const own = new AbortController();
  const onAbort = () => own.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<CrmOutcome>((resolve) => {
    timer = setTimeout(() => {
      // Settle first: aborting tells the hook to stop, and would settle this as "aborted".
      resolve({ status: 'unavailable', reason: `CRM lookup did not answer within ${timeoutMs} ms` });
      own.abort();
    }, timeoutMs);
    own.signal.addEventListener('abort', () => resolve({ status: 'unavailable', reason: 'aborted' }), {
      once: true,
    });
  });
  const answer = (async (): Promise<CrmOutcome> => {
    const raw: unknown = await lookup(call, { signal: own.signal });
    if (raw === null || raw === undefined) return { status: 'none' };
    const parsed = resultSchema.safeParse(raw);
    if (!parsed.success) return { status: 'unavailable', reason: 'CRM lookup returned an invalid result' };
    const { name, fields, record } = parsed.data;
    const result: CrmLookupResult = {
      ...(name !== undefined && name.trim() !== '' ? { name } : {}),
      ...(fields ? { fields } : {}),
      ...(record ? { record } : {}),
    };
    return Object.keys(result).length === 0 ? { status: 'none' } : { status: 'ok', result };
  })().catch((e: unknown) => ({
    status: 'unavailable' as const,
    reason: `CRM lookup failed: ${e instanceof Error ? e.message : 'error'}`.slice(0, 200),
  }));
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
