/**
 * Reconnection delay: exponential from `baseMs` to `maxMs` with "full jitter" on the upper half,
 * so that many agents dropped by one server restart do not come back in lockstep. Never gives up.
 */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1000, maxMs: 30_000 };

/** `attempt` counts from 0; `random` is in [0, 1). */
export function backoffDelay(attempt: number, random: number, opts: BackoffOptions = defaultBackoff): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
