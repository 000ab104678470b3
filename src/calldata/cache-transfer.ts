import type { CallControl, ControlResult, TransferOptions } from '../core/call-control.ts';
import { err } from '../core/result.ts';
import { storeInCache, type CacheClientOptions } from './cache-client.ts';

type Transfer = CallControl['transfer'];

/**
 * Seed 000's transfer, in front of the telephony adapter's blind transfer: with `via: 'cache'`
 * the data is POSTed with the caller's ANI, and the call is transferred to the DNIS the cache
 * hands out from `pool` (the target system's numbers), where the receiving phone finds the data by
 * DNIS:ANI. If the cache refuses, nothing is transferred and the agent is told why.
 * Any other transfer passes through untouched.
 */
export function transferViaCache(cache: CacheClientOptions | undefined, transfer: Transfer): Transfer {
  return async (callId, target, options: TransferOptions = {}): Promise<ControlResult> => {
    if (options.via !== 'cache') return transfer(callId, target, options);
    const fail = (message: string) => err({ code: 'cache-error' as const, message, callId });
    if (!cache) return fail('No call-data cache is configured');
    if (!options.ani) return fail('The caller’s number is unknown: the cache keys data by it');
    const entry = {
      value: options.data ?? {},
      ani: options.ani,
      ...(options.pool !== undefined ? { pool: options.pool } : {}),
    };
    const stored = await storeInCache(cache, entry, new AbortController().signal);
    if (!stored.ok) return fail(`The transfer data could not be stored: ${stored.error}`);
    // The data travels in the cache; the REFER itself carries only what the host attached as UUI.
    return transfer(callId, stored.value.dnis, options.uui ? { uui: options.uui } : {});
  };
}
