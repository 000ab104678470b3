/**
 * The one way telephony waits: every wait has a bound and an AbortSignal, and clears its timer
 * however it ends, so that stopping the phone leaves nothing of ours pending.
 */

/**
 * Settles with the first value passed to `answer`; with `fallback` after `ms` (no timer when `ms`
 * is Infinity) or at once when `signal` aborts. A throw from `start` also settles with `fallback`.
 */
export function deadline<T>(
  ms: number,
  fallback: T,
  signal: AbortSignal,
  start: (answer: (value: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const settle = (value: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => settle(fallback);
    if (signal.aborted) return settle(fallback);
    signal.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(ms)) timer = setTimeout(onAbort, ms);
    try {
      start(settle);
    } catch {
      settle(fallback);
    }
  });
}

/** Runs `fn` after `ms` unless `signal` aborts first. Returns a cancel function (safe to call twice). */
export function after(ms: number, signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) return () => undefined;
  const cancel = () => {
    clearTimeout(timer);
    signal.removeEventListener('abort', cancel);
  };
  const timer = setTimeout(() => {
    cancel();
    fn();
  }, ms);
  signal.addEventListener('abort', cancel, { once: true });
  return cancel;
}

/**
 * A controller that also aborts when `parent` does, e.g. one call's life inside the phone's.
 * Aborting the child detaches it from the parent, so long-lived parents do not collect listeners.
 */
export function childController(parent: AbortSignal): AbortController {
  const child = new AbortController();
  const forward = () => child.abort(parent.reason);
  if (parent.aborted) forward();
  else {
    parent.addEventListener('abort', forward, { once: true });
    child.signal.addEventListener('abort', () => parent.removeEventListener('abort', forward), {
      once: true,
    });
  }
  return child;
}
