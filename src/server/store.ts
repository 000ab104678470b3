import type { Result } from '../core/result.ts';

/** What a POST asks the store to do: take a DNIS from `pool` whose DNIS:ANI is not live. */
export interface AllocateRequest {
  /** Candidate DNIS numbers, in the order they should be tried. */
  readonly pool: readonly string[];
  readonly ani: string;
  /** The serialized JSON value; the store never looks inside it. */
  readonly value: string;
  readonly ttlMs: number;
}

export type StoreError =
  /** Every DNIS of the pool is live for this ANI. */
  | { readonly kind: 'pool-exhausted'; readonly retryAfterMs: number }
  /** The store holds its maximum number of entries. */
  | { readonly kind: 'full'; readonly retryAfterMs: number }
  /** The backing store did not answer (Redis down, timed out, closed). */
  | { readonly kind: 'unavailable'; readonly reason: string };

export type StoreResult<T> = Result<T, StoreError>;

/**
 * The call-data cache: DNIS:ANI-keyed values that expire by themselves.
 * Implementations: memory-store.ts (one process), redis-store.ts (shared).
 */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  /** Atomically picks a DNIS whose key is free and stores the value under DNIS:ANI. */
  allocate(req: AllocateRequest): Promise<StoreResult<{ dnis: string }>>;
  /** The live value, or undefined. */
  get(key: string): Promise<StoreResult<string | undefined>>;
  /** Fetches and removes in one step: two concurrent callers never both get the value. */
  getAndDelete(key: string): Promise<StoreResult<string | undefined>>;
  /** Ok when the store answers (readiness). */
  ping(): Promise<StoreResult<void>>;
  close(): Promise<void>;
}

/** The store key for a DNIS and an ANI, as in the seed's URL: `DNIS:ANI`. */
export const entryKey = (dnis: string, ani: string): string => `${dnis}:${ani}`;

/**
 * Rotates the starting point through a pool so consecutive calls spread over
 * its numbers (a DNIS is not reused right away when others are free). Stores
 * try `pool[(start + i) % pool.length]` for i = 0, 1, ….
 */
export class PoolCursor {
  // Keyed by the pool array itself (config pools live as long as the service);
  // weak, so a caller passing fresh arrays does not grow this without bound.
  readonly #next = new WeakMap<readonly string[], number>();

  start(pool: readonly string[]): number {
    const start = (this.#next.get(pool) ?? 0) % Math.max(pool.length, 1);
    this.#next.set(pool, start + 1);
    return start;
  }
}
