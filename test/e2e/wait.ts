// Polling and time bounds for browser e2e tests: await a condition, fail with a message saying what.

export interface WaitOptions {
  /** Give up after this many ms (default 10 000: generous for a busy 2-core machine). */
  readonly timeout?: number;
  /** What is awaited, for the failure message, e.g. "1002 registered"; a function is read at failure time. */
  readonly what?: string | (() => string);
  /** Poll interval in ms (default 20). */
  readonly interval?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `predicate` until it returns a truthy value, and resolves with that value.
 * Rejects with `Timed out after N ms waiting for <what>` (plus the last error the predicate threw).
 * Uses setTimeout, not requestAnimationFrame: rAF is throttled in background pages.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeout = 10_000, what = 'condition', interval = 20 }: WaitOptions = {},
): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const deadline = performance.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as Exclude<T, false | 0 | '' | null | undefined>;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const described = typeof what === 'function' ? what() : what;
      throw new Error(`Timed out after ${timeout} ms waiting for ${described}${cause}`);
    }
    await sleep(interval);
  }
}

/** Rejects with `Timed out after N ms: <what>` if `promise` does not settle in time. */
export async function withTimeout<T>(promise: Promise<T>, timeout: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeout} ms: ${what}`)), timeout);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms`: only for "nothing may happen during this window" checks, never to await an event. */
export const observeFor = sleep;
